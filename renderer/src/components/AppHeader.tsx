import { useSession } from '../store/sessionStore';
import { humanise } from '../format/formatAge';
import { navigate } from '../useHashRoute';

export function AppHeader() {
  const { session, signOut } = useSession();
  if (!session) return null;
  return (
    <header className="app-header">
      <button type="button" className="brand link" onClick={() => navigate({ page: 'queue' })}>
        <span className="brand-mark" aria-hidden="true">◆</span> KYC Workstation
      </button>
      <nav aria-label="Main">
        <button type="button" className="link nav-link" onClick={() => navigate({ page: 'queue' })}>
          Queue
        </button>
      </nav>
      <div className="header-user">
        <span className="user-name">{session.operator.displayName}</span>
        <span className="role-chip">{humanise(session.operator.role)}</span>
        <button type="button" className="button secondary" onClick={() => void signOut()}>
          Sign out
        </button>
      </div>
    </header>
  );
}
