/** The OCR-read profile fields a kycService client may confirm or correct (as `cases.editField`). */
export const EDITABLE_FIELDS_FOR_CONFIRM = ['firstName', 'middleName', 'lastName', 'dateOfBirth', 'nationality', 'document.number', 'document.expeditionDate'] as const;
