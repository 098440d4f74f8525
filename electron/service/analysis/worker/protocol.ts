import type { Worded } from '../../../../shared/schemas/engineText';
import type { FaceMatchResult, MrzResult, PresentationAttackResult, QualityResult } from '../../../../shared/schemas/analysis';
import type { PolicyBody } from '../../../../shared/schemas/policy';
import type { LivenessFaceMatch } from '../../../../shared/schemas/liveness';

/** The pool runs two kinds of worker so each holds one set of models: OCR, and faces. */
export type Lane = 'ocr' | 'face';

export interface DocumentTask {
  kind: 'document';
  front: Uint8Array | null;
  back: Uint8Array | null;
  quality: PolicyBody['quality'] | null;
  runMrz: boolean;
}

export interface SelfieTask {
  kind: 'selfie';
  selfie: Uint8Array | null;
  /** The document image holding the portrait. */
  document: Uint8Array | null;
  quality: PolicyBody['quality'] | null;
  faceThreshold: number | null;
  padThreshold: number | null;
  /** Also the selfie's face read as face description version 1 did (while faces described so are stored). */
  selfieVersion1?: boolean;
}

export interface LivenessTask {
  kind: 'liveness';
  /** Each clip is checked for the actions named with it (one for a challenge, several for eval). */
  clips: { actions: string[]; data: Uint8Array }[];
  /**
   * The photo the clips' face is compared with (the selfie, or the document portrait without
   * one) at the policy's face match threshold; null to skip the comparison (eval, no photo).
   */
  reference?: { kind: 'selfie' | 'document'; image: Uint8Array; threshold: number } | null;
}

/** The face screening stores for an image (its largest face), without comparing it with anything. */
export interface DescribeTask {
  kind: 'describe';
  image: Uint8Array;
  /** Also the descriptor as face description version 1 read it (to recognise a stored version-1 face). */
  version1Descriptor?: boolean;
}

/** Loads the lane's models ahead of the first real task. */
export interface InitTask {
  kind: 'init';
}

interface TaskOfKind {
  document: DocumentTask;
  selfie: SelfieTask;
  liveness: LivenessTask;
  describe: DescribeTask;
}

/** Each task kind's lane: the pool sends a task only to its lane's workers, and a worker refuses any other. */
export const TASK_LANE = { document: 'ocr', selfie: 'face', liveness: 'face', describe: 'face' } as const satisfies Record<keyof TaskOfKind, Lane>;

/** The tasks each lane runs, read from TASK_LANE. */
export type LaneTasks = { [L in Lane]: TaskOfKind[{ [K in keyof TaskOfKind]: (typeof TASK_LANE)[K] extends L ? K : never }[keyof TaskOfKind]] };

export type TaskFor<L extends Lane> = LaneTasks[L] | InitTask;

export type WorkerTask = TaskFor<Lane>;

export interface DocumentTaskResult {
  quality: Record<string, QualityResult>;
  mrz: MrzResult | null;
  mrzRan: boolean;
  notRun: Record<string, Worded>;
  timings: Record<string, number>;
}

export interface SelfieTaskResult {
  quality: Record<string, QualityResult>;
  faceMatch: FaceMatchResult | null;
  /** The selfie's face (face-api descriptor, MobileFace embedding; the latter empty if it could not be taken), for blocklist and duplicate screening. */
  selfieFace: { descriptor: number[]; mobileFace: number[]; version1Descriptor?: number[] } | null;
  presentationAttack: PresentationAttackResult | null;
  notRun: Record<string, Worded>;
  timings: Record<string, number>;
}

export interface DescribeTaskResult {
  /** Null when no face is found. */
  face: (NonNullable<SelfieTaskResult['selfieFace']> & { version1Descriptor?: number[] }) | null;
}

export interface LivenessActionResult {
  clip: number;
  action: string;
  detected: boolean;
  confidence: number;
  evidence: string;
  frames: number;
  facesFound: number;
}

export interface LivenessTaskResult {
  actions: LivenessActionResult[];
  /** Present when a reference was sent. */
  faceMatch?: LivenessFaceMatch;
  timings: Record<string, number>;
}

export interface WorkerRequest {
  id: number;
  task: WorkerTask;
}

export type WorkerMessage =
  | { id: number; type: 'progress'; step: string; fraction: number }
  | { id: number; type: 'result'; value: unknown }
  | { id: number; type: 'error'; code: string; message: string };
