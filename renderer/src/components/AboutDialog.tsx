import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { useOperation } from '../api/useOperation';

/** Which build runs on which store: what a support call or an auditor asks first. */
function AboutCard({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const about = useOperation('app.about', {});
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => closeRef.current?.focus(), []);
  const a = about.data;
  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-labelledby="about-title" onClick={onClose} onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <div className="overlay-card about-card" onClick={(e) => e.stopPropagation()}>
        <h2 id="about-title">{t('about.title')}</h2>
        {a && (
          <dl className="about-facts">
            <dt>{t('about.version')}</dt>
            <dd>
              {a.productName} {a.version}
            </dd>
            <dt>{t('about.dataDir')}</dt>
            <dd>
              <code data-testid="about-data-dir">{a.dataDir}</code>
            </dd>
            <dt>{t('about.schema')}</dt>
            <dd data-testid="about-schema">{a.schemaVersion}</dd>
            <dt>{t('about.sqlite')}</dt>
            <dd>{a.sqliteVersion}</dd>
            <dt>{t('about.encryption')}</dt>
            <dd data-testid="about-encryption">
              {t('about.encrypted', { protection: t(`about.protection.${a.encryption.protection}`) })}
              <br />
              <span className="muted">{t('about.key', { id: a.encryption.keyId, date: a.encryption.keyCreatedAt.slice(0, 10) })}</span>
            </dd>
            <dt>{t('about.runtime')}</dt>
            <dd>
              Node {a.runtime.node}
              {a.runtime.electron ? ` · Electron ${a.runtime.electron}` : ''}
            </dd>
            <dt>{t('about.engines')}</dt>
            <dd>
              <ul className="about-engines">
                {a.engines.map((e) => (
                  <li key={e.name}>
                    {e.name} <span className="muted">{e.version}</span>
                  </li>
                ))}
              </ul>
            </dd>
          </dl>
        )}
        {a && (
          <section aria-labelledby="about-models">
            <h3 id="about-models">{t('about.models')}</h3>
            <p className="muted small">{t('about.modelsIntro')}</p>
            <ul className="about-models" data-testid="about-models">
              {a.models.map((m) => (
                <li key={m.name}>
                  <strong>{m.name}</strong>{' '}
                  <span className={`badge ${m.status === 'cleared' ? 'outcome-ok' : 'warn'}`}>{t(`about.modelStatus.${m.status}`)}</span>
                  <br />
                  <span className="muted small">
                    {t(`about.modelPurpose.${m.id}`)} · {m.licence}
                  </span>
                </li>
              ))}
            </ul>
          </section>
        )}
        <p className="muted small">{t('about.offline')}</p>
        <button ref={closeRef} type="button" className="button secondary" onClick={onClose}>
          {t('about.close')}
        </button>
      </div>
    </div>
  );
}

export function AboutButton() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  // Focus goes back to where the dialog was opened from, so keyboard users keep their place.
  const close = () => {
    setOpen(false);
    opener.current?.focus();
  };
  return (
    <>
      <button ref={opener} type="button" className="link about-open" aria-label={t('about.open')} title={t('about.open')} onClick={() => setOpen(true)}>
        {t('about.title')}
      </button>
      {/* On the body, not in the header: the dialog must not take the header's colours and layout. */}
      {open && createPortal(<AboutCard onClose={close} />, document.body)}
    </>
  );
}
