import { z } from 'zod';
import { op } from '../operationSpec';
import { BATCH_EXPORTERS, REPORT_READERS, casePdfSchema, exportFileSchema, exportJobSchema, startExportInputSchema } from '../schemas/report';

const jobId = z.object({ id: z.string().trim().min(1, { error: 'id is required' }) });

/**
 * PDF audit reports (issue 6, sections 1 and 2). Exporting reads the store and writes files
 * and an audit event, never case data, so auditors may run it (`mutates: false`).
 */
export const reportContract = {
  /** One case's audit report, also saved with its `.sha256` sidecar under the exports folder. */
  'reports.casePdf': op({ input: z.object({ caseId: z.string().trim().min(1, { error: 'caseId is required' }) }), output: casePdfSchema, roles: REPORT_READERS, mutates: false }),
  /** Queues a batch export; it runs as a persistent job with progress and cancellation. */
  'reports.startExport': op({ input: startExportInputSchema, output: exportJobSchema, roles: BATCH_EXPORTERS, mutates: false }),
  /** Newest first. */
  'reports.listExports': op({ input: z.object({ limit: z.number().int().min(1).max(200).default(50) }), output: z.array(exportJobSchema), roles: BATCH_EXPORTERS, mutates: false }),
  'reports.getExport': op({ input: jobId, output: exportJobSchema, roles: BATCH_EXPORTERS, mutates: false }),
  'reports.cancelExport': op({ input: jobId, output: exportJobSchema, roles: BATCH_EXPORTERS, mutates: false }),
  /** Where a finished export lies; the HTTP shell streams it from GET /exports/<id>/download. */
  'reports.exportFile': op({ input: jobId, output: exportFileSchema, roles: BATCH_EXPORTERS, mutates: false }),
} as const;
