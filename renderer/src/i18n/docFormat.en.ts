import { COMPANY_DOCUMENT_TYPES, PERSON_DOCUMENT_TYPES, companyDocumentNumberFormat, documentNumberFormat, type CompanyDocumentType, type PersonDocumentType } from '../../../shared/documentTypes';

/** Document number formats as the form hints and refusals show them: English is the rules' own. */
export const docFormatEn: { person: Record<PersonDocumentType, string>; company: Record<CompanyDocumentType, string> } = {
  person: Object.fromEntries(PERSON_DOCUMENT_TYPES.map((t) => [t, documentNumberFormat(t)])) as Record<PersonDocumentType, string>,
  company: Object.fromEntries(COMPANY_DOCUMENT_TYPES.map((t) => [t, companyDocumentNumberFormat(t)])) as Record<CompanyDocumentType, string>,
};
