import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIDIT_STATUSES, fromDidit, toDidit } from '../../shared/statusMappings';
import { CASE_STATUSES } from '../../shared/caseStatus';
import { openTempService, type TempService } from '../helpers/tempService';

/**
 * Seed 003 (Didit API v3), the part this workstation implements locally: the workflow knobs
 * our policy carries under Didit's names, Didit's session statuses, and its 7-day expiry. The
 * workflow body is copied from the seed's step 1 (`POST /v3/workflows/`); Didit's own endpoints
 * are a remote provider's, driven by the sync connector, not served here.
 */
const SEED_WORKFLOW = {
  workflow_label: 'KYC Onboarding',
  workflow_type: 'kyc',
  is_liveness_enabled: true,
  is_face_match_enabled: true,
  face_match_score_decline_threshold: 50,
  max_retry_attempts: 3,
};
/** The seed's decision status table, as written. */
const SEED_STATUSES = ['Approved', 'Declined', 'In Review', 'Not Started', 'In Progress', 'Expired'] as const;

describe('seed 003: Didit workflow knobs and statuses in the local policy', () => {
  let t: TempService;
  let admin: string;
  beforeAll(async () => {
    t = openTempService();
    admin = await t.signInAs('admin');
  });
  afterAll(async () => {
    await t.service.shutdown();
    t.cleanup();
  });

  it('the policy takes the seed workflow knobs under their own names and values', async () => {
    const current = await t.service.call('policy.get', {}, admin);
    if (!current.ok) throw new Error(current.error.message);
    const knobs = { is_face_match_enabled: SEED_WORKFLOW.is_face_match_enabled, face_match_score_decline_threshold: SEED_WORKFLOW.face_match_score_decline_threshold, max_retry_attempts: SEED_WORKFLOW.max_retry_attempts };
    const updated = await t.service.call('policy.update', { body: { ...current.value.body, ...knobs }, note: 'Didit seed workflow knobs' }, admin);
    expect(updated.ok && updated.value.body).toMatchObject(knobs);
    expect(updated.ok && updated.value.version).toBe(current.value.version + 1);
    // Out of Didit's 0-100 range is refused, with the knob named.
    const bad = await t.service.call('policy.update', { body: { ...current.value.body, face_match_score_decline_threshold: 150 }, note: 'too high' }, admin);
    expect(bad.ok ? null : bad.error.field).toContain('face_match_score_decline_threshold');
  });

  it('Didit expires a session after 7 days by default; so does an application here', async () => {
    const p = await t.service.call('policy.get', {}, admin);
    expect(p.ok && p.value.body.applicationExpiryDays).toBe(7);
  });

  it('every status in the seed maps onto our status machine and back to itself', () => {
    for (const s of SEED_STATUSES) {
      expect(DIDIT_STATUSES).toContain(s);
      expect(CASE_STATUSES).toContain(fromDidit(s));
      expect(toDidit(fromDidit(s))).toBe(s);
    }
    // Every status of ours has a Didit answer.
    for (const c of CASE_STATUSES) expect(DIDIT_STATUSES).toContain(toDidit(c));
  });
});
