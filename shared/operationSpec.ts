import type { z } from 'zod';
import type { Role } from './schemas/operator';

/**
 * One operation of the contract: its zod input and output, who may call it, and whether it
 * changes state. Area slices in shared/contracts/ use `op` too, so they type the same way.
 */
export interface OperationSpec<I extends z.ZodType, O extends z.ZodType> {
  input: I;
  output: O;
  /** 'public' operations run without a session: sign-in and the first-run setup. */
  roles: readonly Role[] | 'public';
  /** Operations that change state; auditors may never call one. */
  mutates: boolean;
}

export function op<I extends z.ZodType, O extends z.ZodType>(spec: OperationSpec<I, O>): OperationSpec<I, O> {
  return spec;
}

/** Who may see the review queue; branch staff work in onboarding, not review. */
export const QUEUE_READERS = ['officer', 'senior_officer', 'auditor', 'admin'] as const;
export const REVIEWERS = ['officer', 'senior_officer'] as const;
export const INTAKE = ['branch_staff', 'officer', 'senior_officer'] as const;
export const EVERYONE = ['officer', 'senior_officer', 'branch_staff', 'auditor', 'admin'] as const;

