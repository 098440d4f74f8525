import { create } from 'zustand';
import type { Session } from '../../../shared/schemas/operator';
import type { ServiceError } from '../../../shared/result';
import { api } from '../api/apiClient';
import { toast, useToasts } from './toastStore';

const STORAGE_KEY = 'kyc.session';

interface SessionState {
  session: Session | null;
  signingIn: boolean;
  /** Null once signed in; else the service's refusal, for the page to word. */
  signIn(email: string, password: string): Promise<ServiceError | null>;
  /** Takes a session the service opened another way (first-run setup signs its admin in). */
  adopt(session: Session): void;
  signOut(): Promise<void>;
  /** Called when the service says the session is gone (idle expiry, account disabled). */
  expire(message: string): void;
}

// Tab-scoped: closing the window signs the operator out of this browser.
function restore(): Session | null {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

const initial = restore();
api.setToken(initial?.token ?? null);

export const useSession = create<SessionState>((set, get) => ({
  session: initial,
  signingIn: false,
  async signIn(email, password) {
    set({ signingIn: true });
    const r = await api.call('auth.signIn', { email, password });
    set({ signingIn: false });
    if (!r.ok) return r.error;
    get().adopt(r.value);
    return null;
  },
  adopt(session) {
    api.setToken(session.token);
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session));
    set({ session });
  },
  async signOut() {
    if (get().session) await api.call('auth.signOut', {});
    api.setToken(null);
    sessionStorage.removeItem(STORAGE_KEY);
    // What the last person was told is not left on screen for the next one to read.
    useToasts.setState({ toasts: [] });
    set({ session: null });
  },
  expire(message) {
    api.setToken(null);
    sessionStorage.removeItem(STORAGE_KEY);
    set({ session: null });
    toast(message);
  },
}));
