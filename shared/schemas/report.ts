import { z } from 'zod';
import { CASE_STATUSES } from '../caseStatus';
import { PROFILE_TYPES } from './profile';
import { isoDate } from './common';
import { isCountryCode } from '../countries';

/** Who may download a case's audit report: the people who answer for decisions, and the auditors. */
export const REPORT_READERS = ['senior_officer', 'auditor', 'admin'] as const;
/** Batch exports are an audit activity: auditors and admins. */
export const BATCH_EXPORTERS = ['auditor', 'admin'] as const;

export const EXPORT_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export type ExportStatus = (typeof EXPORT_STATUSES)[number];

export const EXPORT_FORMATS = ['zip', 'folder'] as const;
/** Which date of a case the range applies to. */
export const EXPORT_DATE_FIELDS = ['created', 'submitted', 'closed'] as const;
/** The latest decision's action; 'none' selects cases nobody has decided yet. */
export const EXPORT_DECISIONS = ['approve', 'reject', 'request_resubmission', 'none'] as const;

/** At most this many cases per batch: a year of a branch's cases, still one job of minutes. */
export const MAX_EXPORT_CASES = 20_000;

const exportFilters = (country: z.ZodType<string, string>) =>
  z
    .object({
      from: isoDate('from'),
      to: isoDate('to'),
      dateField: z.enum(EXPORT_DATE_FIELDS).default('created'),
      statuses: z.array(z.enum(CASE_STATUSES)).max(CASE_STATUSES.length).default([]),
      countries: z.array(country).max(250).default([]),
      decisions: z.array(z.enum(EXPORT_DECISIONS)).max(EXPORT_DECISIONS.length).default([]),
      profileType: z.enum(PROFILE_TYPES).optional(),
    })
    .refine((f) => f.from <= f.to, { error: 'the start date must not be after the end date', path: ['to'] });

export const exportFiltersSchema = exportFilters(
  z
    .string()
    .trim()
    .toUpperCase()
    .refine(isCountryCode, { error: (issue) => `${String(issue.input)} is not a country code (ISO 3166-1 alpha-2, such as CO or MX)` }),
);
/** Jobs stored before country codes were checked against the list keep the codes they named. */
export const storedExportFiltersSchema = exportFilters(z.string().trim().toUpperCase().length(2));
export type ExportFilters = z.output<typeof exportFiltersSchema>;

export const startExportInputSchema = z.object({ filters: exportFiltersSchema, format: z.enum(EXPORT_FORMATS).default('zip') });

export const exportJobSchema = z.object({
  id: z.string(),
  status: z.enum(EXPORT_STATUSES),
  format: z.enum(EXPORT_FORMATS),
  filters: storedExportFiltersSchema,
  /** Cases the filters selected when the job started; null while queued. */
  caseCount: z.number().int().nullable(),
  doneCount: z.number().int(),
  /** 0..1, for the progress bar. */
  progress: z.number(),
  step: z.string().nullable(),
  /** The zip file or folder name under the exports folder, once written. */
  outputName: z.string().nullable(),
  /** SHA-256 of the zip, or of the manifest for a folder. */
  outputSha256: z.string().nullable(),
  byteSize: z.number().int().nullable(),
  errorCode: z.string().nullable(),
  errorMessage: z.string().nullable(),
  createdAt: z.string(),
  createdBy: z.string(),
  createdByName: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export type ExportJob = z.infer<typeof exportJobSchema>;

export const casePdfSchema = z.object({
  fileName: z.string(),
  sha256: z.string(),
  byteSize: z.number().int(),
  pages: z.number().int(),
  /** The PDF itself, for the browser shell to save. */
  dataBase64: z.string(),
  /** Where the PDF and its `.sha256` sidecar were written on this workstation. */
  savedTo: z.string(),
});
export type CasePdf = z.infer<typeof casePdfSchema>;

export const exportFileSchema = z.object({
  fileName: z.string(),
  /** Absolute path on this workstation (zip file or folder). */
  path: z.string(),
  mimeType: z.string(),
  sha256: z.string(),
  byteSize: z.number().int(),
});
export type ExportFile = z.infer<typeof exportFileSchema>;
