/**
 * Programmable faults for the Didit and KillB fakes (issue 11, "Proof").
 *
 * A fault is chosen per request, by route id (e.g. `createSession`, `createUser`), from:
 *   1. a per-route queue the test fills (`enqueue`), consumed first, in order; then
 *   2. the `'*'` queue (any route); then
 *   3. an optional seeded random plan (`setRandom`).
 *
 * Randomness is deterministic: the n-th request on route r draws from a PRNG seeded with
 * hash(seed, r, n), so a soak run with the same seed sees the same faults on the same requests
 * however requests to *different* routes interleave. (Requests to the *same* route must arrive in
 * the same order for a run to repeat; a connector delivering one outbox row at a time does that.)
 *
 * Everything is bounded so that no client retry loop can run forever against a fake:
 *   - random faults on one route never come more than `maxConsecutive` times in a row (default 3),
 *     so the request after that passes;
 *   - a `budget` caps the random faults of the whole plan;
 *   - `hang` holds a request at most `ms` (default 2 s, never more than MAX_HANG_MS) and then
 *     destroys the socket; closing the fake destroys every held socket at once.
 */

/** What the fake does instead of (or around) answering normally. */
export type Fault =
  /** Answer this status without running the route (no effect). 503 may carry `Retry-After`. */
  | { kind: 'serverError'; status?: 500 | 502 | 503 | 504; retryAfterSeconds?: number }
  /** Answer 429 with `Retry-After: retryAfterSeconds` without running the route (no effect). */
  | { kind: 'rateLimited'; retryAfterSeconds: number }
  /** Wait `ms`, then run the route and answer normally: past a client timeout, the effect still lands. */
  | { kind: 'delay'; ms: number }
  /** Never answer: hold the socket `ms` (default 2000), then destroy it. The route never runs. */
  | { kind: 'hang'; ms?: number }
  /** Destroy the connection (TCP RST) after reading the request. The route never runs. */
  | { kind: 'reset' }
  /** Run the route (its effect is committed), then destroy the connection instead of answering. */
  | { kind: 'commitThenLose' };

export type FaultKind = Fault['kind'];
export const FAULT_KINDS: readonly FaultKind[] = ['serverError', 'rateLimited', 'delay', 'hang', 'reset', 'commitThenLose'];

/** Upper bound of any hang, so a forgotten fault never keeps a test process alive. */
export const MAX_HANG_MS = 120_000;

export interface RandomFaultOptions {
  seed: number;
  /** Probability of each kind per request; the sum must be at most 1 (the rest pass). */
  rates: Partial<Record<FaultKind, number>>;
  /** Route ids the plan applies to; default every route of the fake. */
  routes?: readonly string[];
  /** Retry-After of random 429s (and of random 503s), drawn uniformly; default 1..1 s. */
  retryAfterSeconds?: { min: number; max: number };
  /** Statuses random server errors draw from; default [500, 502, 503]. */
  serverErrorStatuses?: readonly (500 | 502 | 503 | 504)[];
  /** Delay of random `delay` faults, drawn uniformly; default 20..200 ms. */
  delayMs?: { min: number; max: number };
  /** How long a random `hang` holds the socket; default 2000 ms. Make it longer than the client timeout. */
  hangMs?: number;
  /** Random faults in a row on one route before one request is let through; default 3. */
  maxConsecutive?: number;
  /** Random faults in all before the plan goes quiet; default unlimited. */
  budget?: number;
}

export interface InjectedFault {
  route: string;
  /** 1-based index of the request on its route (every request counts, faulted or not). */
  n: number;
  fault: Fault;
  source: 'queue' | 'random';
}

/** mulberry32: small, fast, and good enough to pick faults; not for anything secret. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a over the parts: turns (seed, route, n) into a PRNG seed. */
export function hashSeed(...parts: readonly (string | number)[]): number {
  let h = 0x811c9dc5;
  for (const ch of parts.join('\u0000')) {
    h ^= ch.codePointAt(0) ?? 0;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** A PRNG for the n-th draw of a named stream: reproducible whatever else ran before. */
export function streamRandom(seed: number, stream: string, n: number): () => number {
  return mulberry32(hashSeed(seed, stream, n));
}

/** A deterministic UUID-shaped id from a PRNG, so a seeded fake hands out the same ids every run. */
export function seededUuid(rand: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(rand() * 16).toString(16));
  hex[12] = '4';
  hex[16] = ((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

const between = (rand: () => number, r: { min: number; max: number }): number => r.min + Math.floor(rand() * (r.max - r.min + 1));

export class FaultPlan {
  private readonly queues = new Map<string, Fault[]>();
  private readonly counters = new Map<string, number>();
  private readonly streaks = new Map<string, number>();
  private random: RandomFaultOptions | null = null;
  private randomSpent = 0;
  /** Every fault injected so far, in order. */
  readonly injected: InjectedFault[] = [];

  /** Faults for the next requests on `route` (`'*'` for any route), consumed in order. */
  enqueue(route: string, ...faults: Fault[]): this {
    for (const f of faults) validateFault(f);
    const q = this.queues.get(route) ?? [];
    q.push(...faults);
    this.queues.set(route, q);
    return this;
  }

  /** Turn the seeded random plan on (or off with null). Resets the random budget and streaks. */
  setRandom(opts: RandomFaultOptions | null): this {
    if (opts) {
      const sum = Object.values(opts.rates).reduce((a, b) => a + (b ?? 0), 0);
      if (sum > 1 + 1e-9 || Object.values(opts.rates).some((r) => (r ?? 0) < 0)) throw new Error(`fault rates must be >= 0 and sum to at most 1 (got ${sum})`);
      if (opts.hangMs !== undefined && (opts.hangMs < 0 || opts.hangMs > MAX_HANG_MS)) throw new Error(`hangMs must be within 0..${MAX_HANG_MS}`);
    }
    this.random = opts;
    this.randomSpent = 0;
    this.streaks.clear();
    return this;
  }

  /** Drop queued faults and the random plan; keeps the log and the request counters. */
  clear(): void {
    this.queues.clear();
    this.random = null;
    this.streaks.clear();
  }

  /** Queued faults not yet consumed (for `route`, or in all). */
  pending(route?: string): number {
    if (route !== undefined) return this.queues.get(route)?.length ?? 0;
    let n = 0;
    for (const q of this.queues.values()) n += q.length;
    return n;
  }

  /** Requests seen on a route (faulted or not). */
  requestsOn(route: string): number {
    return this.counters.get(route) ?? 0;
  }

  /** Injected faults, optionally of one kind and/or on one route. */
  count(kind?: FaultKind, route?: string): number {
    return this.injected.filter((i) => (kind === undefined || i.fault.kind === kind) && (route === undefined || i.route === route)).length;
  }

  /** Called once per routed request by a fake: the fault to apply, or null to answer normally. */
  next(route: string): Fault | null {
    const n = (this.counters.get(route) ?? 0) + 1;
    this.counters.set(route, n);
    for (const key of [route, '*']) {
      const q = this.queues.get(key);
      const f = q?.shift();
      if (f) {
        this.injected.push({ route, n, fault: f, source: 'queue' });
        return f;
      }
    }
    const f = this.drawRandom(route, n);
    if (f) this.injected.push({ route, n, fault: f, source: 'random' });
    return f;
  }

  private drawRandom(route: string, n: number): Fault | null {
    const o = this.random;
    if (!o) return null;
    if (o.routes && !o.routes.includes(route)) return null;
    if (o.budget !== undefined && this.randomSpent >= o.budget) return null;
    const streak = this.streaks.get(route) ?? 0;
    if (streak >= (o.maxConsecutive ?? 3)) {
      // The bound that guarantees progress: after a run of faults one request goes through.
      this.streaks.set(route, 0);
      return null;
    }
    // Each request's draw depends only on (seed, route, n), never on what other routes drew.
    const rand = streamRandom(o.seed, route, n);
    const x = rand();
    let acc = 0;
    let kind: FaultKind | null = null;
    for (const k of FAULT_KINDS) {
      acc += o.rates[k] ?? 0;
      if (x < acc) {
        kind = k;
        break;
      }
    }
    if (!kind) {
      this.streaks.set(route, 0);
      return null;
    }
    this.streaks.set(route, streak + 1);
    this.randomSpent += 1;
    const retryAfter = o.retryAfterSeconds ?? { min: 1, max: 1 };
    switch (kind) {
      case 'serverError': {
        const statuses = o.serverErrorStatuses ?? [500, 502, 503];
        const status = statuses[Math.floor(rand() * statuses.length)] ?? 500;
        return status === 503 ? { kind, status, retryAfterSeconds: between(rand, retryAfter) } : { kind, status };
      }
      case 'rateLimited':
        return { kind, retryAfterSeconds: between(rand, retryAfter) };
      case 'delay':
        return { kind, ms: between(rand, o.delayMs ?? { min: 20, max: 200 }) };
      case 'hang':
        return { kind, ms: o.hangMs ?? 2000 };
      case 'reset':
      case 'commitThenLose':
        return { kind };
    }
  }
}

function validateFault(f: Fault): void {
  if (f.kind === 'hang' && f.ms !== undefined && (f.ms < 0 || f.ms > MAX_HANG_MS)) throw new Error(`hang ms must be within 0..${MAX_HANG_MS}`);
  if (f.kind === 'delay' && (f.ms < 0 || f.ms > MAX_HANG_MS)) throw new Error(`delay ms must be within 0..${MAX_HANG_MS}`);
  if (f.kind === 'rateLimited' && !(f.retryAfterSeconds >= 0)) throw new Error('rateLimited needs retryAfterSeconds >= 0');
}
