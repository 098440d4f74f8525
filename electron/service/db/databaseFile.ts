/** The SQLite file in a data folder. Its own module so that tools reading a store need not load the service. */
export const DATABASE_FILE = 'kyc.sqlite';
