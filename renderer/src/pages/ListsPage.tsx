import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LIST_FORMATS, type ListFormat } from '../../../shared/schemas/sanctions';
import { MAX_LIST_UPLOAD_BYTES } from '../../../shared/contracts/sanctionsContract';
import { callOrToast, useOperation } from '../api/useOperation';
import { formatDateTime } from '../format/formatDateTime';
import { toast } from '../store/toastStore';
import './apiTokens.css';

/** The bytes of a chosen file as base64, read in the browser. */
function base64Of(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('unreadable file'));
    reader.readAsDataURL(file);
  });
}

/** Admins import sanctions, PEP and watch lists; every snapshot stays listed with its hash. */
export function ListsPage() {
  const { t } = useTranslation();
  const lists = useOperation('sanctions.lists', {});
  const [format, setFormat] = useState<ListFormat>('ofac-csv');
  const [source, setSource] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [aliases, setAliases] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  // OFAC's SDN CSV keeps every a.k.a. in alt.csv: without it screening would miss each alias, so it is asked for.
  const withAliases = format === 'ofac-csv';
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file || (withAliases && !aliases)) return;
    const tooBig = [file, withAliases ? aliases : null].find((f) => f && f.size > MAX_LIST_UPLOAD_BYTES);
    if (tooBig) {
      toast(t('sanctions.tooBig', { file: tooBig.name, mb: (tooBig.size / 1024 / 1024).toFixed(0), limit: MAX_LIST_UPLOAD_BYTES / 1024 / 1024 }));
      return;
    }
    setBusy(true);
    const r = await callOrToast('sanctions.import', {
      format,
      fileName: file.name,
      dataBase64: await base64Of(file),
      ...(withAliases && aliases ? { aliases: { fileName: aliases.name, dataBase64: await base64Of(aliases) } } : {}),
      ...(source.trim() ? { source: source.trim() } : {}),
    });
    setBusy(false);
    if (r) {
      toast(t('sanctions.imported', { source: r.source, count: r.entryCount }));
      lists.reload();
    }
  };
  return (
    <main className="page api-tokens-page">
      <div className="page-title">
        <h1>{t('sanctions.listsTitle')}</h1>
      </div>
      <p className="muted intro">{t('sanctions.listsIntro')}</p>
      <form className="panel token-form" onSubmit={(e) => void submit(e)} aria-label={t('sanctions.import')}>
        <div className="token-form-row">
          <label className="token-field">
            <span>{t('sanctions.format')}</span>
            <select value={format} onChange={(e) => setFormat(e.target.value as ListFormat)}>
              {LIST_FORMATS.map((f) => (
                <option key={f} value={f}>
                  {t(`sanctions.formats.${f}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="token-field">
            <span>{t('sanctions.source')}</span>
            <input type="text" value={source} placeholder="branch_watch" onChange={(e) => setSource(e.target.value)} />
          </label>
          <label className="token-field">
            <span>{withAliases ? t('sanctions.sdnFile') : t('sanctions.file')}</span>
            <input type="file" required onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
          </label>
          {withAliases && (
            <label className="token-field">
              <span>{t('sanctions.aliasesFile')}</span>
              <input type="file" required aria-describedby="lists-aliases-hint" onChange={(e) => setAliases(e.target.files?.[0] ?? null)} />
            </label>
          )}
          <button type="submit" className="button" disabled={busy || !file || (withAliases && !aliases)} aria-busy={busy}>
            {t('sanctions.import')}
          </button>
        </div>
        {withAliases && (
          <p id="lists-aliases-hint" className="muted small">
            {t('sanctions.aliasesHint')}
          </p>
        )}
      </form>
      <section className="panel" aria-labelledby="lists-snapshots-title">
        <h2 id="lists-snapshots-title">{t('sanctions.snapshots')}</h2>
        {lists.data && lists.data.length === 0 ? (
          <p className="muted">{t('sanctions.noSnapshots')}</p>
        ) : (
          <table className="token-table">
            <thead>
              <tr>
                <th>{t('sanctions.list')}</th>
                <th>{t('sanctions.format')}</th>
                <th>{t('sanctions.entries')}</th>
                <th>{t('sanctions.published')}</th>
                <th>{t('sanctions.importedAt')}</th>
                <th>{t('sanctions.sha256')}</th>
              </tr>
            </thead>
            <tbody>
              {(lists.data ?? []).map((l) => (
                <tr key={l.id} data-list={l.source} data-active={l.active}>
                  <td>
                    <strong>{l.source}</strong> <span className={`badge ${l.active ? 'ok' : 'muted'}`}>{l.active ? t('sanctions.active') : t('sanctions.replaced')}</span>
                    <div className="muted small">{l.fileName}</div>
                  </td>
                  <td>{t(`sanctions.formats.${l.format}`)}</td>
                  <td>{l.entryCount.toLocaleString()}</td>
                  <td>{l.publishedAt ? formatDateTime(l.publishedAt) : '—'}</td>
                  <td>{formatDateTime(l.importedAt)}</td>
                  <td>
                    <code className="small">{l.fileSha256.slice(0, 16)}…</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </main>
  );
}
