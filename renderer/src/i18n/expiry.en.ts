/** Strings for expired applications (Didit: an unfinished session expires) and their restart. */
export const expiryEn = {
  title: 'This application expired',
  explain: 'Nothing happened on it for {{days}} days while it waited on the customer. Restart it to let the customer carry on where they left off; what is on file stays.',
  explainNoDays: 'Nothing happened on it for the policy’s expiry period while it waited on the customer. Restart it to let the customer carry on where they left off; what is on file stays.',
  diditExpired: 'Didit reported its session {{id}} expired (imported on {{at}}): the customer did not finish it. Restart the application to give the customer a new Didit session; what is on file stays.',
  diditKycExpired: 'Didit reported that the verification of session {{id}} has expired (imported on {{at}}): the document it verified is no longer valid, so the approval no longer holds. Restart the application to ask the customer for a new Didit session; what is on file stays.',
  restart: 'Restart application',
  restarted: 'Application restarted: it is in progress again.',
};
