import { useEffect, useRef } from 'react';

/**
 * Every service call pushes the session's idle expiry on, so a timer that polls forever would
 * keep an unattended workstation signed in. Polls therefore run only while the window is
 * visible and the operator has touched it recently; they resume on the next input.
 */
export const ACTIVE_WINDOW_MS = 60_000;

let lastInputAt = Date.now();
let listening = false;
const wakers = new Set<() => void>();

function onInput(): void {
  const wasIdle = Date.now() - lastInputAt > ACTIVE_WINDOW_MS;
  lastInputAt = Date.now();
  // Back from idle: refresh at once instead of showing a state up to one period old.
  if (wasIdle) for (const wake of wakers) wake();
}

function listen(): void {
  if (listening) return;
  listening = true;
  for (const type of ['pointerdown', 'pointermove', 'keydown', 'wheel', 'focus'] as const) window.addEventListener(type, onInput, { passive: true, capture: true });
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') onInput();
  });
}

export function operatorActive(): boolean {
  return document.visibilityState === 'visible' && Date.now() - lastInputAt <= ACTIVE_WINDOW_MS;
}

/**
 * Calls `tick` every `periodMs` while the operator is active (callers load once themselves); null
 * `periodMs` stops polling. The latest `tick` is used, so callers need not memoise it.
 */
export function useActivePolling(tick: () => void, periodMs: number | null): void {
  const latest = useRef(tick);
  useEffect(() => {
    latest.current = tick;
  });
  useEffect(() => {
    if (periodMs === null) return;
    listen();
    const run = () => {
      if (operatorActive()) latest.current();
    };
    wakers.add(run);
    const timer = setInterval(run, periodMs);
    return () => {
      clearInterval(timer);
      wakers.delete(run);
    };
  }, [periodMs]);
}
