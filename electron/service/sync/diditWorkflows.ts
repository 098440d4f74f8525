import type { Policy } from '../../../shared/schemas/policy';
import type { ServiceDeps } from '../core/ServiceDeps';
import type { OutboxRecord } from '../repositories/SyncRepository';
import type { ConnectorOutcome } from './Connector';
import { isObject, str, type DiditApi } from './diditApi';
import { RemoteCallError } from './remoteHttp';

/** Workflows are found again by their label (Didit takes no idempotency key): one per policy version. */
const DIDIT_WORKFLOW_LABEL_PREFIX = 'KYC workstation policy v';

/** The policy's Didit knobs, under Didit's names (seed 003's recommended KYC workflow). */
function workflowBody(p: Policy): Record<string, unknown> {
  return {
    workflow_label: `${DIDIT_WORKFLOW_LABEL_PREFIX}${p.version}`,
    workflow_type: 'kyc',
    is_liveness_enabled: p.body.checks.liveness,
    is_face_match_enabled: p.body.is_face_match_enabled,
    face_match_score_decline_threshold: p.body.face_match_score_decline_threshold,
    max_retry_attempts: p.body.max_retry_attempts,
    // Seed 003's "KYC + AML" variant: Didit screens too, and declines at the policy's threshold.
    is_aml_enabled: p.body.aml.enabled,
    aml_decline_threshold: p.body.aml.declineThreshold,
  };
}

/** The policy as a Didit workflow: pushed per policy version, and by a session create that finds none recorded. */
export class DiditWorkflows {
  /**
   * Workflow pushes in flight, by label: the runner delivers several rows at once, and a session
   * create may push the workflow itself, so two callers share one look-then-create rather than
   * both finding nothing and creating two workflows.
   */
  private readonly ensuring = new Map<string, Promise<string>>();

  async push(d: ServiceDeps, api: DiditApi, row: OutboxRecord): Promise<ConnectorOutcome> {
    const policy = d.policies.byVersion(Number(row.payload.policyVersion));
    if (!policy) return { ok: false, retryable: false, error: 'the policy version no longer exists' };
    const uuid = await this.ensure(api, policy);
    return { ok: true, remoteId: uuid, record: () => void d.didit.setWorkflow(uuid, policy.version, d.clock().toISOString()) };
  }

  /** The workflow of a policy version: found by its label first (an earlier create may have landed), else created. */
  ensure(api: DiditApi, policy: Policy): Promise<string> {
    const key = `${api.baseUrl}|${policy.version}`;
    let running = this.ensuring.get(key);
    if (!running) {
      running = this.findOrCreate(api, policy).finally(() => this.ensuring.delete(key));
      this.ensuring.set(key, running);
    }
    return running;
  }

  private async findOrCreate(api: DiditApi, policy: Policy): Promise<string> {
    const body = workflowBody(policy);
    const found = await api.findInList('/v3/workflows/', (w) => w.workflow_label === body.workflow_label);
    const existing = found && str(found.uuid);
    if (existing) return existing;
    const created = (await api.call('POST', '/v3/workflows/', body)).body;
    const uuid = isObject(created) ? str(created.uuid) : null;
    if (!uuid) throw new RemoteCallError('POST /v3/workflows/: answered without a uuid', true, null);
    return uuid;
  }
}
