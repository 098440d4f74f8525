import type { Contract, OperationName, OutputOf, ParsedInputOf } from '../../../shared/contract';
import type { Operator } from '../../../shared/schemas/operator';
import type { ServiceDeps } from '../core/ServiceDeps';

export interface PublicContext {
  deps: ServiceDeps;
  /** One timestamp per call, so every row a call writes carries the same time. */
  now: Date;
  /** Runs `fn` in one SQLite transaction: all of its writes land, or none do. */
  tx<T>(fn: () => T): T;
  /** The transport's name for the caller (`http <address>`, `desktop app`, `in-process`): sign-in throttling counts per client. */
  client: string;
}

export interface AuthedContext extends PublicContext {
  actor: Operator;
  tokenHash: string;
}

export type ContextFor<K extends OperationName> = Contract[K]['roles'] extends 'public' ? PublicContext : AuthedContext;

export type Handler<K extends OperationName> = (
  input: ParsedInputOf<K>,
  ctx: ContextFor<K>,
) => OutputOf<K> | Promise<OutputOf<K>>;

/** One handler per contract operation: a missing or mistyped one fails the type check. */
export type Handlers = { [K in OperationName]: Handler<K> };

/** For a module that implements a slice of the contract. */
export type HandlerSlice<K extends OperationName> = { [P in K]: Handler<P> };
