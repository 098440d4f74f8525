import type { ChainVerification } from '../../../shared/schemas/audit';
import type { Cell } from './pdf/PdfCanvas';
import { TONES } from './pdf/palette';

/** The verification block's three facts, worded the same in every report (case and batch index). */
export function chainVerificationRows(chain: ChainVerification): [string, Cell][] {
  return [
    ['Audit chain at export', chain.valid ? { text: 'VERIFIED', tone: TONES.ok } : { text: 'BROKEN', tone: TONES.danger }],
    [
      'Events checked',
      chain.fromCheckpoint ? `${chain.checked}: those up to event #${chain.fromCheckpoint} vouched for by the signed checkpoint there, the rest hashed again` : `${chain.checked}, each hashed again`,
    ],
    ['First broken row', chain.firstBroken ? `#${chain.firstBroken.seq}: ${chain.firstBroken.problem}` : 'none'],
  ];
}
