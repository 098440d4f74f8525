import type { TempService } from './tempService';
import { personInput } from './profileFixtures';

/** A 1x1 PNG: the smallest real image the evidence store accepts. */
export const TINY_PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5c1d4b70000000049454e44ae426082',
  'hex',
);

/** Intake through the real operations up to `stop`, as branch staff then an officer would. */
export async function caseAt(t: TempService, staff: string, officer: string, stop: 'NOT_STARTED' | 'IN_PROGRESS' | 'SUBMITTED' | 'IN_REVIEW'): Promise<{ caseId: string; version: number }> {
  const must = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  };
  const profile = must(await t.service.call('profiles.createPerson', personInput(), staff));
  const caseId = t.service.deps.cases.byProfileId(profile.id)!.id;
  if (stop === 'NOT_STARTED') return { caseId, version: t.service.deps.cases.byId(caseId)!.version };
  must(await t.service.call('cases.start', { id: caseId }, staff));
  must(await t.service.call('evidence.add', { caseId, kind: 'DOCUMENT_FRONT', fileName: 'front.png', mimeType: 'image/png', dataBase64: TINY_PNG.toString('base64') }, staff));
  if (stop === 'IN_PROGRESS') return { caseId, version: t.service.deps.cases.byId(caseId)!.version };
  must(await t.service.call('cases.submit', { id: caseId }, staff));
  if (stop === 'SUBMITTED') return { caseId, version: t.service.deps.cases.byId(caseId)!.version };
  const claimed = must(await t.service.call('cases.claim', { id: caseId }, officer));
  return { caseId, version: claimed.version };
}
