import { ServiceFailure } from '../../electron/service/core/ServiceFailure';

/** The ServiceFailure a call throws; anything else it throws, or no throw at all, fails the test. */
export function refusal(fn: () => unknown): ServiceFailure {
  try {
    fn();
  } catch (e) {
    if (e instanceof ServiceFailure) return e;
    throw e;
  }
  throw new Error('expected a refusal (a ServiceFailure)');
}

/** The ServiceFailure a promise rejects with; see `refusal`. */
export async function asyncRefusal(p: Promise<unknown>): Promise<ServiceFailure> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ServiceFailure) return e;
    throw e;
  }
  throw new Error('expected a refusal (a ServiceFailure)');
}
