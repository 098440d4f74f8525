import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExportJob } from '../../../shared/schemas/report';
import { callOrToast } from '../api/useOperation';
import { SkeletonRows } from '../components/Skeleton';
import { formatDateTime } from '../format/formatDateTime';
import { canDownloadOverHttp, downloadExport } from './saveFile';

const COLUMNS = 7;

function Selection({ job }: { job: ExportJob }) {
  const { t } = useTranslation();
  const f = job.filters;
  const parts = [`${t(`reports.form.dateFields.${f.dateField}`)}: ${f.from} – ${f.to}`];
  if (f.statuses.length) parts.push(f.statuses.map((s) => t(`status.${s}`)).join(', '));
  if (f.decisions.length) parts.push(f.decisions.map((d) => (d === 'none' ? t('reports.form.decisionNone') : t(`action.${d}`))).join(', '));
  if (f.countries.length) parts.push(f.countries.join(', '));
  if (f.profileType) parts.push(f.profileType === 'PERSON' ? t('reports.form.person') : t('reports.form.company'));
  return <span className="selection">{parts.join(' · ')}</span>;
}

/** Where a folder export (or a zip in the desktop app) was written: fetched on request, shown selectable, copyable. */
function SavedPath({ id }: { id: string }) {
  const { t } = useTranslation();
  const [path, setPath] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const inputId = `export-path-${id}`;
  const pathRef = useRef<HTMLElement>(null);
  // The button that asked for the path is gone once it is shown: focus goes to the path instead.
  useEffect(() => {
    if (path !== null) pathRef.current?.focus();
  }, [path]);
  const show = async () => {
    const file = await callOrToast('reports.exportFile', { id });
    if (file) setPath(file.path);
  };
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(path ?? '');
      setCopied(true);
    } catch {
      // Clipboard refused (insecure origin or permission): the path stays selectable as a whole.
      const el = document.getElementById(inputId);
      if (el) window.getSelection()?.selectAllChildren(el);
    }
  };
  if (path === null) {
    return (
      <button type="button" className="link" onClick={() => void show()}>
        {t('reports.list.showPath')}
      </button>
    );
  }
  return (
    <div className="export-path">
      <code id={inputId} ref={pathRef} className="export-path-value" tabIndex={0} aria-label={t('reports.list.savedAtLabel')}>
        {path}
      </code>
      <button type="button" className="button secondary" onClick={() => void copy()}>
        {copied ? t('reports.list.copied') : t('reports.list.copy')}
      </button>
    </div>
  );
}

function Output({ job }: { job: ExportJob }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  if (job.status === 'failed') return <span className="form-error">{job.errorMessage}</span>;
  if (job.status !== 'succeeded' || !job.outputName) return <span className="muted">—</span>;
  const zip = job.format === 'zip';
  const download = async () => {
    setBusy(true);
    await downloadExport(job.id, job.outputName!);
    setBusy(false);
  };
  return (
    <div>
      <div>
        <strong>{job.outputName}</strong> <span className="muted small">{job.byteSize !== null ? `${(job.byteSize / 1024 / 1024).toFixed(1)} MB` : ''}</span>
      </div>
      <div className="muted small">
        {t('reports.list.sha256')} <span className="hash">{job.outputSha256}</span>
      </div>
      <div className="button-row" style={{ marginTop: 6 }}>
        {zip && canDownloadOverHttp() ? (
          <button type="button" className="button secondary" onClick={() => void download()} disabled={busy} aria-busy={busy}>
            {busy ? t('reports.list.downloading') : t('reports.list.download')}
          </button>
        ) : (
          <SavedPath id={job.id} />
        )}
      </div>
    </div>
  );
}

/** The progress cell's words: "3 of 7 · Writing case reports" while running, "7 cases" once finished. */
function progressText(job: ExportJob, t: ReturnType<typeof useTranslation>['t']): string {
  if (job.caseCount === null) return '';
  if (job.status === 'succeeded') return t('reports.list.cases', { count: job.caseCount });
  const active = job.status === 'queued' || job.status === 'running';
  const step = job.step && active ? ` · ${t(`reports.steps.${job.step}`, { defaultValue: job.step })}` : '';
  return `${t('reports.list.doneOf', { done: job.doneCount, total: job.caseCount })}${step}`;
}

/** Every export, newest first, with live progress, cancel and download. */
export function ExportList({ jobs, loading, onChanged }: { jobs: ExportJob[] | null; loading: boolean; onChanged(): void }) {
  const { t } = useTranslation();
  const cancel = async (id: string) => {
    if (await callOrToast('reports.cancelExport', { id })) onChanged();
  };
  if (jobs && jobs.length === 0) {
    return (
      <div className="table-wrap">
        <div className="empty-state">
          <strong>{t('reports.list.empty')}</strong>
          <span className="muted">{t('reports.list.emptyHint')}</span>
        </div>
      </div>
    );
  }
  return (
    <div className="table-wrap">
      <table className="export-table" aria-busy={loading && !jobs}>
        <thead>
          <tr>
            <th scope="col">{t('reports.list.requested')}</th>
            <th scope="col">{t('reports.list.by')}</th>
            <th scope="col">{t('reports.list.selection')}</th>
            <th scope="col">{t('reports.list.state')}</th>
            <th scope="col">{t('reports.list.progress')}</th>
            <th scope="col">{t('reports.list.output')}</th>
            <th scope="col">{t('reports.list.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {!jobs && <SkeletonRows rows={3} columns={COLUMNS} />}
          {jobs?.map((job) => {
            const active = job.status === 'queued' || job.status === 'running';
            return (
              <tr key={job.id} data-export-id={job.id} data-status={job.status}>
                <td>{formatDateTime(job.createdAt)}</td>
                <td>{job.createdByName}</td>
                <td>
                  <Selection job={job} />
                </td>
                <td>
                  <span className={`badge export-status-${job.status}`}>{t(`reports.status.${job.status}`)}</span>
                </td>
                <td>
                  <progress max={1} value={job.progress} aria-label={t('reports.list.progress')} />
                  <span className="small muted">{progressText(job, t)}</span>
                </td>
                <td>
                  <Output job={job} />
                </td>
                <td>
                  {active && (
                    <button type="button" className="button secondary" onClick={() => void cancel(job.id)}>
                      {t('reports.list.cancel')}
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
