/** The service's only source of time, so tests can move it (session expiry, ages, SLAs). */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();
