import { z } from 'zod';

export const JOB_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/** Interactive jobs (someone is waiting at the desk) run before background ones (seeding, imports). */
export const JOB_LANES = ['interactive', 'background'] as const;
export type JobLane = (typeof JOB_LANES)[number];

export const jobSchema = z.object({
  id: z.string(),
  type: z.string(),
  caseId: z.string().nullable(),
  payload: z.record(z.string(), z.unknown()),
  status: z.enum(JOB_STATUSES),
  attempts: z.number().int(),
  maxAttempts: z.number().int(),
  /** 0..1, for the progress bar. */
  progress: z.number(),
  /** The step running now (quality, mrz, faceMatch, ...). */
  step: z.string().nullable(),
  errorCode: z.string().nullable(),
  errorMessage: z.string().nullable(),
  /** Milliseconds per finished step. */
  timings: z.record(z.string(), z.number()),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  createdBy: z.string().nullable(),
  lane: z.enum(JOB_LANES),
});
export type Job = z.infer<typeof jobSchema>;
