import { ErrorCode } from '../../../shared/errorCodes';
import { ServiceFailure } from '../core/ServiceFailure';
import type { DescribeTaskResult } from '../analysis/worker/protocol';
import type { ServiceDeps } from '../core/ServiceDeps';

/**
 * Refuses a selfie in which the face engine finds no face, while the customer is still at the
 * counter: the camera's live check judges light and sharpness only, and a selfie without a face
 * would otherwise be found out at review, after the customer has gone. Without a running engine
 * the selfie is kept and the analysis reports it later. A PDF is no photo to look in.
 */
export async function assertSelfieFace(deps: Pick<ServiceDeps, 'engine'>, bytes: Uint8Array, mimeType: string): Promise<void> {
  const engine = deps.engine;
  if (!engine || mimeType === 'application/pdf') return;
  let found: DescribeTaskResult;
  try {
    found = await engine.pool.run<DescribeTaskResult>('face', { kind: 'describe', image: bytes });
  } catch (e) {
    throw new ServiceFailure(ErrorCode.INVALID_EVIDENCE, `the selfie could not be read: ${e instanceof Error ? e.message : String(e)}`, 'SELFIE');
  }
  if (!found.face) throw new ServiceFailure(ErrorCode.SELFIE_NO_FACE, 'no face was found in the selfie: take it again with the whole face in the frame', 'SELFIE');
}
