import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, OPERATION_NAMES, type OperationName } from '../../shared/contract';
import { ErrorCode } from '../../shared/errorCodes';
import type { Result } from '../../shared/result';
import { caseAt } from '../helpers/caseSetup';
import { openTempService, type TempService } from '../helpers/tempService';

/**
 * Property: whatever an authorised caller sends to any contract operation, the answer is a
 * Result: a value, or a coded refusal with a message, never an internal error, and the service
 * answers the next call. Inputs are arbitrary JSON, and objects with each operation's own field
 * names holding arbitrary JSON (so field validation and the handlers behind it are reached).
 * `FUZZ_RUNS` sets the runs per operation (the suite runs a sample; `npm run fuzz` the full count).
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 12);
/** Calls out to a configured remote by design: the offline guard would (rightly) stop it. */
const NETWORK_OPS = new Set<OperationName>(['sync.test']);
const CODE = /^[A-Z]+\.\d{4}$/;

function fieldNames(op: OperationName): string[] {
  const input = contract[op].input as unknown as { shape?: Record<string, unknown> };
  return input.shape ? Object.keys(input.shape) : [];
}

/** Ids that exist in the store, so some random inputs name real rows. */
const realIds: string[] = [];

function inputFor(op: OperationName): fc.Arbitrary<unknown> {
  const keys = fieldNames(op);
  const value = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom(...(realIds.length ? realIds : ['x'])), fc.string({ maxLength: 40 }), fc.integer(), fc.boolean(), fc.constant(null));
  const shaped = keys.length ? fc.dictionary(fc.constantFrom(...keys), value, { maxKeys: keys.length }) : fc.constant({});
  return fc.oneof(shaped, shaped, fc.jsonValue({ maxDepth: 3 }), fc.anything({ maxDepth: 2 }));
}

describe('contract fuzzing (every operation, authorised callers)', () => {
  let t: TempService;
  const tokens = new Map<string, string>();
  const internal: string[] = [];

  beforeAll(async () => {
    t = openTempService();
    const staff = await t.signInAs('branch_staff');
    const officer = await t.signInAs('officer');
    const { caseId } = await caseAt(t, staff, officer, 'IN_REVIEW');
    realIds.push(caseId, t.service.deps.cases.byId(caseId)!.profileId);
  }, 60_000);
  afterAll(() => t.cleanup());

  /** A fresh operator per operation and role: an operation that signs out or disables accounts spoils no other. */
  async function tokenFor(op: OperationName): Promise<string | null> {
    const roles = contract[op].roles;
    if (roles === 'public') return null;
    const key = `${op}:${roles[0]!}`;
    if (!tokens.has(key)) tokens.set(key, await t.signInAs(roles[0]!));
    return tokens.get(key)!;
  }

  it.each(OPERATION_NAMES.filter((op) => !NETWORK_OPS.has(op)))('%s answers every input with a value or a coded refusal', async (op) => {
    const token = await tokenFor(op);
    await fc.assert(
      fc.asyncProperty(inputFor(op), async (input) => {
        const r = (await t.service.callUntyped(op, input, token)) as Result<unknown>;
        if (!r.ok) {
          expect(r.error.code).toMatch(CODE);
          expect(r.error.message.length).toBeGreaterThan(0);
          if (r.error.code === ErrorCode.INTERNAL) internal.push(`${op} ${JSON.stringify(input)?.slice(0, 300)}`);
          expect(r.error.code, `${op} answered an internal error`).not.toBe(ErrorCode.INTERNAL);
        }
      }),
      { numRuns: RUNS, seed: 20261205 },
    );
    // Still answering.
    expect((await t.service.call('setup.status', {}, null)).ok).toBe(true);
  }, 120_000);
});
