import type { RestReply } from './restEnvelope';

/** Thrown inside a route to answer with a ready envelope (a failed call, a bad parameter). */
export class RestAbort extends Error {
  constructor(readonly reply: RestReply) {
    super(reply.body.message);
  }
}
