/** Onboarding: the list of applications, and discarding one abandoned before the customer's details were saved. */
export const applicationsEn = {
  discard: {
    title: 'Customer left before giving their details?',
    hint: 'Discarding deletes this application: its consent record, its documents and the unsaved form. It cannot be undone; the audit log keeps only that it happened.',
    button: 'Discard this application…',
    rowButton: 'Discard…',
    rowLabel: 'Discard the unfinished application changed {{age}} ago',
    confirm: 'Discard this unfinished application? Its consent record, documents and unsaved form values are deleted for good.',
    doneEmpty: 'Application discarded; nothing had been recorded in it yet.',
    done: 'Application discarded. Deleted: records {{records}}, stored files {{files}}.',
  },
  list: {
    showing: 'The {{count}} most recently changed.',
    more: 'Show more',
    capped: 'Only the {{count}} most recently changed are listed: search to find the others.',
  },
};
