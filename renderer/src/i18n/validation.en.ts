/** A form's refusals, keyed by the `params.words` a shared schema's check carries (shared/schemas/common.ts). */
export const validationEn = {
  dateFormat: 'Enter a date as YYYY-MM-DD.',
  notADate: 'This is not a real calendar date.',
  country: 'Choose a country from the list.',
  email: 'Enter a valid email address, such as name@example.com.',
  phone: 'Enter the number with its country code, such as +573001234567.',
  naics: 'A NAICS code has 2 to 6 digits.',
  underage: 'The customer must be {{age}} or over.',
  birthInFuture: 'The date of birth cannot be in the future.',
  foundedInFuture: 'The founding date cannot be in the future.',
  expiryBeforeIssue: 'The expiry date is before the date of issue.',
  documentCountry: '{{type}} is not issued by the chosen country.',
  documentFormat: '{{type}}: the number must be {{format}}.',
  checkDigit: '{{type}}: the number fails its check digit; check it against the document.',
};
