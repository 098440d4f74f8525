import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { CheckResult } from '../../../shared/schemas/analysis';
import { useOperation, callOrToast } from '../api/useOperation';
import { FaceScore } from './FaceScore';
import { useEngineText } from '../format/useEngineText';

const OUTCOME_CLASS: Record<CheckResult['outcome'], string> = { PASS: 'ok', WARN: 'warn', FAIL: 'fail', NOT_RUN: 'muted' };

/** A reason in words, its code after it, quieter: officers read the words, reports and the API quote the code. */
function ReasonLine({ code, words }: { code: string; words: string }) {
  const { t } = useTranslation();
  return (
    <>
      <span className="reason-words">{words}</span>{' '}
      <code className="reason-code" title={t('analysis.reasonCode')}>
        {code}
      </code>
    </>
  );
}

function CheckRow({ check }: { check: CheckResult }) {
  const { t } = useTranslation();
  const words = useEngineText();
  return (
    <li className="check-row" data-check={check.check}>
      <span className={`outcome outcome-${OUTCOME_CLASS[check.outcome]}`}>{t(`outcome.${check.outcome}`)}</span>
      <div>
        <strong>{t(`check.${check.check}`)}</strong>
        {check.ms !== null && <span className="muted small"> · {check.ms} ms</span>}
        {check.reasons.map((r, i) => (
          <div key={i} className="small">
            <ReasonLine code={r.code} words={words(r.text, r.message)} />
          </div>
        ))}
      </div>
    </li>
  );
}

/** The engine's result for the case, and a progress bar while a job runs. */
export function AnalysisPanel({ caseId, canStart, onFinished }: { caseId: string; canStart: boolean; onFinished?: () => void }) {
  const { t } = useTranslation();
  const words = useEngineText();
  const status = useOperation('analysis.status', { caseId });
  const running = status.data?.jobs.find((j) => j.status === 'queued' || j.status === 'running');
  const { reload } = status;
  useEffect(() => {
    if (!running) return;
    const t = setInterval(reload, 700);
    return () => clearInterval(t);
  }, [running, reload]);
  // A run that ends changes the case too (recommendation, MRZ, status): the page reloads it.
  const wasRunning = useRef(false);
  useEffect(() => {
    if (wasRunning.current && !running) onFinished?.();
    wasRunning.current = running !== undefined;
  }, [running, onFinished]);
  const result = status.data?.result ?? null;
  const failed = status.data?.jobs[0]?.status === 'failed' ? status.data.jobs[0] : null;

  return (
    <section className="panel" aria-labelledby="analysis-title">
      <div className="panel-head">
        <h2 id="analysis-title">{t('analysis.title')}</h2>
        {canStart && !running && (
          <button
            type="button"
            className="button secondary"
            onClick={() => void callOrToast('analysis.start', { caseId }).then(() => reload())}
          >
            {result ? t('analysis.runAgain') : t('analysis.run')}
          </button>
        )}
      </div>
      {running && (
        <div className="job-progress">
          <div className="muted small">
            {running.status === 'queued' ? t('analysis.queued') : t('analysis.running', { step: t(`check.${running.step ?? 'quality'}`, { defaultValue: running.step ?? '' }) })}
          </div>
          <progress max={1} value={running.progress} aria-label={t('analysis.progress')} />
        </div>
      )}
      {failed && !running && (
        <p className="form-error" role="alert">
          {t('analysis.failed', { message: failed.errorMessage })} <code>{failed.errorCode}</code>
        </p>
      )}
      {result ? (
        <>
          <div className={`recommendation rec-${result.recommendation.toLowerCase()}`}>
            {t('analysis.recommends')} <strong>{t(`recommendation.${result.recommendation}`)}</strong>
            <span className="muted small">
              {' · '}
              {t('analysis.policy', { version: result.policyVersion })}
              {result.submitResult ? ` · ${t(`analysis.submitResult.${result.submitResult}`)}` : ''}
            </span>
          </div>
          {result.reasons.length > 0 && (
            <ul className="reasons">
              {result.reasons.map((r, i) => (
                <li key={i}>
                  <ReasonLine code={r.code} words={words(r.text, r.message)} />
                </li>
              ))}
            </ul>
          )}
          <ul className="checks">
            {result.checks.map((c) => (
              <CheckRow key={c.check} check={c} />
            ))}
          </ul>
          {result.faceMatch && result.faceMatch.similarity !== null && <FaceScore similarity={result.faceMatch.similarity} threshold={result.faceMatch.threshold} declineBelow={result.faceMatch.declineBelow} components={result.faceMatch.components} descriptionVersion={result.faceMatch.descriptionVersion ?? 1} />}
          {result.crossChecks.length > 0 && (
            <table className="cross-checks">
              <thead>
                <tr>
                  <th>{t('analysis.crossCheck')}</th>
                  <th>{t('analysis.entered')}</th>
                  <th>{t('analysis.onDocument')}</th>
                  <th>{t('analysis.result')}</th>
                  <th>{t('analysis.howCompared')}</th>
                </tr>
              </thead>
              <tbody>
                {result.crossChecks.map((c) => (
                  <tr key={c.code} className={c.outcome === 'FAIL' ? 'mismatch' : ''} data-code={c.code}>
                    {/* Named by the field it compares: the code is what a failure is called, not the check. */}
                    <td>{t(`analysis.crossCheckField.${c.code}`)}</td>
                    <td>{c.expected === null ? '—' : words(c.expectedText, c.expected)}</td>
                    <td>{c.found ?? '—'}</td>
                    <td>
                      <span className={`outcome outcome-${OUTCOME_CLASS[c.outcome]}`}>{t(`outcome.${c.outcome}`)}</span>
                    </td>
                    <td className="muted small">{words(c.detailText, c.detail)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      ) : (
        !running && <p className="muted">{t('analysis.notAnalysed')}</p>
      )}
    </section>
  );
}
