import { useEffect } from 'react';
import type { AnalysisResult, CheckResult } from '../../../shared/schemas/analysis';
import { useOperation, callOrToast } from '../api/useOperation';
import { humanise } from '../format/formatAge';

const OUTCOME_CLASS: Record<CheckResult['outcome'], string> = { PASS: 'ok', WARN: 'warn', FAIL: 'fail', NOT_RUN: 'muted' };

function CheckRow({ check }: { check: CheckResult }) {
  return (
    <li className="check-row" data-check={check.check}>
      <span className={`outcome outcome-${OUTCOME_CLASS[check.outcome]}`}>{check.outcome.replace('_', ' ')}</span>
      <div>
        <strong>{humanise(check.check.replace(/([A-Z])/g, ' $1'))}</strong>
        {check.ms !== null && <span className="muted small"> · {check.ms} ms</span>}
        {check.reasons.map((r, i) => (
          <div key={i} className="small">
            <code>{r.code}</code> {r.message}
          </div>
        ))}
      </div>
    </li>
  );
}

function MrzBlock({ result }: { result: AnalysisResult }) {
  if (!result.mrz) return null;
  return (
    <div className="mrz-block">
      <pre className="mrz-lines" aria-label="Machine-readable zone">
        {result.mrz.lines.join('\n')}
      </pre>
      <div className="check-digits">
        {result.mrz.checkDigits.map((c) => (
          <span key={c.name} className={`digit ${c.valid ? 'ok' : 'fail'}`} title={c.valid ? 'check digit verifies' : 'check digit fails'}>
            {c.valid ? '✓' : '✗'} {c.name}
          </span>
        ))}
      </div>
    </div>
  );
}

/** The engine's result for the case, and a progress bar while a job runs. */
export function AnalysisPanel({ caseId, canStart }: { caseId: string; canStart: boolean }) {
  const status = useOperation('analysis.status', { caseId });
  const running = status.data?.jobs.find((j) => j.status === 'queued' || j.status === 'running');
  const { reload } = status;
  useEffect(() => {
    if (!running) return;
    const t = setInterval(reload, 700);
    return () => clearInterval(t);
  }, [running, reload]);
  const result = status.data?.result ?? null;
  const failed = status.data?.jobs[0]?.status === 'failed' ? status.data.jobs[0] : null;

  return (
    <section className="panel" aria-labelledby="analysis-title">
      <div className="panel-head">
        <h2 id="analysis-title">Verification</h2>
        {canStart && !running && (
          <button
            type="button"
            className="button secondary"
            onClick={() => void callOrToast('analysis.start', { caseId }).then(() => reload())}
          >
            {result ? 'Run again' : 'Run checks'}
          </button>
        )}
      </div>
      {running && (
        <div className="job-progress">
          <div className="muted small">
            {running.status === 'queued' ? 'Queued' : `Running: ${humanise(running.step ?? 'starting')}`}
          </div>
          <progress max={1} value={running.progress} aria-label="Analysis progress" />
        </div>
      )}
      {failed && !running && (
        <p className="form-error" role="alert">
          The last run failed: {failed.errorMessage} <code>{failed.errorCode}</code>
        </p>
      )}
      {result ? (
        <>
          <div className={`recommendation rec-${result.recommendation.toLowerCase()}`}>
            Engine recommends <strong>{humanise(result.recommendation)}</strong>
            <span className="muted small"> · policy v{result.policyVersion}{result.submitResult ? ` · kycService result ${result.submitResult}` : ''}</span>
          </div>
          {result.reasons.length > 0 && (
            <ul className="reasons">
              {result.reasons.map((r, i) => (
                <li key={i}>
                  <code>{r.code}</code> {r.message}
                </li>
              ))}
            </ul>
          )}
          <ul className="checks">
            {result.checks.map((c) => (
              <CheckRow key={c.check} check={c} />
            ))}
          </ul>
          {result.faceMatch && result.faceMatch.similarity !== null && (
            <div className="face-score">
              Face similarity <strong>{result.faceMatch.similarity.toFixed(3)}</strong> (threshold {result.faceMatch.threshold})
              <meter min={0} max={1} low={result.faceMatch.threshold} optimum={1} value={result.faceMatch.similarity} aria-label="Face similarity" />
            </div>
          )}
          <MrzBlock result={result} />
          {result.crossChecks.length > 0 && (
            <table className="cross-checks">
              <thead>
                <tr>
                  <th>Cross-check</th>
                  <th>Entered</th>
                  <th>Document</th>
                  <th>Result</th>
                </tr>
              </thead>
              <tbody>
                {result.crossChecks.map((c) => (
                  <tr key={c.code} className={c.outcome === 'FAIL' ? 'mismatch' : ''}>
                    <td title={c.detail}>{humanise(c.code)}</td>
                    <td>{c.expected ?? '—'}</td>
                    <td>{c.found ?? '—'}</td>
                    <td>
                      <span className={`outcome outcome-${OUTCOME_CLASS[c.outcome]}`}>{c.outcome.replace('_', ' ')}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      ) : (
        !running && <p className="muted">Not analysed yet.</p>
      )}
    </section>
  );
}
