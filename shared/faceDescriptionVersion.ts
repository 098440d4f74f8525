/**
 * The way the face engine describes a face for screening, numbered: stored faces (selfies for
 * duplicate screening, blocklisted faces) carry the version they were described under, and only
 * faces of one version are compared by the fused score. A change that moves descriptors (another
 * crop, another model) takes the next number, and the background sweep
 * (screening/faceBackfillJob.ts) describes the stored faces anew from their selfies. A face match
 * result records the version its score was computed with, so the error rates shown beside it
 * (measured with the current version) are not taken for an older score's.
 *
 * 1: face-api's own descriptor crop; MobileFace's embedding from migration 31 on.
 * 2: face-api's descriptor of the landmarks' box and its mirror image, averaged (analysis/face/faceApiDescriptor.ts).
 */
export const FACE_DESCRIPTION_VERSION = 2;
