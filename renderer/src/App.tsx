import { useSession } from './store/sessionStore';
import { useHashRoute } from './useHashRoute';
import { AppHeader } from './components/AppHeader';
import { Toasts } from './components/Toasts';
import { ShortcutsOverlay } from './components/ShortcutsOverlay';
import { SignInPage } from './pages/SignInPage';
import { SetupPage } from './pages/SetupPage';
import { useOperation } from './api/useOperation';
import { QueuePage } from './pages/QueuePage';
import { CasePage } from './pages/CasePage';
import { NoQueuePage } from './pages/NoQueuePage';
import { OnboardingPage } from './pages/OnboardingPage';
import { AuditLogPage } from './pages/AuditLogPage';
import { ExportsPage } from './pages/ExportsPage';
import { ApiTokensPage } from './pages/ApiTokensPage';
import { OperatorsPage } from './pages/OperatorsPage';
import { BackupsPage } from './pages/BackupsPage';
import { ListsPage } from './pages/ListsPage';
import { SyncSettingsPage } from './pages/SyncSettingsPage';
import { AccountPage } from './pages/AccountPage';
import { BlocklistPage } from './pages/BlocklistPage';
import { PolicyPage } from './pages/PolicyPage';
import { contract } from '../../shared/contract';
import { NAV_ITEMS } from './navItems';
import { NotForRolePage } from './pages/NotForRolePage';

/** No session: the first-run setup while the store has no operator, sign-in after that. */
function SignedOut() {
  const status = useOperation('setup.status', {});
  if (status.loading && !status.data) return null;
  if (status.data?.needsSetup) return <SetupPage status={status.data} onDone={status.reload} />;
  return <SignInPage />;
}

export function App() {
  const session = useSession((s) => s.session);
  const route = useHashRoute();
  // A section's own roles (navItems): anyone else opening its address is told it is not theirs.
  const section = NAV_ITEMS.find((n) => n.route.page === route.page && n.route.page !== 'queue');
  return (
    <>
      {session ? (
        <>
          <AppHeader />
          <ShortcutsOverlay />
          {section && !section.roles.includes(session.operator.role) ? (
            <NotForRolePage role={session.operator.role} />
          ) : route.page === 'case' ? (
            <CasePage key={route.caseId} caseId={route.caseId} />
          ) : route.page === 'onboarding' ? (
            <OnboardingPage key={route.profileId ?? 'new'} profileId={route.profileId} />
          ) : route.page === 'audit' ? (
            <AuditLogPage />
          ) : route.page === 'exports' ? (
            <ExportsPage />
          ) : route.page === 'apiTokens' ? (
            <ApiTokensPage />
          ) : route.page === 'operators' ? (
            <OperatorsPage />
          ) : route.page === 'backups' ? (
            <BackupsPage />
          ) : route.page === 'lists' ? (
            <ListsPage />
          ) : route.page === 'sync' ? (
            <SyncSettingsPage />
          ) : route.page === 'policy' ? (
            <PolicyPage />
          ) : route.page === 'blocklist' ? (
            <BlocklistPage />
          ) : route.page === 'account' ? (
            <AccountPage />
          ) : (contract['cases.list'].roles as readonly string[]).includes(session.operator.role) ? (
            <QueuePage />
          ) : (
            <NoQueuePage />
          )}
        </>
      ) : (
        <SignedOut />
      )}
      <Toasts />
    </>
  );
}
