import { createHmac } from 'node:crypto';
import PDFDocument from 'pdfkit';
import { FaultPlan, streamRandom, seededUuid } from './faults';
import { assertLoopbackUrl, isJsonContentType, jsonReply, redact, startFakeHttp, type FakeHttp, type FakeRequest, type Reply, type RequestRecord, type RouteDef, type TransportErrors } from './httpKit';

/**
 * A fake of Didit's verification API v3, written from seed 003 (`../shared/seeds/003_*.txt`),
 * for the connector tests and the fault soak of issue 11. In memory, on 127.0.0.1, port 0.
 *
 * What the seed gives, and the fake follows:
 *   - `x-api-key` on every request;
 *   - `POST /v3/workflows/` with the seed's knobs, answering `{uuid, workflow_label, workflow_type,
 *     features, total_price, workflow_url}`;
 *   - `POST /v3/session/` with `workflow_id` (required), `vendor_data`, `callback`, `language`,
 *     `contact_details.email`, `expected_details.first_name` / `.date_of_birth` (YYYY-MM-DD) and
 *     `metadata` ("a JSON string"), answering `{session_id, session_token, url, status: "Not Started",
 *     workflow_id}`;
 *   - `GET /v3/session/{id}/decision/` with `status`, `features` (upper case) and `id_verifications[]`
 *     carrying the seed's fields (`document_type`, `issuing_country`, `first_name`, `last_name`,
 *     `date_of_birth`, `document_number`, `expiry_date`, `gender`, `nationality`, `mrz`);
 *   - the status table (Approved, Declined, In Review, Not Started, In Progress, Expired after 7 days);
 *   - `PATCH /v3/session/{id}/update-status/` with `new_status`, `comment`, `nodes_to_resubmit`
 *     (`[{node_id: "feature_ocr", feature: "OCR"}]`), `send_email`, `email_address`;
 *   - `POST /v3/blocklist/add/` with `session_id`, `blocklist_face`, `blocklist_document`;
 *   - `GET /v3/session/{id}/generate-pdf` (no trailing slash, as the seed writes it);
 *   - the `callback` is a *redirect* for the user's browser, with `?verificationSessionId=...&status=...`
 *     appended (see `callbackRedirect`); webhooks go to the URL set in Didit's console (`webhookUrl`).
 *
 * What the seed does not give (it is cut off after `"mrz": "P`, and shows no error body, no status
 * code and no webhook header), taken from Didit's public docs or chosen here, each marked
 * "fake-side" where it is chosen:
 *   - 401 `{"detail": "Invalid or missing API key"}` (Didit docs); 403 when a key reads another
 *     application's session; 404 `{"detail": "Not found."}`; 405/415/429 and 400 field errors in
 *     Django REST framework's shapes (`{"field": ["message"]}`), which is what Didit's API answers with.
 *   - 201 for the two creates, 200 otherwise (fake-side: the seed never reads a status code).
 *   - Decision arrays `liveness_checks[]` and `face_matches[]` (`status`, `score` 0-100, `warnings[]`)
 *     and per-feature `warnings[]` of `{risk, feature, log_type, short_description, long_description}`:
 *     Didit v3's names; the seed's text stops before them.
 *   - Webhooks: see `sendWebhook`.
 *   - `GET /v3/sessions/?vendor_data=` and `GET /v3/workflows/` (Didit's list endpoints, not in the
 *     seed): the only way a client can find a session or workflow whose create answer was lost,
 *     since Didit takes no idempotency key. The fake never deduplicates creates: two POSTs are two
 *     sessions, as at Didit, and the soak counts them.
 */

export const DIDIT_SESSION_STATUSES = ['Not Started', 'In Progress', 'In Review', 'Approved', 'Declined', 'Resubmitted', 'Expired', 'Abandoned', 'Kyc Expired'] as const;
export type DiditSessionStatus = (typeof DIDIT_SESSION_STATUSES)[number];
/** Statuses an API client may set with update-status (Didit docs; the seed shows Approved and Resubmitted). */
export const DIDIT_UPDATABLE_STATUSES = ['Approved', 'Declined', 'Resubmitted'] as const;
/** The seed's polling loop stops on these. */
export const DIDIT_DECIDED_STATUSES: readonly DiditSessionStatus[] = ['Approved', 'Declined', 'In Review'];
/** Didit puts a `decision` in the webhook for these (Didit webhook docs). */
const WEBHOOK_DECISION_STATUSES: readonly DiditSessionStatus[] = ['Approved', 'Declined', 'In Review', 'Abandoned'];
/** Fake-side: update-status is refused while the user has not finished, and after expiry. */
const NOT_UPDATABLE_FROM: readonly DiditSessionStatus[] = ['Not Started', 'In Progress', 'Expired', 'Abandoned', 'Kyc Expired'];
/** Fake-side: a resubmission is asked of a session the user finished (any other status change is allowed from these too). */
const RESUBMITTABLE_FROM: readonly DiditSessionStatus[] = ['In Review', 'Declined', 'Approved'];

/** Workflow nodes a resubmission can name. `feature_ocr`/`OCR` is the seed's; the others follow its pattern (fake-side). */
export const DIDIT_NODES = [
  { node_id: 'feature_ocr', feature: 'OCR' },
  { node_id: 'feature_liveness', feature: 'LIVENESS' },
  { node_id: 'feature_face_match', feature: 'FACE_MATCH' },
] as const;

export const WORKFLOW_TYPES = ['kyc', 'adaptive_age_verification', 'biometric_authentication', 'address_verification', 'questionnaire_verification', 'email_verification', 'phone_verification'] as const;
const WORKFLOW_BOOLEANS = ['is_liveness_enabled', 'is_face_match_enabled', 'is_aml_enabled', 'is_phone_verification_enabled', 'is_email_verification_enabled', 'is_nfc_enabled'] as const;

export interface DiditWorkflow {
  uuid: string;
  workflow_label: string;
  workflow_type: string;
  features: string[];
  total_price: string;
  workflow_url: string;
  /** The knobs as sent (booleans and thresholds). */
  settings: Record<string, unknown>;
  /** The API key (application) that created it. */
  apiKey: string;
  createdAt: number;
}

export interface DiditWarning {
  risk: string;
  feature: string;
  log_type: 'error' | 'warning' | 'information';
  short_description: string;
  long_description: string;
}
export interface DiditIdVerification {
  node_id: string;
  status: string;
  document_type: string;
  issuing_country: string;
  first_name: string;
  last_name: string;
  full_name: string;
  date_of_birth: string;
  document_number: string;
  expiry_date: string;
  gender: string;
  nationality: string;
  mrz: string;
  front_image: string | null;
  back_image: string | null;
  portrait_image: string | null;
  warnings: DiditWarning[];
}
export interface DiditLivenessCheck {
  node_id: string;
  status: string;
  method: string;
  score: number;
  reference_image: string | null;
  warnings: DiditWarning[];
}
export interface DiditFaceMatch {
  node_id: string;
  status: string;
  score: number;
  source_image: string | null;
  target_image: string | null;
  warnings: DiditWarning[];
}
export interface DiditReview {
  new_status: string;
  comment: string | null;
  nodes_to_resubmit: { node_id: string; feature: string }[] | null;
  created_at: string;
}

/** What a test sets as the user's result. Arrays given replace the defaults; items are merged onto a default item. */
export interface DecisionInput {
  status: DiditSessionStatus;
  id_verifications?: Partial<DiditIdVerification>[] | null;
  liveness_checks?: Partial<DiditLivenessCheck>[] | null;
  face_matches?: Partial<DiditFaceMatch>[] | null;
}

export interface DiditSession {
  session_id: string;
  session_number: number;
  session_token: string;
  url: string;
  status: DiditSessionStatus;
  workflow_id: string;
  vendor_data: string | null;
  callback: string | null;
  language: string | null;
  metadata: unknown;
  contact_details: Record<string, unknown> | null;
  expected_details: Record<string, unknown> | null;
  apiKey: string;
  createdAt: number;
  id_verifications: DiditIdVerification[] | null;
  liveness_checks: DiditLivenessCheck[] | null;
  face_matches: DiditFaceMatch[] | null;
  reviews: DiditReview[];
  /** Every status the session has had, with the decision as it was then (webhooks replay these). */
  history: { status: DiditSessionStatus; at: number; decision: Record<string, unknown> }[];
}

/** Every PATCH update-status the fake accepted, duplicates included. */
export interface StatusUpdateRecord {
  sessionId: string;
  new_status: string;
  comment: string | null;
  nodes_to_resubmit: { node_id: string; feature: string }[] | null;
  send_email: boolean;
  email_address: string | null;
  previousStatus: DiditSessionStatus;
  /** False when the session already had this status: a repeat, which Didit still records as a review. */
  changed: boolean;
  at: number;
  headers: Record<string, string | string[] | undefined>;
}

export interface BlocklistRecord {
  session_id: string;
  blocklist_face: boolean;
  blocklist_document: boolean;
  blocklist_phone: boolean;
  blocklist_email: boolean;
  /** True when an earlier call already blocklisted exactly this for the session. */
  duplicate: boolean;
  at: number;
}

export interface WebhookAttempt {
  status: number | null;
  error: string | null;
  responseBody: string;
  at: number;
}
export interface WebhookDelivery {
  sessionId: string;
  status: DiditSessionStatus;
  webhookType: WebhookType;
  url: string;
  /** The exact bytes sent. */
  body: string;
  headers: Record<string, string>;
  signature: WebhookSignatureMode;
  attempts: WebhookAttempt[];
  /** A 2xx was received. */
  delivered: boolean;
}

export type WebhookType = 'status.updated' | 'data.updated';
export type WebhookSignatureMode = 'valid' | 'wrongSecret' | 'tamperedBody' | 'missing' | 'staleTimestamp';

export interface SendWebhookOptions {
  /** Default: the console webhook URL (`webhookUrl` / `setWebhookUrl`). Loopback http only. */
  url?: string;
  /** `latest` (default): the current status. `all`: one webhook per status in the session's history. */
  events?: 'latest' | 'all';
  /** Order of the events sent: as they happened (default), newest first, or shuffled by the seeded PRNG. */
  order?: 'asIs' | 'reverse' | 'shuffle';
  /** Extra identical copies of each delivery (same bytes, same signature, same timestamp). */
  duplicate?: number;
  /** Send the copies and events all at once instead of one after the other. */
  concurrent?: boolean;
  signature?: WebhookSignatureMode;
  webhookType?: WebhookType;
  /** Attempts per delivery; Didit retries on a 5xx, a 404 or no answer. Default 3, at most 10. */
  maxAttempts?: number;
  /** Wait between attempts; default 50 ms (Didit waits minutes; scaled down for tests). */
  retryDelayMs?: number;
  /** Per attempt; default 5000 ms. */
  timeoutMs?: number;
}

export interface FakeDiditOptions {
  /** Valid API keys, one per Didit application; default `['fake-didit-api-key']`. */
  apiKeys?: readonly string[];
  /** Secret for webhook signatures; default `'fake-didit-webhook-secret'`. */
  webhookSecret?: string;
  /** The console's webhook URL; none by default. */
  webhookUrl?: string | null;
  /** Send a webhook by itself on every status change (setDecision, setStatus, update-status, expiry). Default false. */
  autoWebhook?: boolean;
  /** Seeds the ids and the webhook shuffle, so a run repeats; default 1. */
  seed?: number;
  /** Clock in ms; default Date.now. Expiry and timestamps read it. */
  now?: () => number;
  /** Session expiry; default 7 days (the seed's table). */
  sessionExpiryMs?: number;
  faults?: FaultPlan;
  /** Default 1 MiB. */
  maxBodyBytes?: number;
}

export interface FakeDidit {
  readonly url: string;
  /** The first API key. */
  readonly apiKey: string;
  readonly webhookSecret: string;
  readonly faults: FaultPlan;
  /** Every session created, in order (a duplicate create is a second entry). */
  readonly sessions: readonly DiditSession[];
  readonly workflows: readonly DiditWorkflow[];
  readonly statusUpdates: readonly StatusUpdateRecord[];
  readonly blocklist: readonly BlocklistRecord[];
  readonly webhooks: readonly WebhookDelivery[];
  readonly requests: readonly RequestRecord[];
  /** Handler exceptions (fake bugs); a test should expect it empty. */
  readonly internalErrors: readonly unknown[];
  session(sessionId: string): DiditSession | undefined;
  sessionsFor(vendorData: string): DiditSession[];
  /** The user finished: sets status and results (defaults fill what is not given). */
  setDecision(sessionId: string, decision: DecisionInput): DiditSession;
  /** Shorthand for setDecision with default results (or none for Not Started / In Progress). */
  setStatus(sessionId: string, status: DiditSessionStatus): DiditSession;
  /** Moves a Not Started / In Progress session to Expired now, whatever the clock says. */
  expireSession(sessionId: string): DiditSession;
  /** Serves bytes at `mediaUrl(sessionId, name)` (decisions may point at them, as Didit's image URLs do). */
  setMedia(sessionId: string, name: string, bytes: Buffer, contentType?: string): string;
  mediaUrl(sessionId: string, name: string): string;
  /** Where Didit sends the user's browser when done: `callback?verificationSessionId=...&status=...`. */
  callbackRedirect(sessionId: string): string | null;
  setWebhookUrl(url: string | null): void;
  sendWebhook(sessionId: string, opts?: SendWebhookOptions): Promise<WebhookDelivery[]>;
  /** Waits for webhooks that `autoWebhook` started. */
  flushWebhooks(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Didit's documented webhook signature (the seed only says "a POST with session_id and status"):
 * `X-Signature` is the hex HMAC-SHA256 of the raw request body keyed with the webhook secret, and
 * `X-Timestamp` the Unix time in seconds when it was sent; receivers reject a timestamp more than
 * 300 s away. (Didit also sends `X-Signature-V2` and `X-Signature-Simple`; the fake does not.)
 */
export function signDiditWebhook(rawBody: string, secret: string): string {
  return createHmac('sha256', secret).update(rawBody, 'utf8').digest('hex');
}
export const DIDIT_WEBHOOK_TOLERANCE_SECONDS = 300;

type FieldErrors = Record<string, unknown>;
const REQUIRED = 'This field is required.';
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Django's EmailValidator is stricter than this, but this is enough to refuse what is not an address.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function validDate(s: string): boolean {
  if (!ISO_DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const detail = (status: number, message: string): Reply => jsonReply(status, { detail: message });
const html = (status: number, title: string): Reply => ({
  status,
  headers: { 'content-type': 'text/html; charset=utf-8' },
  // A gateway in front of the API answers in HTML: a client must not assume every error is JSON.
  body: `<html><head><title>${status} ${title}</title></head><body><center><h1>${status} ${title}</h1></center></body></html>`,
});

const DIDIT_ERRORS: TransportErrors = {
  notFound: () => detail(404, 'Not found.'),
  methodNotAllowed: (method) => detail(405, `Method "${method}" not allowed.`),
  payloadTooLarge: () => html(413, 'Request Entity Too Large'),
  serverError: (status) => (status === 500 ? detail(500, 'A server error occurred.') : html(status, status === 502 ? 'Bad Gateway' : status === 503 ? 'Service Temporarily Unavailable' : 'Gateway Time-out')),
  rateLimited: (s) => detail(429, `Request was throttled. Expected available in ${s} seconds.`),
};

/** Latin-1 only: pdfkit's built-in Helvetica cannot draw other characters. */
const pdfSafe = (s: string) => s.replace(/[^\x20-\x7e\xa0-\xff]/g, '?');

function renderPdf(title: string, lines: readonly string[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: title, Producer: 'fake Didit' } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.fontSize(16).text(pdfSafe(title));
    doc.moveDown();
    for (const l of lines) doc.fontSize(10).text(pdfSafe(l));
    doc.end();
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startFakeDidit(opts: FakeDiditOptions = {}): Promise<FakeDidit> {
  const apiKeys = opts.apiKeys ?? ['fake-didit-api-key'];
  const firstKey = apiKeys[0];
  if (!firstKey) throw new Error('startFakeDidit needs at least one API key');
  const webhookSecret = opts.webhookSecret ?? 'fake-didit-webhook-secret';
  const seed = opts.seed ?? 1;
  const now = opts.now ?? Date.now;
  const expiryMs = opts.sessionExpiryMs ?? 7 * 24 * 3600 * 1000;
  const faults = opts.faults ?? new FaultPlan();
  let webhookUrl = opts.webhookUrl ?? null;

  const workflows: DiditWorkflow[] = [];
  const sessions: DiditSession[] = [];
  const byId = new Map<string, DiditSession>();
  const statusUpdates: StatusUpdateRecord[] = [];
  const blocklist: BlocklistRecord[] = [];
  const webhooks: WebhookDelivery[] = [];
  const requests: RequestRecord[] = [];
  const internalErrors: unknown[] = [];
  const media = new Map<string, { bytes: Buffer; type: string }>();
  const pendingWebhooks = new Set<Promise<unknown>>();
  let base = '';
  let idCounter = 0;
  let shuffleCounter = 0;

  const nextId = (kind: string) => seededUuid(streamRandom(seed, kind, ++idCounter));
  const iso = (ms: number) => new Date(ms).toISOString();

  // ---------------------------------------------------------------- decisions

  const workflowOf = (s: DiditSession) => workflows.find((w) => w.uuid === s.workflow_id);
  const declineThreshold = (s: DiditSession) => {
    const t = workflowOf(s)?.settings.face_match_score_decline_threshold;
    return typeof t === 'number' ? t : 50;
  };

  function defaultIdVerification(s: DiditSession, status: string): DiditIdVerification {
    // The seed's example person (its decision example), so a test can compare field by field.
    return {
      node_id: 'feature_ocr',
      status,
      document_type: 'PASSPORT',
      issuing_country: 'USA',
      first_name: 'John',
      last_name: 'Doe',
      full_name: 'John Doe',
      date_of_birth: '1990-01-15',
      document_number: 'ABC123456',
      expiry_date: '2030-06-01',
      gender: 'M',
      nationality: 'USA',
      // The seed's text is cut off after "P"; a TD3 passport MRZ for the same person, with valid
      // check digits (an importer may run it through an MRZ parser).
      mrz: 'P<USADOE<<JOHN<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<\nABC1234560USA9001158M3006014<<<<<<<<<<<<<<06',
      front_image: null,
      back_image: null,
      portrait_image: null,
      warnings: [],
      ...(s.id_verifications?.[0] ?? {}),
    };
  }

  function defaults(s: DiditSession, status: DiditSessionStatus): Pick<DiditSession, 'id_verifications' | 'liveness_checks' | 'face_matches'> {
    if (status === 'Not Started' || status === 'In Progress' || status === 'Expired') return { id_verifications: null, liveness_checks: null, face_matches: null };
    if (status === 'Resubmitted' || status === 'Abandoned' || status === 'Kyc Expired') return { id_verifications: s.id_verifications, liveness_checks: s.liveness_checks, face_matches: s.face_matches };
    const threshold = declineThreshold(s);
    const face: DiditFaceMatch =
      status === 'Approved'
        ? { node_id: 'feature_face_match', status: 'Approved', score: 91.37, source_image: null, target_image: null, warnings: [] }
        : status === 'Declined'
          ? {
              node_id: 'feature_face_match',
              status: 'Declined',
              score: Math.max(0, threshold - 20),
              source_image: null,
              target_image: null,
              warnings: [{ risk: 'LOW_FACE_MATCH_SIMILARITY', feature: 'FACE_MATCH', log_type: 'error', short_description: 'Low face match similarity', long_description: `The selfie matches the document portrait below the decline threshold (${threshold}).` }],
            }
          : {
              node_id: 'feature_face_match',
              status: 'In Review',
              score: Math.min(100, threshold + 5),
              source_image: null,
              target_image: null,
              warnings: [{ risk: 'LOW_FACE_MATCH_SIMILARITY', feature: 'FACE_MATCH', log_type: 'warning', short_description: 'Face match needs review', long_description: 'The similarity is just above the decline threshold.' }],
            };
    return {
      id_verifications: [defaultIdVerification(s, 'Approved')],
      liveness_checks: [{ node_id: 'feature_liveness', status: 'Approved', method: 'PASSIVE', score: 96.2, reference_image: null, warnings: [] }],
      face_matches: [face],
    };
  }

  function decisionJson(s: DiditSession): Record<string, unknown> {
    const wf = workflowOf(s);
    const features = ['ID_VERIFICATION'];
    if (wf?.settings.is_liveness_enabled !== false) features.push('LIVENESS');
    if (wf?.settings.is_face_match_enabled !== false) features.push('FACE_MATCH');
    if (wf?.settings.is_aml_enabled === true) features.push('AML');
    if (wf?.settings.is_phone_verification_enabled === true) features.push('PHONE');
    if (wf?.settings.is_email_verification_enabled === true) features.push('EMAIL');
    if (wf?.settings.is_nfc_enabled === true) features.push('NFC');
    return structuredClone({
      session_id: s.session_id,
      session_number: s.session_number,
      session_url: s.url,
      status: s.status,
      workflow_id: s.workflow_id,
      features,
      vendor_data: s.vendor_data,
      metadata: s.metadata,
      callback: s.callback,
      expected_details: s.expected_details,
      contact_details: s.contact_details,
      id_verifications: s.id_verifications,
      liveness_checks: s.liveness_checks,
      face_matches: s.face_matches,
      reviews: s.reviews,
      created_at: iso(s.createdAt),
    });
  }

  /** Appends to the history and, with autoWebhook, tells the console URL. */
  function changed(s: DiditSession, at = now()) {
    s.history.push({ status: s.status, at, decision: decisionJson(s) });
    if (opts.autoWebhook && webhookUrl) {
      const p = sendWebhook(s.session_id, {}).catch((err: unknown) => internalErrors.push(err));
      pendingWebhooks.add(p);
      void p.finally(() => pendingWebhooks.delete(p));
    }
  }

  /** Sessions expire lazily, when next looked at, from the fake's clock (7 days by default). */
  function refresh(s: DiditSession) {
    if ((s.status === 'Not Started' || s.status === 'In Progress') && now() - s.createdAt >= expiryMs) {
      s.status = 'Expired';
      changed(s, s.createdAt + expiryMs);
    }
  }

  function mustSession(id: string): DiditSession {
    const s = byId.get(id);
    if (!s) throw new Error(`fake Didit: no session ${id}`);
    refresh(s);
    return s;
  }

  function setDecision(sessionId: string, d: DecisionInput): DiditSession {
    const s = mustSession(sessionId);
    if (!DIDIT_SESSION_STATUSES.includes(d.status)) throw new Error(`fake Didit: unknown status ${String(d.status)}`);
    const def = defaults(s, d.status);
    s.status = d.status;
    s.id_verifications = d.id_verifications === undefined ? def.id_verifications : d.id_verifications && d.id_verifications.map((x) => ({ ...defaultIdVerification(s, 'Approved'), ...x, warnings: [...(x.warnings ?? [])] }));
    s.liveness_checks =
      d.liveness_checks === undefined ? def.liveness_checks : d.liveness_checks && d.liveness_checks.map((x) => ({ node_id: 'feature_liveness', status: 'Approved', method: 'PASSIVE', score: 96.2, reference_image: null, ...x, warnings: [...(x.warnings ?? [])] }));
    s.face_matches =
      d.face_matches === undefined ? def.face_matches : d.face_matches && d.face_matches.map((x) => ({ node_id: 'feature_face_match', status: 'Approved', score: 91.37, source_image: null, target_image: null, ...x, warnings: [...(x.warnings ?? [])] }));
    // The seed: "expected_details.first_name — a mismatch with the document triggers a warning".
    const expected = s.expected_details;
    const idv = s.id_verifications?.[0];
    if (expected && idv) {
      for (const field of ['first_name', 'last_name', 'date_of_birth'] as const) {
        const want = expected[field];
        if (typeof want === 'string' && want.trim().toLowerCase() !== String(idv[field]).trim().toLowerCase() && !idv.warnings.some((w) => w.risk === `${field.toUpperCase()}_MISMATCH`)) {
          idv.warnings.push({
            risk: `${field.toUpperCase()}_MISMATCH`,
            feature: 'ID_VERIFICATION',
            log_type: 'warning',
            short_description: `${field} differs from the expected details`,
            long_description: `Expected "${want}", the document reads "${String(idv[field])}".`,
          });
        }
      }
    }
    changed(s);
    return s;
  }

  // ---------------------------------------------------------------- webhooks

  function webhookPayload(s: DiditSession, ev: DiditSession['history'][number], type: WebhookType, sentAt: number): Record<string, unknown> {
    const body: Record<string, unknown> = {
      session_id: s.session_id,
      status: ev.status,
      webhook_type: type,
      created_at: Math.floor(ev.at / 1000),
      timestamp: Math.floor(sentAt / 1000),
      workflow_id: s.workflow_id,
    };
    // Didit: vendor_data and metadata only when the session has them; decision for final-ish statuses.
    if (s.vendor_data !== null) body.vendor_data = s.vendor_data;
    if (s.metadata !== null && s.metadata !== undefined) body.metadata = s.metadata;
    if (WEBHOOK_DECISION_STATUSES.includes(ev.status) || type === 'data.updated') body.decision = ev.decision;
    return body;
  }

  async function deliver(url: string, body: string, headers: Record<string, string>, o: SendWebhookOptions): Promise<{ attempts: WebhookAttempt[]; delivered: boolean }> {
    const attempts: WebhookAttempt[] = [];
    const max = Math.min(10, Math.max(1, o.maxAttempts ?? 3));
    for (let i = 0; i < max; i++) {
      if (i > 0) await sleep(o.retryDelayMs ?? 50);
      const at = now();
      try {
        const r = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(o.timeoutMs ?? 5000) });
        const text = await r.text();
        attempts.push({ status: r.status, error: null, responseBody: text, at });
        if (r.ok) return { attempts, delivered: true };
        // Didit retries a 5xx or a 404 only; any other answer is final.
        if (r.status < 500 && r.status !== 404) return { attempts, delivered: false };
      } catch (err) {
        attempts.push({ status: null, error: err instanceof Error ? `${err.name}: ${err.message}` : String(err), responseBody: '', at });
      }
    }
    return { attempts, delivered: false };
  }

  async function sendWebhook(sessionId: string, o: SendWebhookOptions = {}): Promise<WebhookDelivery[]> {
    const s = mustSession(sessionId);
    const target = o.url ?? webhookUrl;
    if (!target) throw new Error('fake Didit: no webhook URL (pass url or set webhookUrl)');
    assertLoopbackUrl(target);
    const type = o.webhookType ?? 'status.updated';
    const mode = o.signature ?? 'valid';
    let events = o.events === 'all' ? [...s.history] : s.history.slice(-1);
    if (o.order === 'reverse') events.reverse();
    else if (o.order === 'shuffle') {
      const rand = streamRandom(seed, 'webhook-shuffle', ++shuffleCounter);
      events = events.map((e) => ({ e, k: rand() })).sort((a, b) => a.k - b.k).map((x) => x.e);
    }
    const prepared: WebhookDelivery[] = [];
    for (const ev of events) {
      const sentAt = mode === 'staleTimestamp' ? now() - 2 * DIDIT_WEBHOOK_TOLERANCE_SECONDS * 1000 : now();
      const payload = webhookPayload(s, ev, type, sentAt);
      const body = JSON.stringify(payload);
      const headers: Record<string, string> = {
        'content-type': 'application/json',
        'user-agent': 'DiditWebhook/2.0 (fake)',
        'x-timestamp': String(Math.floor(sentAt / 1000)),
      };
      let sent = body;
      if (mode === 'valid' || mode === 'staleTimestamp') headers['x-signature'] = signDiditWebhook(body, webhookSecret);
      else if (mode === 'wrongSecret') headers['x-signature'] = signDiditWebhook(body, `${webhookSecret}-not`);
      else if (mode === 'tamperedBody') {
        // Signed as Didit sent it, then altered on the way: the receiver must refuse it.
        headers['x-signature'] = signDiditWebhook(body, webhookSecret);
        sent = JSON.stringify({ ...payload, status: payload.status === 'Approved' ? 'Declined' : 'Approved' });
      }
      for (let c = 0; c <= (o.duplicate ?? 0); c++) {
        prepared.push({ sessionId, status: ev.status, webhookType: type, url: target, body: sent, headers, signature: mode, attempts: [], delivered: false });
      }
    }
    const run = async (d: WebhookDelivery) => {
      webhooks.push(d);
      const r = await deliver(target, d.body, d.headers, o);
      d.attempts = r.attempts;
      d.delivered = r.delivered;
    };
    if (o.concurrent) await Promise.all(prepared.map(run));
    else for (const d of prepared) await run(d);
    return prepared;
  }

  // ---------------------------------------------------------------- routes

  type Authed = (req: FakeRequest, params: readonly string[], apiKey: string) => Reply | Promise<Reply>;
  const authed =
    (h: Authed) =>
    (req: FakeRequest, params: readonly string[]): Reply | Promise<Reply> => {
      const key = req.headers['x-api-key'];
      if (typeof key !== 'string' || !apiKeys.includes(key)) return detail(401, 'Invalid or missing API key');
      return h(req, params, key);
    };

  /** DRF's order: authentication first, then the media type, then the JSON. */
  function jsonBody(req: FakeRequest): { ok: true; value: Record<string, unknown> } | { ok: false; reply: Reply } {
    if (!isJsonContentType(req.headers)) return { ok: false, reply: detail(415, `Unsupported media type "${String(req.headers['content-type'] ?? '')}" in request.`) };
    let v: unknown;
    try {
      v = JSON.parse(req.rawBody.toString('utf8'));
    } catch (err) {
      return { ok: false, reply: detail(400, `JSON parse error - ${err instanceof Error ? err.message : 'invalid JSON'}`) };
    }
    if (!isObject(v)) return { ok: false, reply: jsonReply(400, { non_field_errors: [`Invalid data. Expected a dictionary, but got ${Array.isArray(v) ? 'list' : typeof v}.`] }) };
    return { ok: true, value: v };
  }

  /** A session of this application; 404 when unknown, 403 when another application's. */
  function ownSession(id: string, apiKey: string): DiditSession | Reply {
    const s = byId.get(id);
    if (!s) return detail(404, 'Not found.');
    if (s.apiKey !== apiKey) return detail(403, 'You do not have permission to perform this action.');
    refresh(s);
    return s;
  }
  const isReply = (x: DiditSession | Reply): x is Reply => !('session_id' in x);

  const optString = (errors: FieldErrors, body: Record<string, unknown>, field: string, max = 1000): string | null => {
    const v = body[field];
    if (v === undefined || v === null) return null;
    if (typeof v !== 'string') errors[field] = ['Not a valid string.'];
    else if (v.length > max) errors[field] = [`Ensure this field has no more than ${max} characters.`];
    else return v;
    return null;
  };

  function createWorkflow(req: FakeRequest, _p: readonly string[], apiKey: string): Reply {
    const b = jsonBody(req);
    if (!b.ok) return b.reply;
    const body = b.value;
    const errors: FieldErrors = {};
    const type = body.workflow_type;
    if (type === undefined || type === null || type === '') errors.workflow_type = [REQUIRED];
    else if (typeof type !== 'string' || !(WORKFLOW_TYPES as readonly string[]).includes(type)) errors.workflow_type = [`"${String(type)}" is not a valid choice.`];
    const label = optString(errors, body, 'workflow_label', 255);
    for (const k of WORKFLOW_BOOLEANS) if (body[k] !== undefined && typeof body[k] !== 'boolean') errors[k] = ['Must be a valid boolean.'];
    for (const k of ['face_match_score_decline_threshold', 'aml_decline_threshold'] as const) {
      const v = body[k];
      if (v === undefined) continue;
      if (typeof v !== 'number' || !Number.isFinite(v)) errors[k] = ['A valid number is required.'];
      else if (v < 0) errors[k] = ['Ensure this value is greater than or equal to 0.'];
      else if (v > 100) errors[k] = ['Ensure this value is less than or equal to 100.'];
    }
    const retries = body.max_retry_attempts;
    if (retries !== undefined) {
      if (typeof retries !== 'number' || !Number.isInteger(retries)) errors.max_retry_attempts = ['A valid integer is required.'];
      else if (retries < 0 || retries > 10) errors.max_retry_attempts = [retries < 0 ? 'Ensure this value is greater than or equal to 0.' : 'Ensure this value is less than or equal to 10.'];
    }
    if (Object.keys(errors).length) return jsonReply(400, errors);
    const settings: Record<string, unknown> = {};
    for (const k of [...WORKFLOW_BOOLEANS, 'face_match_score_decline_threshold', 'aml_decline_threshold', 'max_retry_attempts']) if (body[k] !== undefined) settings[k] = body[k];
    // The seed's recommended KYC workflow lists ["ocr", "liveness", "face_match"] for its knobs.
    const features = ['ocr'];
    if (settings.is_liveness_enabled !== false) features.push('liveness');
    if (settings.is_face_match_enabled !== false) features.push('face_match');
    if (settings.is_aml_enabled === true) features.push('aml');
    if (settings.is_phone_verification_enabled === true) features.push('phone');
    if (settings.is_email_verification_enabled === true) features.push('email');
    if (settings.is_nfc_enabled === true) features.push('nfc');
    // Fake-side prices: the seed's example costs 0.10 with ocr+liveness+face_match; add-ons cost extra.
    const price = 0.1 + (features.length - 3 > 0 ? (features.length - 3) * 0.1 : 0);
    const uuid = nextId('workflow');
    const wf: DiditWorkflow = {
      uuid,
      workflow_label: label ?? `${String(type)} workflow`,
      workflow_type: String(type),
      features,
      total_price: price.toFixed(2),
      workflow_url: `${base}/workflow/${uuid}`,
      settings,
      apiKey,
      createdAt: now(),
    };
    workflows.push(wf);
    return jsonReply(201, { uuid: wf.uuid, workflow_label: wf.workflow_label, workflow_type: wf.workflow_type, features: wf.features, total_price: wf.total_price, workflow_url: wf.workflow_url });
  }

  function listWorkflows(_req: FakeRequest, _p: readonly string[], apiKey: string): Reply {
    const mine = workflows.filter((w) => w.apiKey === apiKey);
    return jsonReply(200, { count: mine.length, next: null, previous: null, results: mine.map((w) => ({ uuid: w.uuid, workflow_label: w.workflow_label, workflow_type: w.workflow_type, features: w.features, total_price: w.total_price, workflow_url: w.workflow_url })) });
  }

  function validateDetails(errors: FieldErrors, body: Record<string, unknown>) {
    const contact = body.contact_details;
    if (contact !== undefined && contact !== null) {
      if (!isObject(contact)) errors.contact_details = { non_field_errors: ['Invalid data. Expected a dictionary.'] };
      else {
        const e: FieldErrors = {};
        if (contact.email !== undefined && (typeof contact.email !== 'string' || !EMAIL.test(contact.email))) e.email = ['Enter a valid email address.'];
        if (contact.phone !== undefined && (typeof contact.phone !== 'string' || !/^\+[1-9]\d{6,14}$/.test(contact.phone))) e.phone = ['Enter a valid phone number in E.164 format.'];
        if (contact.send_notification_emails !== undefined && typeof contact.send_notification_emails !== 'boolean') e.send_notification_emails = ['Must be a valid boolean.'];
        if (Object.keys(e).length) errors.contact_details = e;
      }
    }
    const expected = body.expected_details;
    if (expected !== undefined && expected !== null) {
      if (!isObject(expected)) errors.expected_details = { non_field_errors: ['Invalid data. Expected a dictionary.'] };
      else {
        const e: FieldErrors = {};
        for (const [k, v] of Object.entries(expected)) if (typeof v !== 'string') e[k] = ['Not a valid string.'];
        if (typeof expected.date_of_birth === 'string' && !validDate(expected.date_of_birth)) e.date_of_birth = ['Date has wrong format. Use one of these formats instead: YYYY-MM-DD.'];
        if (Object.keys(e).length) errors.expected_details = e;
      }
    }
  }

  function createSession(req: FakeRequest, _p: readonly string[], apiKey: string): Reply {
    const b = jsonBody(req);
    if (!b.ok) return b.reply;
    const body = b.value;
    const errors: FieldErrors = {};
    const wfId = body.workflow_id;
    if (wfId === undefined || wfId === null || wfId === '') errors.workflow_id = [REQUIRED];
    else if (typeof wfId !== 'string' || !UUID.test(wfId)) errors.workflow_id = ['Must be a valid UUID.'];
    // Another application's workflow reads as missing: its existence is not this key's business.
    else if (!workflows.some((w) => w.uuid === wfId && w.apiKey === apiKey)) errors.workflow_id = ['Workflow not found.'];
    const vendorData = optString(errors, body, 'vendor_data', 1000);
    const callback = optString(errors, body, 'callback', 2000);
    if (callback !== null) {
      try {
        const u = new URL(callback);
        if (u.protocol !== 'http:' && u.protocol !== 'https:') errors.callback = ['Enter a valid URL.'];
      } catch {
        errors.callback = ['Enter a valid URL.'];
      }
    }
    const language = optString(errors, body, 'language', 10);
    if (language !== null && !/^[a-z]{2}(-[A-Za-z]{2,4})?$/.test(language)) errors.language = [`"${language}" is not a valid choice.`];
    validateDetails(errors, body);
    // The seed: metadata is "a JSON string". An object is taken too (it serialises to one).
    let metadata: unknown = null;
    if (body.metadata !== undefined && body.metadata !== null) {
      if (typeof body.metadata === 'string') {
        try {
          metadata = JSON.parse(body.metadata);
        } catch {
          errors.metadata = ['Value must be valid JSON.'];
        }
      } else if (isObject(body.metadata)) metadata = body.metadata;
      else errors.metadata = ['Value must be valid JSON.'];
    }
    if (Object.keys(errors).length) return jsonReply(400, errors);
    const session_id = nextId('session');
    const token = session_id.replace(/-/g, '').slice(0, 12);
    const s: DiditSession = {
      session_id,
      session_number: sessions.length + 1,
      session_token: token,
      url: `${base}/session/${token}`,
      status: 'Not Started',
      workflow_id: String(wfId),
      vendor_data: vendorData,
      callback,
      language,
      metadata,
      contact_details: isObject(body.contact_details) ? structuredClone(body.contact_details) : null,
      expected_details: isObject(body.expected_details) ? structuredClone(body.expected_details) : null,
      apiKey,
      createdAt: now(),
      id_verifications: null,
      liveness_checks: null,
      face_matches: null,
      reviews: [],
      history: [],
    };
    sessions.push(s);
    byId.set(session_id, s);
    s.history.push({ status: s.status, at: s.createdAt, decision: decisionJson(s) });
    return jsonReply(201, { session_id, session_number: s.session_number, session_token: token, url: s.url, status: s.status, workflow_id: s.workflow_id, vendor_data: s.vendor_data, metadata: s.metadata, callback: s.callback });
  }

  function listSessions(req: FakeRequest, _p: readonly string[], apiKey: string): Reply {
    const vd = req.query.get('vendor_data');
    const mine = sessions.filter((s) => s.apiKey === apiKey && (vd === null || s.vendor_data === vd));
    for (const s of mine) refresh(s);
    return jsonReply(200, {
      count: mine.length,
      next: null,
      previous: null,
      results: mine.map((s) => ({ session_id: s.session_id, session_number: s.session_number, session_url: s.url, status: s.status, vendor_data: s.vendor_data, workflow_id: s.workflow_id, created_at: iso(s.createdAt) })),
    });
  }

  function getDecision(_req: FakeRequest, p: readonly string[], apiKey: string): Reply {
    const s = ownSession(p[0] ?? '', apiKey);
    if (isReply(s)) return s;
    return jsonReply(200, decisionJson(s));
  }

  function updateStatus(req: FakeRequest, p: readonly string[], apiKey: string): Reply {
    const s = ownSession(p[0] ?? '', apiKey);
    if (isReply(s)) return s;
    const b = jsonBody(req);
    if (!b.ok) return b.reply;
    const body = b.value;
    const errors: FieldErrors = {};
    const ns = body.new_status;
    if (ns === undefined || ns === null || ns === '') errors.new_status = [REQUIRED];
    else if (typeof ns !== 'string' || !(DIDIT_UPDATABLE_STATUSES as readonly string[]).includes(ns)) errors.new_status = [`"${String(ns)}" is not a valid choice.`];
    const comment = optString(errors, body, 'comment', 2000);
    let nodes: { node_id: string; feature: string }[] | null = null;
    if (body.nodes_to_resubmit !== undefined && body.nodes_to_resubmit !== null) {
      if (!Array.isArray(body.nodes_to_resubmit)) errors.nodes_to_resubmit = ['Expected a list of items.'];
      else {
        nodes = [];
        const e: string[] = [];
        for (const n of body.nodes_to_resubmit as unknown[]) {
          const known = isObject(n) ? DIDIT_NODES.find((k) => k.node_id === n.node_id) : undefined;
          if (!isObject(n) || typeof n.node_id !== 'string' || typeof n.feature !== 'string') e.push('Each node needs a node_id and a feature.');
          else if (!known) e.push(`Unknown node_id "${n.node_id}".`);
          else if (known.feature !== n.feature) e.push(`Node "${n.node_id}" is feature ${known.feature}, not ${n.feature}.`);
          else nodes.push({ node_id: n.node_id, feature: n.feature });
        }
        if (e.length) errors.nodes_to_resubmit = e;
      }
    }
    if (ns === 'Resubmitted' && !errors.nodes_to_resubmit && (!nodes || nodes.length === 0)) errors.nodes_to_resubmit = ['This field is required when new_status is Resubmitted.'];
    const sendEmail = body.send_email;
    if (sendEmail !== undefined && typeof sendEmail !== 'boolean') errors.send_email = ['Must be a valid boolean.'];
    const emailAddress = optString(errors, body, 'email_address', 254);
    if (emailAddress !== null && !EMAIL.test(emailAddress)) errors.email_address = ['Enter a valid email address.'];
    if (sendEmail === true && emailAddress === null && !errors.email_address) errors.email_address = ['This field is required when send_email is true.'];
    if (Object.keys(errors).length) return jsonReply(400, errors);
    const newStatus = ns as (typeof DIDIT_UPDATABLE_STATUSES)[number];
    // A repeat of the status the session already has is accepted (and recorded), whatever the rules
    // below say: a client retrying a PATCH whose answer was lost must not be told it is illegal.
    if (s.status !== newStatus) {
      if (NOT_UPDATABLE_FROM.includes(s.status)) return detail(400, `Cannot update the status of a session in status "${s.status}".`);
      if (newStatus === 'Resubmitted' && !RESUBMITTABLE_FROM.includes(s.status)) return detail(400, `Cannot request a resubmission of a session in status "${s.status}".`);
    }
    const previousStatus = s.status;
    const at = now();
    statusUpdates.push({
      sessionId: s.session_id,
      new_status: newStatus,
      comment,
      nodes_to_resubmit: nodes,
      send_email: sendEmail === true,
      email_address: emailAddress,
      previousStatus,
      changed: previousStatus !== newStatus,
      at,
      headers: redact(req.headers),
    });
    // Didit keeps every manual review, repeats included: a duplicate PATCH leaves a visible trace.
    s.reviews.push({ new_status: newStatus, comment, nodes_to_resubmit: nodes, created_at: iso(at) });
    s.status = newStatus;
    if (previousStatus !== newStatus) changed(s, at);
    else s.history[s.history.length - 1] = { status: s.status, at: s.history.at(-1)?.at ?? at, decision: decisionJson(s) };
    return jsonReply(200, { session_id: s.session_id, status: s.status });
  }

  function blocklistAdd(req: FakeRequest, _p: readonly string[], apiKey: string): Reply {
    const b = jsonBody(req);
    if (!b.ok) return b.reply;
    const body = b.value;
    const errors: FieldErrors = {};
    const sid = body.session_id;
    if (sid === undefined || sid === null || sid === '') errors.session_id = [REQUIRED];
    else if (typeof sid !== 'string' || !UUID.test(sid)) errors.session_id = ['Must be a valid UUID.'];
    else if (!byId.has(sid) || byId.get(sid)?.apiKey !== apiKey) errors.session_id = ['Session not found.'];
    const flags = ['blocklist_face', 'blocklist_document', 'blocklist_phone', 'blocklist_email'] as const;
    for (const f of flags) if (body[f] !== undefined && typeof body[f] !== 'boolean') errors[f] = ['Must be a valid boolean.'];
    if (Object.keys(errors).length) return jsonReply(400, errors);
    if (!flags.some((f) => body[f] === true)) return jsonReply(400, { non_field_errors: ['Choose at least one of blocklist_face, blocklist_document, blocklist_phone, blocklist_email.'] });
    const rec: BlocklistRecord = {
      session_id: String(sid),
      blocklist_face: body.blocklist_face === true,
      blocklist_document: body.blocklist_document === true,
      blocklist_phone: body.blocklist_phone === true,
      blocklist_email: body.blocklist_email === true,
      duplicate: false,
      at: now(),
    };
    rec.duplicate = blocklist.some((x) => x.session_id === rec.session_id && flags.every((f) => x[f] === rec[f]));
    blocklist.push(rec);
    return jsonReply(200, { session_id: rec.session_id, blocklisted: { face: rec.blocklist_face, document: rec.blocklist_document, phone: rec.blocklist_phone, email: rec.blocklist_email } });
  }

  async function generatePdf(_req: FakeRequest, p: readonly string[], apiKey: string): Promise<Reply> {
    const s = ownSession(p[0] ?? '', apiKey);
    if (isReply(s)) return s;
    // Fake-side: a report only exists once the user has finished.
    if (s.status === 'Not Started' || s.status === 'In Progress' || s.status === 'Expired') return detail(400, `The session has no decision yet (status "${s.status}").`);
    const idv = s.id_verifications?.[0];
    const pdf = await renderPdf('Didit verification report', [
      `Session: ${s.session_id}`,
      `Status: ${s.status}`,
      `Vendor data: ${s.vendor_data ?? '-'}`,
      `Workflow: ${s.workflow_id}`,
      `Name: ${idv ? `${idv.first_name} ${idv.last_name}` : '-'}`,
      `Document: ${idv ? `${idv.document_type} ${idv.document_number} (${idv.issuing_country})` : '-'}`,
      `Liveness score: ${s.liveness_checks?.[0]?.score ?? '-'}`,
      `Face match score: ${s.face_matches?.[0]?.score ?? '-'}`,
      `Reviews: ${s.reviews.length}`,
    ]);
    return { status: 200, headers: { 'content-type': 'application/pdf', 'content-disposition': `attachment; filename="session-${s.session_id}.pdf"` }, body: pdf };
  }

  function hostedPage(_req: FakeRequest, p: readonly string[]): Reply {
    const s = sessions.find((x) => x.session_token === p[0]);
    if (!s) return html(404, 'Not Found');
    refresh(s);
    return { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: `<!doctype html><title>Fake Didit verification</title><h1>Fake Didit verification</h1><p data-session-id="${s.session_id}">Session ${s.session_id}: ${s.status}</p>` };
  }

  function getMedia(_req: FakeRequest, p: readonly string[]): Reply {
    const m = media.get(`${p[0]}/${p[1]}`);
    if (!m) return html(404, 'Not Found');
    return { status: 200, headers: { 'content-type': m.type }, body: m.bytes };
  }

  const SID = '([^/]+)';
  const routes: RouteDef<string>[] = [
    { id: 'createWorkflow', method: 'POST', pattern: /^\/v3\/workflows\/$/, handler: authed(createWorkflow) },
    { id: 'listWorkflows', method: 'GET', pattern: /^\/v3\/workflows\/$/, handler: authed(listWorkflows) },
    { id: 'createSession', method: 'POST', pattern: /^\/v3\/session\/$/, handler: authed(createSession) },
    { id: 'listSessions', method: 'GET', pattern: /^\/v3\/sessions\/$/, handler: authed(listSessions) },
    { id: 'getDecision', method: 'GET', pattern: new RegExp(`^/v3/session/${SID}/decision/$`), handler: authed(getDecision) },
    { id: 'updateStatus', method: 'PATCH', pattern: new RegExp(`^/v3/session/${SID}/update-status/$`), handler: authed(updateStatus) },
    { id: 'blocklistAdd', method: 'POST', pattern: /^\/v3\/blocklist\/add\/$/, handler: authed(blocklistAdd) },
    { id: 'generatePdf', method: 'GET', pattern: new RegExp(`^/v3/session/${SID}/generate-pdf$`), handler: authed(generatePdf) },
    // Not API: the page the user opens, and the images a decision points at (presigned, no key).
    { id: 'hostedPage', method: 'GET', pattern: /^\/session\/([^/]+)$/, handler: hostedPage },
    { id: 'media', method: 'GET', pattern: /^\/media\/([^/]+)\/([^/]+)$/, handler: getMedia },
  ];

  const http: FakeHttp = await startFakeHttp({ routes, faults, errors: DIDIT_ERRORS, maxBodyBytes: opts.maxBodyBytes ?? 1024 * 1024, now, log: requests, internalErrors });
  base = http.url;

  return {
    url: http.url,
    apiKey: firstKey,
    webhookSecret,
    faults,
    sessions,
    workflows,
    statusUpdates,
    blocklist,
    webhooks,
    requests,
    internalErrors,
    session: (id) => {
      const s = byId.get(id);
      if (s) refresh(s);
      return s;
    },
    sessionsFor: (vd) => sessions.filter((s) => s.vendor_data === vd),
    setDecision,
    setStatus: (id, status) => setDecision(id, { status }),
    expireSession: (id) => {
      const s = mustSession(id);
      if (s.status !== 'Not Started' && s.status !== 'In Progress') throw new Error(`fake Didit: cannot expire a session in status ${s.status}`);
      s.status = 'Expired';
      changed(s);
      return s;
    },
    setMedia: (id, name, bytes, contentType = 'image/jpeg') => {
      mustSession(id);
      media.set(`${id}/${name}`, { bytes, type: contentType });
      return `${base}/media/${id}/${encodeURIComponent(name)}`;
    },
    mediaUrl: (id, name) => `${base}/media/${id}/${encodeURIComponent(name)}`,
    callbackRedirect: (id) => {
      const s = mustSession(id);
      if (!s.callback) return null;
      const u = new URL(s.callback);
      u.searchParams.set('verificationSessionId', s.session_id);
      u.searchParams.set('status', s.status);
      return u.toString();
    },
    setWebhookUrl: (u) => {
      if (u !== null) assertLoopbackUrl(u);
      webhookUrl = u;
    },
    sendWebhook,
    flushWebhooks: async () => {
      while (pendingWebhooks.size) await Promise.all([...pendingWebhooks]);
    },
    close: async () => {
      await Promise.allSettled([...pendingWebhooks]);
      await http.close();
    },
  };
}
