import { useEffect, useState } from 'react';

/** Hash routes work the same in the desktop app and the browser shell. */
export type Route =
  | { page: 'queue' }
  | { page: 'case'; caseId: string }
  | { page: 'onboarding'; profileId?: string }
  | { page: 'audit' }
  | { page: 'exports' }
  | { page: 'apiTokens' }
  | { page: 'operators' }
  | { page: 'backups' }
  | { page: 'lists' }
  | { page: 'sync' }
  | { page: 'policy' }
  | { page: 'blocklist' }
  | { page: 'account' };

function parse(hash: string): Route {
  const c = /^#\/case\/([\w-]+)$/.exec(hash);
  if (c?.[1]) return { page: 'case', caseId: c[1] };
  const o = /^#\/onboarding(?:\/([\w-]+))?$/.exec(hash);
  if (o) return o[1] ? { page: 'onboarding', profileId: o[1] } : { page: 'onboarding' };
  if (hash === '#/audit') return { page: 'audit' };
  if (hash === '#/exports') return { page: 'exports' };
  if (hash === '#/admin/tokens') return { page: 'apiTokens' };
  if (hash === '#/admin/accounts') return { page: 'operators' };
  if (hash === '#/admin/backups') return { page: 'backups' };
  if (hash === '#/admin/lists') return { page: 'lists' };
  if (hash === '#/admin/sync') return { page: 'sync' };
  if (hash === '#/policy') return { page: 'policy' };
  if (hash === '#/blocklist') return { page: 'blocklist' };
  if (hash === '#/account') return { page: 'account' };
  return { page: 'queue' };
}

export function routeHash(route: Route): string {
  switch (route.page) {
    case 'case':
      return `#/case/${route.caseId}`;
    case 'onboarding':
      return route.profileId ? `#/onboarding/${route.profileId}` : '#/onboarding';
    case 'audit':
      return '#/audit';
    case 'exports':
      return '#/exports';
    case 'apiTokens':
      return '#/admin/tokens';
    case 'operators':
      return '#/admin/accounts';
    case 'backups':
      return '#/admin/backups';
    case 'lists':
      return '#/admin/lists';
    case 'sync':
      return '#/admin/sync';
    case 'policy':
      return '#/policy';
    case 'blocklist':
      return '#/blocklist';
    case 'account':
      return '#/account';
    case 'queue':
      return '#/queue';
  }
}

export function useHashRoute(): Route {
  const [route, setRoute] = useState(() => parse(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parse(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

export function navigate(route: Route): void {
  window.location.hash = routeHash(route);
}
