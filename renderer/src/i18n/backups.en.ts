/** The admin's Backups page: encrypted copies of the store, where and how often they are made. English. */
export const backupsEn = {
  title: 'Backups',
  intro: 'Encrypted copies of the whole store (cases, evidence, audit trail) in a folder on this machine or a mounted drive. Restore one with npm run restore into a new folder; it is restored only if the passphrase is right and the audit chain verifies.',
  schedule: 'Where and how often',
  dir: 'Folder (absolute path)',
  keep: 'Daily backups kept',
  passphrase: 'Passphrase (12+ characters)',
  passphraseReplace: 'New passphrase (leave empty to keep it)',
  daily: 'Back up every day',
  save: 'Save',
  note: 'Keep the passphrase somewhere else: without it no backup can be restored. It is stored sealed and never shown again.',
  last: 'Last backup',
  lastOk: '{{at}}: {{file}}',
  lastFailed: '{{at}}: failed ({{error}})',
  never: 'None yet.',
  runNow: 'Back up now',
  running: 'Backing up…',
};
