import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useApi } from '../../use-api';
import { danishDate, today } from '../../format';
import { ClosedMonths } from './ClosedMonths';
import { JobHistory } from './JobHistory';
import type { JobView } from './types';
import { uploadFile } from './upload';
import type { LedgerImport } from '../../../shared/schemas/ledger';
import { SelectField, TextField } from '../../components/forms';

/** /budget/import — upload a ledger file; the import runs in the background with a progress bar. */
export function LedgerImportPage() {
  const { t } = useTranslation();
  const sources = useApi<{ name: string }[]>('/ledger/sources');
  const imports = useApi<LedgerImport[]>('/ledger/imports');
  const [source, setSource] = useState('');
  const [year, setYear] = useState(today().slice(0, 4));
  const [encoding, setEncoding] = useState('auto');
  const [file, setFile] = useState<File | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const [job, setJob] = useState<JobView | null>(null);
  const [duplicate, setDuplicate] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const chosenSource = source || sources.data?.[0]?.name || '';
  const reloadImports = imports.reload;

  useEffect(() => {
    if (!jobId) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const look = async () => {
      try {
        const j = await api<JobView>(`/jobs/${jobId}`);
        if (stopped) return;
        setJob(j);
        if (j.status === 'done' || j.status === 'failed' || j.status === 'dead') {
          reloadImports();
          return;
        }
      } catch (e) {
        if (!stopped) setFailure(e);
        return;
      }
      timer = setTimeout(() => void look(), 400);
    };
    void look();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, [jobId, reloadImports]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    setFailure(null);
    setJob(null);
    setJobId(null);
    setDuplicate(false);
    try {
      const q = new URLSearchParams({ source: chosenSource, year, encoding, fileName: file.name });
      const started = await uploadFile<{ jobId: string | null; status: string }>(
        `/ledger/imports?${q.toString()}`,
        file,
      );
      if (started.status === 'duplicate') setDuplicate(true);
      else setJobId(started.jobId);
      reloadImports();
    } catch (err) {
      setFailure(err);
    }
  };
  // a ledger import's job carries the import's report (the digest's jobs carry their counts)
  const result = job?.result && 'issues' in job.result ? job.result : null;
  return (
    <>
      <h1>{t('budget.ledger.title')}</h1>
      <ErrorMessage error={sources.error} />
      {sources.data && sources.data.length === 0 && <p>{t('budget.ledger.noSources')}</p>}
      <form className="budget-form" onSubmit={(e) => void submit(e)}>
        <fieldset>
          <legend>{t('budget.ledger.title')}</legend>
          <SelectField
            label={t('budget.ledger.source')}
            value={chosenSource}
            onChange={(e) => setSource(e.target.value)}
          >
            {sources.data?.map((s) => (
              <option key={s.name} value={s.name}>
                {s.name}
              </option>
            ))}
          </SelectField>
          <TextField
            label={t('budget.ledger.year')}
            type="number"
            value={year}
            onChange={(e) => setYear(e.target.value)}
          />
          <SelectField
            label={t('budget.ledger.encoding')}
            value={encoding}
            onChange={(e) => setEncoding(e.target.value)}
          >
            {['auto', 'utf-8', 'windows-1252'].map((enc) => (
              <option key={enc} value={enc}>
                {t(`budget.ledger.encodings.${enc}`)}
              </option>
            ))}
          </SelectField>
          <TextField
            label={t('budget.ledger.file')}
            type="file"
            accept=".csv,.txt,.xlsx,text/csv"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
          <button type="submit" className="button-primary" disabled={!file || !chosenSource}>
            {t('budget.ledger.upload')}
          </button>
        </fieldset>
      </form>
      <ErrorMessage error={failure} />
      {duplicate && <p role="status">{t('budget.ledger.duplicate')}</p>}
      {job && (job.status === 'queued' || job.status === 'running') && (
        <div>
          <label htmlFor="l-progress">{t('budget.ledger.progress')}</label>{' '}
          <progress id="l-progress" className="budget-progress" max={100} value={job.progress}>
            {job.progress} %
          </progress>{' '}
          <span aria-live="polite">{job.progress} %</span>
        </div>
      )}
      {job?.status === 'done' && result && (
        <p role="status">
          {t('budget.ledger.done', { postings: result.postingCount, late: result.lateCount })}
        </p>
      )}
      {(job?.status === 'failed' || job?.status === 'dead') && (
        <div role="alert" className="alert alert-error">
          <p>{t('budget.ledger.failed')}</p>
          {job.error && <p>{job.error}</p>}
          {result?.fileIssues.map((m) => (
            <p key={m}>{m}</p>
          ))}
        </div>
      )}
      {result && result.issues.length > 0 && (
        <section aria-labelledby="bad-lines">
          <h2 id="bad-lines">{t('budget.ledger.badLines', { count: result.errorCount })}</h2>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('budget.ledger.line')}</th>
                <th scope="col">{t('budget.ledger.column')}</th>
                <th scope="col">{t('budget.ledger.message')}</th>
              </tr>
            </thead>
            <tbody>
              {result.issues.map((i) => (
                <tr key={`${i.line}-${i.column}-${i.message}`}>
                  <td>{i.line}</td>
                  <td>{t(`budget.ledger.columns.${i.column === '*' ? 'line' : i.column}`)}</td>
                  <td>{i.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      <ClosedMonths refreshKey={imports.data?.length ?? 0} />
      <JobHistory
        refreshKey={imports.data}
        onRetried={(id) => {
          setJob(null);
          setJobId(id);
          reloadImports();
        }}
      />
      <section aria-labelledby="recent-imports">
        <h2 id="recent-imports">{t('budget.ledger.recent')}</h2>
        <ErrorMessage error={imports.error} />
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('budget.ledger.fileName')}</th>
              <th scope="col">{t('budget.ledger.source')}</th>
              <th scope="col">{t('budget.ledger.year')}</th>
              <th scope="col">{t('budget.ledger.status')}</th>
              <th scope="col" className="num">
                {t('budget.ledger.count')}
              </th>
              <th scope="col" className="num">
                {t('budget.ledger.late')}
              </th>
              <th scope="col">{t('budget.ledger.when')}</th>
            </tr>
          </thead>
          <tbody>
            {imports.data?.map((i) => (
              <tr key={i.id}>
                <td>{i.fileName}</td>
                <td>{i.source}</td>
                <td>{i.year}</td>
                <td>{t(`budget.ledger.statuses.${i.status}`)}</td>
                <td className="num">{i.postingCount ?? '–'}</td>
                <td className="num">{i.lateCount ?? '–'}</td>
                <td>{danishDate(i.createdAt.slice(0, 10))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}
