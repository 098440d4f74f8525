import { useEffect, useState } from 'react';

/** Hash routes work the same from file:// (desktop) and http:// (browser shell). */
export type Route = { page: 'queue' } | { page: 'case'; caseId: string };

function parse(hash: string): Route {
  const m = /^#\/case\/([\w-]+)$/.exec(hash);
  return m?.[1] ? { page: 'case', caseId: m[1] } : { page: 'queue' };
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
  window.location.hash = route.page === 'case' ? `#/case/${route.caseId}` : '#/queue';
}
