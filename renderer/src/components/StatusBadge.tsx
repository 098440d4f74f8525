import type { CaseStatus } from '../../../shared/caseStatus';
import { humanise } from '../format/formatAge';

export function StatusBadge({ status }: { status: CaseStatus }) {
  return <span className={`badge status-${status.toLowerCase()}`}>{humanise(status)}</span>;
}
