import { z } from 'zod';

/**
 * The engine's words as data: a key into a catalogue and its parameters. The service keeps an
 * English `message` beside it (the API, the PDF and the audit read that); the workstation shows
 * the key in the officer's language. Numbers arrive formatted, so both languages show the same
 * precision. English lives here once: the service formats it and the renderer's English strings
 * are this catalogue.
 */
export const ENGINE_TEXTS = {
  // Capture quality
  qualityProblem: '{{image}}: {{problem}}',
  noImageAssessed: 'no image could be assessed',
  imageUnusable: '{{image}}: {{problem}} ({{code}})',
  imageTooLarge: '{{image}}: the image has {{mp}} MP; the limit is {{limit}} MP ({{code}})',
  // OCR and MRZ
  noDocumentImage: 'no document image',
  noDocumentFrontOnFile: 'no document front on file',
  documentFrontUnreadable: 'document front unreadable',
  noMrzFound: 'no machine-readable zone found on the document',
  noMrzForType: 'a {{documentType}} carries no machine-readable zone: compare the document with the profile by eye',
  mrzDigitsFail: 'MRZ check digits do not verify',
  // Face match and presentation attack
  noSelfie: 'no selfie',
  noSelfieOnFile: 'no selfie on file',
  noDocumentFrontForPortrait: 'no document front to take the portrait from',
  noFacePair: 'no document and selfie pair to compare',
  faceBelowDecline: 'face match score {{score}} below the decline threshold {{threshold}} (similarity {{similarity}})',
  faceBelowThreshold: 'similarity {{similarity}} below the threshold {{threshold}}',
  multipleFacesSelfie: 'more than one face in the selfie',
  noFaceSelfie: 'no face found in the selfie',
  noPortrait: 'no portrait found on the document',
  attackScore: 'attack score {{score}} at or above {{threshold}}',
  // Liveness
  livenessNone: 'no liveness session on this case',
  livenessExpired: 'the newest liveness session expired before it was completed',
  livenessPending: 'the newest liveness session is not completed yet',
  livenessFailed: 'the liveness challenge failed',
  livenessFailedActions: 'the liveness challenge failed: {{passed}} of {{required}} required actions seen',
  livenessOtherPerson: 'the person in the liveness clips is not the person in the {{reference}} (similarity {{similarity}} below {{threshold}})',
  livenessNotCompared: 'the face in the liveness clips was not compared with the selfie or the document portrait',
  livenessNoReferenceFace: 'no usable face in the {{reference}} to compare the liveness clips with',
  livenessNoClipFace: 'no face found in a liveness clip to compare with the {{reference}}',
  livenessRemoteFailed: 'a remote liveness provider reported a failure',
  // Screening
  blocklistDocument: 'document {{number}} is on the blocklist',
  duplicateDocument: 'another profile has document {{number}}',
  blocklistDocumentRead: "document {{number}}, read from this document's MRZ, is on the blocklist",
  duplicateDocumentRead: "another profile has document {{number}}, read from this document's MRZ",
  blocklistFace: 'the selfie matches a blocklisted face ({{basis}} {{score}})',
  duplicateFace: "the selfie matches another case's selfie ({{basis}} {{score}})",
  sanctionsConfirmed: 'confirmed match on {{source}} entry {{entryId}} ("{{name}}", score {{score}})',
  sanctionsPossible: 'possible match on {{source}} entry {{entryId}} ("{{name}}", score {{score}})',
  policyReview: 'the policy sends every case to an officer',
  // Cross-checks
  crossNoMrz: 'No machine-readable zone was read; the document data could not be compared.',
  crossNoMrzForType: 'A {{documentType}} carries no machine-readable zone; compare its data with the profile by eye.',
  crossNameNotEntered: 'No name was entered yet; the customer confirms the document fields next',
  crossNameSimilarity: 'Name similarity {{similarity}} (match at {{match}}, allowing transliteration and MRZ truncation)',
  crossBirthUnreadable: 'The MRZ birth date is unreadable',
  crossBirthNotEntered: 'No date of birth was entered yet',
  crossBirthCompared: 'Date of birth on the document against the profile',
  crossAge: 'Age on the document: {{age}}',
  crossNumberNotEntered: 'No document number was entered yet',
  crossNumberCompared: 'Document number on the document against the profile',
  crossNumberNotInMrz: "The profile's document is a {{documentType}}, whose number is not in this MRZ",
  crossNationalityCompared: 'Nationality on the document against the profile',
  crossExpiryUnreadable: 'The MRZ expiry date is unreadable',
  crossValidUntil: 'Valid until {{date}}',
  crossExpiredOn: 'Expired on {{date}}',
  crossDeclaredValidUntil: 'Valid until {{date}}, as declared (no expiry date read from an MRZ)',
  crossDeclaredExpiredOn: 'Expired on {{date}}, as declared (no expiry date read from an MRZ)',
  crossDigitsFail: 'Check digits fail: {{fields}}',
  crossDigitsVerify: 'All ICAO 9303 check digits verify',
  crossNotIdentityDocument: 'A {{format}} document (code {{code}}) is not an accepted identity document',
  crossTypeIssuedBy: '{{documentType}} issued by {{country}}',
  crossTypeNotDeclared: '{{documentType}} issued by {{country}}, but the profile declares a {{declared}}',
  crossExpectedAfter: 'after {{date}}',
  crossExpectedIdentityDocument: 'passport or identity card',
  crossExpectedAge: '{{age}}+',
} as const;
export type EngineTextKey = keyof typeof ENGINE_TEXTS;

/** Words a parameter names rather than carries: the renderer translates them too. */
export const ENGINE_TERMS = {
  front: 'document front',
  back: 'document back',
  selfie: 'selfie',
  portrait: 'document portrait',
  BLURRY: 'blurry',
  GLARE: 'glare',
  LOW_RESOLUTION: 'low resolution',
  TOO_DARK: 'too dark',
  OVEREXPOSED: 'overexposed',
  DOCUMENT_TOO_SMALL: 'document too small',
  UNREADABLE_IMAGE: 'unreadable image',
  fileEmpty: 'the file is empty',
  pdfNotAnalysed: 'PDF documents are kept as evidence but not analysed; capture or upload a photo',
  notAnImage: 'the file is not a readable image',
  noDimensions: 'the image has no dimensions',
  truncated: 'the image is truncated or corrupt',
  fused: 'face score',
  fusedV1: 'face score as face description version 1 computed it, a face stored by an earlier face engine',
  faceApiOnly: 'face-api similarity only, a face stored by an earlier face engine without its MobileFace embedding',
  mobilefaceOnly: 'MobileFace similarity only, a face stored by an earlier face engine',
  documentNumber: 'document number',
  birthDate: 'birth date',
  expiryDate: 'expiry date',
  personalNumber: 'personal number',
  composite: 'composite',
} as const;
export type EngineTerm = keyof typeof ENGINE_TERMS;
const TERM_KEYS = Object.keys(ENGINE_TERMS) as [EngineTerm, ...EngineTerm[]];

/**
 * A parameter: a value shown as it is (a number, a date, a name), a term, or a code the
 * renderer names in the officer's language (document types, countries).
 */
export const engineParamSchema = z.union([
  z.string(),
  z.object({ term: z.enum(TERM_KEYS) }),
  z.object({ terms: z.array(z.enum(TERM_KEYS)) }),
  z.object({ documentType: z.string() }),
  z.object({ country: z.string() }),
]);
export type EngineParam = z.infer<typeof engineParamSchema>;

export const engineTextSchema = z.object({
  key: z.enum(Object.keys(ENGINE_TEXTS) as [EngineTextKey, ...EngineTextKey[]]),
  params: z.record(z.string(), engineParamSchema),
});
export type EngineText = z.infer<typeof engineTextSchema>;

export function engineText(key: EngineTextKey, params: Record<string, EngineParam> = {}): EngineText {
  return { key, params };
}

/** How one parameter reads; English by default (the service), the UI passes its own. */
export interface EngineParamWords {
  term(t: EngineTerm): string;
  documentType(code: string): string;
  country(code: string): string;
}

const ENGLISH_WORDS: EngineParamWords = { term: (t) => ENGINE_TERMS[t], documentType: (c) => c, country: (c) => c };

export function engineParamText(p: EngineParam, words: EngineParamWords): string {
  if (typeof p === 'string') return p;
  if ('term' in p) return words.term(p.term);
  if ('terms' in p) return p.terms.map((x) => words.term(x)).join(', ');
  if ('documentType' in p) return words.documentType(p.documentType);
  return words.country(p.country);
}

/** The English sentence: what `message` and `detail` carry. */
export function formatEngineText(text: EngineText): string {
  return ENGINE_TEXTS[text.key].replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    const p = text.params[name];
    return p === undefined ? '' : engineParamText(p, ENGLISH_WORDS);
  });
}

/** Words with their English: what a reason or a detail carries. */
export interface Worded {
  message: string;
  text: EngineText;
}

/** A reason or detail with its English words and the data they were made from. */
export function engineWords(key: EngineTextKey, params: Record<string, EngineParam> = {}): Worded {
  const text = engineText(key, params);
  return { message: formatEngineText(text), text };
}
