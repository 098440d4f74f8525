import { useSession } from '../store/sessionStore';
import { humanise } from '../format/formatAge';

/** Roles without the review queue (branch staff) land here instead of on a refused request. */
export function NoQueuePage() {
  const role = useSession((s) => s.session?.operator.role) ?? 'branch_staff';
  return (
    <main className="page">
      <div className="panel empty-state">
        <strong>The review queue is not part of the {humanise(role).toLowerCase()} role.</strong>
        <span className="muted">Branch staff onboard customers; compliance officers review their cases.</span>
      </div>
    </main>
  );
}
