import { useRef, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { useEscapeKey } from './useEscapeKey';
import { trapTab } from './trapTab';

/** A password is asked hidden, taken as typed (never trimmed), and at least `minLength` long. */
export interface SecretAnswer {
  secret: true;
  minLength: number;
}

interface Asked {
  label: string;
  confirm: string;
  maxLength: number;
  secret: SecretAnswer | null;
  resolve(value: string | null): void;
}

function TextPromptCard({ asked, onDone }: { asked: Asked; onDone(value: string | null): void }) {
  const { t } = useTranslation();
  const [value, setValue] = useState('');
  // A click that starts in the card (selecting text) and ends on the backdrop is not a cancel.
  const downOnBackdrop = useRef(false);
  useEscapeKey(() => onDone(null));
  const answer = asked.secret ? (value.length >= asked.secret.minLength ? value : '') : value.trim();
  return (
    <div
      className="overlay"
      role="dialog"
      aria-modal="true"
      aria-labelledby="text-prompt-label"
      onMouseDown={(e) => (downOnBackdrop.current = e.target === e.currentTarget)}
      onClick={(e) => {
        if (downOnBackdrop.current && e.target === e.currentTarget) onDone(null);
      }}
    >
      <form
        className="overlay-card text-prompt"
        // Tab cycles within the dialog: the page behind it is inert while it asks.
        onKeyDown={trapTab}
        onSubmit={(e) => {
          e.preventDefault();
          if (answer) onDone(answer);
        }}
      >
        <label id="text-prompt-label" htmlFor="text-prompt-input">
          {asked.label}
        </label>
        <input
          id="text-prompt-input"
          type={asked.secret ? 'password' : 'text'}
          autoComplete={asked.secret ? 'new-password' : undefined}
          minLength={asked.secret?.minLength}
          value={value}
          onChange={(e) => setValue(e.target.value)}
          autoFocus
          maxLength={asked.maxLength}
        />
        <div className="actions">
          <button type="button" className="button secondary" onClick={() => onDone(null)}>
            {t('prompt.cancel')}
          </button>
          <button type="submit" className="button primary" disabled={!answer}>
            {asked.confirm}
          </button>
        </div>
      </form>
    </div>
  );
}

/**
 * A one-line question in an in-app dialog: `window.prompt` does not exist in Electron. `ask`
 * resolves with the trimmed answer, or null when cancelled; focus returns where it was.
 */
export function useTextPrompt(): { dialog: ReactNode; ask(label: string, confirm: string, maxLength: number, secret?: SecretAnswer): Promise<string | null> } {
  const [asked, setAsked] = useState<Asked | null>(null);
  const returnFocus = useRef<HTMLElement | null>(null);
  const ask = (label: string, confirm: string, maxLength: number, secret?: SecretAnswer) =>
    new Promise<string | null>((resolve) => {
      returnFocus.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      // A question still open is answered "cancelled" before the next one is asked.
      asked?.resolve(null);
      setAsked({ label, confirm, maxLength, secret: secret ?? null, resolve });
    });
  const done = (value: string | null) => {
    asked?.resolve(value);
    setAsked(null);
    returnFocus.current?.focus();
  };
  return { dialog: asked ? createPortal(<TextPromptCard asked={asked} onDone={done} />, document.body) : null, ask };
}
