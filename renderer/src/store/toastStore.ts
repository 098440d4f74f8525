import { create } from 'zustand';

export interface Toast {
  id: number;
  message: string;
  code?: string | undefined;
  /** The message's language when it is not the UI's: the service writes its messages in English. */
  lang?: string | undefined;
}

interface ToastState {
  toasts: Toast[];
  dismiss(id: number): void;
}

let nextId = 1;

export const useToasts = create<ToastState>((set) => ({
  toasts: [],
  dismiss: (id) => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),
}));

/** Errors carry the service's own message and code, so the operator can act on them. */
export function toast(message: string, code?: string, lang?: string): void {
  const id = nextId++;
  useToasts.setState((s) => ({ toasts: [...s.toasts.slice(-3), { id, message, code, lang }] }));
  setTimeout(() => useToasts.getState().dismiss(id), 8000);
}
