import type { Migration } from './Migration';
import { migration0001 } from './0001_operators_and_sessions';
import { migration0002 } from './0002_profiles_and_cases';
import { migration0003 } from './0003_evidence';
import { migration0004 } from './0004_audit_chain';
import { migration0005 } from './0005_verification_policies';
import { migration0006 } from './0006_analysis_jobs';
import { migration0007 } from './0007_analysis_results';
import { migration0008 } from './0008_triage';
import { migration0009 } from './0009_four_eyes';
import { migration0010 } from './0010_blocklist';
import { migration0011 } from './0011_liveness_sessions';
import { migration0012 } from './0012_intake';
import { migration0013 } from './0013_api_tokens';
import { migration0014 } from './0014_retention';
import { migration0015 } from './0015_export_jobs';
import { migration0016 } from './0016_audit_profile_index';
import { migration0017 } from './0017_queue_assignee_index';
import { migration0018 } from './0018_queue_status_assignee_index';
import { migration0019 } from './0019_kyc_service_ids_and_remote_liveness';
import { migration0020 } from './0020_didit_workflow_knobs';
import { migration0021 } from './0021_uploads';
import { migration0022 } from './0022_sync';
import { migration0023 } from './0023_didit_results';
import { migration0024 } from './0024_job_lanes';
import { migration0025 } from './0025_sign_in_throttle';
import { migration0026 } from './0026_sanctions_screening';
import { migration0027 } from './0027_received_anchors';
import { migration0028 } from './0028_capture_quality_limits';
import { migration0029 } from './0029_fused_face_score';
import { migration0030 } from './0030_document_blur_limit';
import { migration0031 } from './0031_face_embeddings';
import { migration0032 } from './0032_flag_face_api_only';
import { migration0033 } from './0033_face_description_v2';
import { migration0034 } from './0034_face_threshold_v2';
import { migration0035 } from './0035_face_version_index';
import { migration0036 } from './0036_glare_fade_limit';
import { migration0037 } from './0037_flag_detail_text';
import { migration0038 } from './0038_outbox_failing_since';
import { migration0039 } from './0039_company_email_index';

/** In order; each version is its index + 1 (checked by the migration tests). */
export const MIGRATIONS: readonly Migration[] = [
  migration0001,
  migration0002,
  migration0003,
  migration0004,
  migration0005,
  migration0006,
  migration0007,
  migration0008,
  migration0009,
  migration0010,
  migration0011,
  migration0012,
  migration0013,
  migration0014,
  migration0015,
  migration0016,
  migration0017,
  migration0018,
  migration0019,
  migration0020,
  migration0021,
  migration0022,
  migration0023,
  migration0024,
  migration0025,
  migration0026,
  migration0027,
  migration0028,
  migration0029,
  migration0030,
  migration0031,
  migration0032,
  migration0033,
  migration0034,
  migration0035,
  migration0036,
  migration0037,
  migration0038,
  migration0039,
];
export const LATEST_VERSION = MIGRATIONS.length;
