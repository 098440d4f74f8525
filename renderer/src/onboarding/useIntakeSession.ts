import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../api/apiClient';
import { handleError } from '../api/useOperation';
import type { IntakeStatus, IntakeTexts, WizardStep } from '../../../shared/schemas/intake';
import type { ServiceError } from '../../../shared/result';
import { DEFAULT_QUALITY_LIMITS, type QualityLimits } from '../../../shared/liveCaptureQuality';
import type { FormValues } from './formModel';

/** What the wizard keeps in the server-side draft: where it was, and the unsaved form values. */
export interface DraftData {
  personalInfo?: FormValues;
  /** Form paths filled by the OCR pre-fill, highlighted for the operator to check. */
  prefilled?: string[];
  [key: string]: unknown;
}

export interface IntakeSession {
  status: IntakeStatus | null;
  texts: IntakeTexts | null;
  limits: QualityLimits;
  draft: { step: WizardStep; data: DraftData } | null;
  loadError: ServiceError | null;
  refresh(): Promise<IntakeStatus | null>;
  setStatus(s: IntakeStatus): void;
  /** Saves the draft (debounced for form typing; at once when `now`). */
  saveDraft(step: WizardStep, data: DraftData, now?: boolean): void;
}

const DRAFT_DEBOUNCE_MS = 1200;

export function useIntakeSession(profileId: string): IntakeSession {
  const [status, setStatus] = useState<IntakeStatus | null>(null);
  const [texts, setTexts] = useState<IntakeTexts | null>(null);
  const [limits, setLimits] = useState<QualityLimits>(DEFAULT_QUALITY_LIMITS);
  const [draft, setDraft] = useState<IntakeSession['draft']>(null);
  const [loadError, setLoadError] = useState<ServiceError | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const pending = useRef<(() => void) | null>(null);

  const refresh = useCallback(async () => {
    const r = await api.call('intake.status', { profileId });
    if (r.ok) {
      setStatus(r.value);
      return r.value;
    }
    setLoadError(r.error);
    handleError(r.error);
    return null;
  }, [profileId]);

  useEffect(() => {
    let live = true;
    void (async () => {
      const [s, tx, d, p] = await Promise.all([
        api.call('intake.status', { profileId }),
        api.call('intake.texts', {}),
        api.call('intake.getDraft', { profileId }),
        api.call('policy.get', {}),
      ]);
      if (!live) return;
      if (!s.ok) {
        setLoadError(s.error);
        handleError(s.error);
        return;
      }
      setStatus(s.value);
      if (tx.ok) setTexts(tx.value);
      else handleError(tx.error);
      if (d.ok && d.value) setDraft({ step: d.value.step, data: d.value.data as DraftData });
      if (p.ok) setLimits({ ...p.value.body.quality });
    })();
    return () => {
      live = false;
    };
  }, [profileId]);

  const saveDraft = useCallback(
    (step: WizardStep, data: DraftData, now = false) => {
      setDraft({ step, data });
      if (timer.current) clearTimeout(timer.current);
      const send = () => {
        // Drafts are best effort: a refused save (e.g. the case went to review) is not worth a toast.
        void api.call('intake.saveDraft', { profileId, step, data });
      };
      pending.current = null;
      if (now) send();
      else {
        pending.current = send;
        timer.current = setTimeout(() => {
          pending.current = null;
          send();
        }, DRAFT_DEBOUNCE_MS);
      }
    },
    [profileId],
  );
  // Leaving the wizard sends what was typed since the last save: by moving elsewhere in the app
  // (unmount), or by reloading or closing the page (pagehide; the request is sent keepalive).
  useEffect(() => {
    const flush = () => {
      if (timer.current) clearTimeout(timer.current);
      const send = pending.current;
      pending.current = null;
      send?.();
    };
    window.addEventListener('pagehide', flush);
    return () => {
      window.removeEventListener('pagehide', flush);
      flush();
    };
  }, []);

  return { status, texts, limits, draft, loadError, refresh, setStatus, saveDraft };
}
