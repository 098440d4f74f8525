import { z } from 'zod';
import { op } from '../operationSpec';
import { auditAnchorSchema } from '../schemas/auditAnchor';

export const receivedAnchorSchema = z.object({
  keyId: z.string(),
  seq: z.number().int(),
  head: z.string(),
  signedAt: z.string(),
  receivedAt: z.string(),
  /** Another head was signed for the same event: the sender's chain was rewritten. */
  conflict: z.boolean(),
});
export type ReceivedAnchor = z.infer<typeof receivedAnchorSchema>;

/**
 * Signed checkpoints travelling between workstations (issue 14, part 7): a branch sends each
 * checkpoint of its audit chain to the central server through its outbox; the central keeps
 * them, so a branch that rewrites its chain cannot also rewrite what the central holds.
 */
export const anchorContract = {
  /** A branch's checkpoint arriving (its intake or officer token, as the rest of its sync). */
  'audit.receiveAnchor': op({
    input: z.object({ anchor: auditAnchorSchema }),
    output: z.object({ status: z.enum(['recorded', 'known', 'conflict']) }),
    roles: ['branch_staff', 'officer', 'senior_officer', 'admin'],
    mutates: true,
  }),
  'audit.receivedAnchors': op({ input: z.object({}).strict(), output: z.array(receivedAnchorSchema), roles: ['auditor', 'admin'], mutates: false }),
};
