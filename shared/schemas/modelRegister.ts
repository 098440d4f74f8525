import { z } from 'zod';

/**
 * A shipped model's licence standing: `cleared` when the weights' own licence is known and allows
 * redistribution in a commercial product, `unverified` when none was found (a release is refused).
 */
export const MODEL_STATUSES = ['cleared', 'unverified'] as const;

/** Every model the register may list, by a stable id the UI words in its own language. */
export const MODEL_IDS = ['ssdFaceDetector', 'tinyFaceDetector', 'faceLandmarks', 'faceDescriptor', 'faceExpressions', 'mobileFace', 'blazeFace', 'faceMesh', 'tesseractLstm', 'tesseractLegacy'] as const;
export type ModelId = (typeof MODEL_IDS)[number];

/** One entry of resources/model-licences.json, the register of every model file the app ships. */
export const modelEntrySchema = z.object({
  id: z.enum(MODEL_IDS),
  name: z.string().min(1),
  /** The folder under resources/models the files are copied to. */
  dir: z.string().min(1),
  /** The npm package the files come from, and the folder inside it. */
  package: z.string().min(1),
  from: z.string().min(1),
  files: z.array(z.string().min(1)).min(1),
  usedFor: z.string().min(1),
  upstream: z.string().min(1),
  licence: z.string().min(1),
  trainingData: z.string().min(1),
  status: z.enum(MODEL_STATUSES),
});
export type ModelEntry = z.infer<typeof modelEntrySchema>;

export const modelRegisterSchema = z.object({ schema: z.string(), models: z.array(modelEntrySchema).min(1) });

/** What About shows of each model: enough for an auditor to ask where a score comes from. */
export const shippedModelSchema = modelEntrySchema.pick({ id: true, name: true, package: true, usedFor: true, upstream: true, licence: true, status: true });
export type ShippedModel = z.infer<typeof shippedModelSchema>;
