import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TempService } from './tempService';
import { personInput } from './profileFixtures';
import type { EvidenceKind } from '../../shared/schemas/evidence';

/** Licensed demo specimens shipped in the repo (resources/demo/SOURCES.md): no fixture folder needed. */
export const DEMO = join(import.meta.dirname, '../../resources/demo');
export const demoImage = (name: string) => readFileSync(join(DEMO, name));

export function mimeOf(bytes: Buffer): 'image/png' | 'image/jpeg' | 'application/pdf' {
  if (bytes[0] === 0x89) return 'image/png';
  if (bytes[0] === 0x25) return 'application/pdf';
  return 'image/jpeg';
}

/** A submitted case whose evidence is `files` (kind → bytes), through the real operations. */
export async function submittedCase(t: TempService, staff: string, files: Partial<Record<EvidenceKind, Buffer>>, profile = personInput()): Promise<string> {
  const p = await t.service.call('profiles.createPerson', profile, staff);
  if (!p.ok) throw new Error(p.error.message);
  const caseId = t.service.deps.cases.byProfileId(p.value.id)!.id;
  const started = await t.service.call('cases.start', { id: caseId }, staff);
  if (!started.ok) throw new Error(started.error.message);
  for (const [kind, bytes] of Object.entries(files) as [EvidenceKind, Buffer][]) {
    const r = await t.service.call('evidence.add', { caseId, kind, fileName: `${kind.toLowerCase()}.bin`, mimeType: mimeOf(bytes), dataBase64: bytes.toString('base64') }, staff);
    if (!r.ok) throw new Error(r.error.message);
  }
  const s = await t.service.call('cases.submit', { id: caseId }, staff);
  if (!s.ok) throw new Error(s.error.message);
  return caseId;
}
