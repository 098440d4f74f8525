import type { ModelId } from '../../../shared/schemas/modelRegister';

/** The About dialog: which build runs on which store, its engines and its models. English. */
export const aboutEn = {
  title: 'About',
  open: 'About this workstation',
  version: 'Version',
  dataDir: 'Data folder',
  schema: 'Store schema',
  sqlite: 'SQLite',
  encryption: 'Encryption at rest',
  encrypted: 'Store and evidence encrypted (AEGIS-256, AES-256-GCM); keys protected by {{protection}}',
  key: 'data key {{id}}, created {{date}}',
  protection: { passphrase: 'a passphrase', 'key-file': 'a key file', 'os-keychain': 'the OS keychain' },
  runtime: 'Runtime',
  engines: 'Engines',
  close: 'Close',
  models: 'Models',
  modelsIntro: 'The models shipped with this build and the terms of their weights (resources/model-licences.json).',
  modelStatus: { cleared: 'licence cleared', unverified: 'licence not verified: blocks a release' },
  /** What each model does here, by its register id (the register's usedFor says it for counsel). */
  modelPurpose: {
    ssdFaceDetector: 'face detection on still photos (documents, selfies)',
    tinyFaceDetector: 'face detection in liveness clip frames',
    faceLandmarks: 'face alignment, liveness actions (eyes, mouth, nods; turns come from the face mesh)',
    faceDescriptor: 'face match and screening (first component of the fused score)',
    faceExpressions: 'the smile action in liveness',
    mobileFace: 'face match and screening (second component of the fused score)',
    blazeFace: 'face detection when the SSD detector finds none (tight portrait crops)',
    faceMesh: "head turns in liveness clips (yaw from the mesh's depth)",
    tesseractLstm: 'OCR of document text and MRZ lines',
    tesseractLegacy: "the MRZ reader's glyph-by-glyph reading",
  } satisfies Record<ModelId, string>,
  offline: 'Works offline: no automatic updates and no crash reports are sent anywhere.',
};
