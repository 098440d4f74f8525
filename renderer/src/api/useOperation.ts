import { useCallback, useEffect, useState } from 'react';
import type { InputOf, OperationName, OutputOf } from '../../../shared/contract';
import { ErrorCode } from '../../../shared/errorCodes';
import type { ServiceError } from '../../../shared/result';
import { api } from './apiClient';
import { useSession } from '../store/sessionStore';
import { toast } from '../store/toastStore';
import { errorMessage } from './errorMessage';

/** Calls an operation and routes its failures: expired sessions sign out, others toast. */
export async function callOrToast<K extends OperationName>(op: K, input: InputOf<K>): Promise<OutputOf<K> | null> {
  const r = await api.call(op, input);
  if (r.ok) return r.value;
  handleError(r.error);
  return null;
}

export function handleError(error: ServiceError): void {
  if (error.code === ErrorCode.SESSION_EXPIRED || error.code === ErrorCode.NOT_AUTHENTICATED) {
    useSession.getState().expire(error.message);
  } else {
    toast(errorMessage(error), error.code, 'en');
  }
}

export interface OperationState<T> {
  data: T | null;
  error: ServiceError | null;
  loading: boolean;
  reload(): void;
}

/** Loads `op(input)` whenever the serialised input changes. */
export function useOperation<K extends OperationName>(op: K, input: InputOf<K> | null): OperationState<OutputOf<K>> {
  const key = input === null ? null : JSON.stringify(input);
  const [state, setState] = useState<{ data: OutputOf<K> | null; error: ServiceError | null; loading: boolean }>({
    data: null,
    error: null,
    loading: key !== null,
  });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (key === null) return;
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    void api.call(op, JSON.parse(key) as InputOf<K>).then((r) => {
      if (!live) return;
      if (r.ok) setState({ data: r.value, error: null, loading: false });
      else {
        setState({ data: null, error: r.error, loading: false });
        handleError(r.error);
      }
    });
    return () => {
      live = false;
    };
  }, [op, key, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { ...state, reload };
}
