import { useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { CsvImport } from './CsvImport';
import { RefWarnings, type RefWarning } from './RefWarnings';
import { ProviderMapping, unknownProviderValues } from './ProviderMapping';
import { TextField } from '../../components/forms';

interface ImportResult {
  created: number;
  updated: number;
  unchanged: number;
  /** granted interventions an approval rule caught, imported as expected */
  pendingApprovals: number;
  /** references that look like a person's name (imported all the same) */
  warnings: RefWarning[];
}

/** /sager/import — import a cases document (overblik/cases@1), all or nothing; export it back. */
export function ImportPage() {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  // the document last sent and the provider names it named that the register does not know
  const [sent, setSent] = useState<{ document: unknown; unknown: string[] } | null>(null);
  const send = async (document: unknown) => {
    setError(null);
    setResult(null);
    setBusy(true);
    try {
      setSent({ document, unknown: [] });
      setResult(await api<ImportResult>('/cases/import', { method: 'POST', body: document }));
    } catch (err) {
      setError(err);
      if (err instanceof ApiError)
        setSent({ document, unknown: unknownProviderValues(document, err.issues) });
    } finally {
      setBusy(false);
    }
  };
  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (!file) return;
    try {
      await send(JSON.parse(await file.text()));
    } catch (err) {
      setError(err);
    } finally {
      e.target.value = '';
    }
  };
  return (
    <>
      <h1>{t('cases.import.title')}</h1>
      <p className="muted">{t('cases.import.intro')}</p>
      <TextField
        label={t('cases.import.file')}
        type="file"
        accept="application/json,.json"
        disabled={busy}
        onChange={(e) => void onFile(e)}
      />
      {busy && (
        <p aria-live="polite">
          <progress aria-label={t('cases.import.progress')} /> {t('cases.import.progress')}
        </p>
      )}
      {error !== null && <p>{t('cases.import.problems')}</p>}
      <ErrorMessage error={error} />
      {sent && <ProviderMapping values={sent.unknown} onMapped={() => send(sent.document)} />}
      {result && (
        <p role="status" className="alert alert-ok">
          {t('cases.import.done', { ...result })}
          {result.pendingApprovals > 0 && (
            <> {t('approvals.import.pending', { count: result.pendingApprovals })}</>
          )}
        </p>
      )}
      <RefWarnings warnings={result?.warnings} />
      <CsvImport />
      <p>
        <a href="/api/cases/export" download="sager.json">
          {t('cases.import.export')}
        </a>
      </p>
    </>
  );
}
