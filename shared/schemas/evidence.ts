import { z } from 'zod';

export const EVIDENCE_KINDS = [
  'DOCUMENT_FRONT',
  'DOCUMENT_BACK',
  'SELFIE',
  'LIVENESS_CLIP',
  'PROOF_OF_ADDRESS',
  'SOURCE_OF_FUNDS',
  'SUPPLEMENTARY',
] as const;
export const evidenceKindSchema = z.enum(EVIDENCE_KINDS);
export type EvidenceKind = z.infer<typeof evidenceKindSchema>;

export const EVIDENCE_MIME_TYPES = ['image/jpeg', 'image/png', 'application/pdf', 'video/mp4', 'video/webm'] as const;
/** Refused before anything is decoded or written. */
export const MAX_EVIDENCE_BYTES = 25 * 1024 * 1024;

export const evidenceSchema = z.object({
  id: z.string(),
  caseId: z.string(),
  kind: evidenceKindSchema,
  sha256: z.string(),
  mimeType: z.enum(EVIDENCE_MIME_TYPES),
  byteSize: z.number().int(),
  fileName: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
});
export type Evidence = z.infer<typeof evidenceSchema>;
