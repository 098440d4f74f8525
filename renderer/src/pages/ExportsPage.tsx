import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useOperation } from '../api/useOperation';
import { ExportForm } from '../exports/ExportForm';
import { ExportList } from '../exports/ExportList';
import '../exports/exports.css';

/** How often the list refreshes while an export is queued or running. */
const POLL_MS = 1000;

/** Auditors' batch exports: choose cases, follow the job, download the result. */
export function ExportsPage() {
  const { t } = useTranslation();
  const list = useOperation('reports.listExports', { limit: 50 });
  const active = list.data?.some((j) => j.status === 'queued' || j.status === 'running') ?? false;
  const { reload } = list;
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(reload, POLL_MS);
    return () => clearInterval(timer);
  }, [active, reload]);

  return (
    <main className="page exports-page">
      <div className="page-title">
        <h1>{t('reports.title')}</h1>
      </div>
      <p className="muted intro">{t('reports.intro')}</p>
      <p className="muted intro" data-testid="exports-plaintext">{t('reports.plaintext')}</p>
      <ExportForm onStarted={reload} />
      <section aria-labelledby="exports-list-title">
        <h2 id="exports-list-title">{t('reports.list.heading')}</h2>
        <ExportList jobs={list.data} loading={list.loading} onChanged={reload} />
      </section>
    </main>
  );
}
