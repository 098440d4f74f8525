import type { HandlerSlice } from './Handlers';
import type { reportContract } from '../../../shared/contracts/reportContract';
import { exportCaseReport } from '../reports/exportCaseReport';
import { cancelExport, exportFileOf, getExport, listExports, startExport } from '../reports/exportOperations';

export const reportHandlers: HandlerSlice<keyof typeof reportContract> = {
  async 'reports.casePdf'(input, ctx) {
    const { deps, actor, now } = ctx;
    const r = await exportCaseReport(deps, input.caseId, actor, now);
    // Exporting personal data is itself audited, with the hash that identifies the file.
    const c = deps.cases.byId(input.caseId)!;
    ctx.tx(() =>
      deps.audit.append({
        at: now.toISOString(),
        actor: { id: actor.id, name: actor.displayName },
        type: 'report.exported',
        caseId: c.id,
        profileId: c.profileId,
        payload: { fileName: r.fileName, sha256: r.sha256, byteSize: r.byteSize, pages: r.pages },
      }),
    );
    return { fileName: r.fileName, sha256: r.sha256, byteSize: r.byteSize, pages: r.pages, dataBase64: r.pdf.toString('base64'), savedTo: r.path };
  },
  'reports.startExport'(input, ctx) {
    return startExport(ctx, input);
  },
  'reports.listExports'(input, { deps }) {
    return listExports(deps, input.limit);
  },
  'reports.getExport'(input, { deps }) {
    return getExport(deps, input.id);
  },
  'reports.cancelExport'(input, ctx) {
    return cancelExport(ctx, input.id);
  },
  'reports.exportFile'(input, { deps }) {
    return exportFileOf(deps, input.id);
  },
};
