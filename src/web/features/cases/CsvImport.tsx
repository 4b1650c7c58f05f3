import { useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api';
import {
  CSV_FIELDS,
  REQUIRED_FIELDS,
  categoryValues,
  guessMapping,
  matchCategory,
  lineOf,
  parseCsv,
  toCasesDocument,
  type CsvField,
  type CsvMapping,
} from './csv-import';
import { parseXlsx } from './xlsx-import';
import { RefWarnings, type RefWarning } from './RefWarnings';
import { useDescribeField } from '../../components/ErrorMessage';
import { ProviderMapping, unknownProviderValues } from './ProviderMapping';
import { danishDate, kr } from '../../format';
import { decodeText } from '../../../shared/text-encoding';
import { CATEGORY_CODES } from '../../../domain/cases/types';
import { SelectField, TextField } from '../../components/forms';

const STORAGE_KEY = 'overblik.cases.csvMapping';
const CATEGORY_STORAGE_KEY = 'overblik.cases.csvCategories';

function readStored<T>(key: string): T | null {
  try {
    const text = window.localStorage.getItem(key);
    return text ? (JSON.parse(text) as T) : null;
  } catch {
    return null;
  }
}

/**
 * CSV (UTF-8 or Windows-1252, as Danish Excel saves it) or Excel from a case system: map the
 * columns and every category value the catalogue does not know (both saved for next time),
 * preview, then import.
 */
export function CsvImport() {
  const { t } = useTranslation();
  const describe = useDescribeField();
  const [csv, setCsv] = useState<{ header: string[]; rows: string[][] } | null>(null);
  const [mapping, setMapping] = useState<CsvMapping>({});
  const [chosenCategories, setChosenCategories] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const [problems, setProblems] = useState<string[] | null>(null);
  const [result, setResult] = useState<string | null>(null);
  const [warnings, setWarnings] = useState<RefWarning[]>([]);
  const [unknownProviders, setUnknownProviders] = useState<string[]>([]);

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (!file) return;
    const parsed = /\.xlsx$/i.test(file.name)
      ? await parseXlsx(await file.arrayBuffer())
      : parseCsv(decodeText(new Uint8Array(await file.arrayBuffer())).text);
    const stored = readStored<CsvMapping>(STORAGE_KEY);
    const usable = stored && Object.values(stored).every((h) => parsed.header.includes(h));
    setCsv(parsed);
    setMapping(usable ? stored : guessMapping(parsed.header));
    setChosenCategories(readStored<Record<string, string>>(CATEGORY_STORAGE_KEY) ?? {});
    setProblems(null);
    setResult(null);
    setSaved(false);
  };
  const categoryNames = Object.fromEntries(
    CATEGORY_CODES.map((code) => [code, t(`cases.categories.${code}`)]),
  );
  const values = csv ? categoryValues(csv.rows, csv.header, mapping) : [];
  const categoryOf = (value: string): string =>
    matchCategory(value, categoryNames) ??
    (Object.hasOwn(chosenCategories, value) ? (chosenCategories[value] ?? '') : '');
  const categories = Object.fromEntries(values.map((v) => [v, categoryOf(v)]));
  const unmapped = values.filter((v) => !categories[v]);
  const converted = csv ? toCasesDocument(csv.rows, csv.header, mapping, categories) : null;
  const missing = REQUIRED_FIELDS.filter((f) => !mapping[f]);
  const preview =
    (
      converted?.document.cases as
        | {
            ref: string;
            interventions: {
              ref: string;
              startDate: string;
              endDate: string | null;
              payment: { amount?: unknown };
            }[];
          }[]
        | undefined
    )
      ?.flatMap((c) => c.interventions.map((i) => ({ case: c.ref, ...i })))
      .slice(0, 5) ?? [];

  const submit = async () => {
    if (!converted) return;
    setBusy(true);
    setProblems(null);
    setResult(null);
    setWarnings([]);
    setUnknownProviders([]);
    try {
      const r = await api<{
        created: number;
        updated: number;
        unchanged: number;
        pendingApprovals: number;
        warnings: RefWarning[];
      }>('/cases/import', {
        method: 'POST',
        body: converted.document,
      });
      // a warning's path names the document's case; the file's line is what the user knows
      setWarnings(
        r.warnings.map((w) => {
          const line = lineOf(w.path, converted.lines);
          return line ? { ...w, path: t('cases.csv.line', { line }) } : w;
        }),
      );
      setResult(
        r.pendingApprovals > 0
          ? `${t('cases.import.done', { ...r })} ${t('approvals.import.pending', { count: r.pendingApprovals })}`
          : t('cases.import.done', { ...r }),
      );
    } catch (err) {
      if (err instanceof ApiError && err.issues.length) {
        setUnknownProviders(unknownProviderValues(converted.document, err.issues));
        setProblems(
          err.issues.map((i) => {
            // the file's line and the field in Danish, not the converted document's path
            const line = lineOf(i.path, converted.lines);
            const field = describe(
              line ? i.path.replace(/^cases\.\d+(\.interventions\.\d+)?\.?/, '') : i.path,
            );
            const where = [line ? t('cases.csv.line', { line }) : '', field]
              .filter((w) => w !== '')
              .join(' › ');
            return `${where}: ${i.message}`;
          }),
        );
      } else setProblems([err instanceof Error ? err.message : String(err)]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="csv-title">
      <h2 id="csv-title">{t('cases.csv.title')}</h2>
      <p className="muted">{t('cases.csv.intro')}</p>
      <TextField
        label={t('cases.csv.file')}
        type="file"
        accept=".csv,text/csv,.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        onChange={(e) => void onFile(e)}
      />
      {csv && (
        <>
          <fieldset className="csv-mapping">
            <legend>{t('cases.csv.mapping')}</legend>
            {CSV_FIELDS.map((field: CsvField) => (
              <SelectField
                key={field}
                label={`${t(`cases.csv.fields.${field}`)}${REQUIRED_FIELDS.includes(field) ? ' *' : ''}`}
                value={mapping[field] ?? ''}
                onValue={(v) => {
                  setSaved(false);
                  setMapping((m) => ({ ...m, [field]: v || undefined }));
                }}
                options={[
                  { value: '', label: t('cases.csv.none') },
                  ...csv.header.map((h) => ({ value: h, label: h })),
                ]}
              />
            ))}
          </fieldset>
          <p>
            <button
              type="button"
              className="button-secondary"
              onClick={() => {
                window.localStorage.setItem(STORAGE_KEY, JSON.stringify(mapping));
                window.localStorage.setItem(
                  CATEGORY_STORAGE_KEY,
                  JSON.stringify({ ...chosenCategories, ...categories }),
                );
                setSaved(true);
              }}
            >
              {t('cases.csv.save')}
            </button>{' '}
            {saved && <span role="status">{t('cases.csv.saved')}</span>}
          </p>
          {missing.length > 0 && (
            <p role="alert" className="alert alert-error">
              {t('cases.csv.missing', {
                fields: missing.map((f) => t(`cases.csv.fields.${f}`)).join(', '),
              })}
            </p>
          )}
          {values.length > 0 && (
            <fieldset className="csv-mapping" aria-describedby="csv-categories-help">
              <legend>{t('cases.csv.categories')}</legend>
              <p id="csv-categories-help" className="muted csv-mapping-help">
                {t('cases.csv.categoriesHelp')}
              </p>
              {values.map((value) => (
                <SelectField
                  key={value}
                  label={value === '' ? t('cases.csv.emptyValue') : `«${value}»`}
                  value={categories[value] ?? ''}
                  disabled={matchCategory(value, categoryNames) !== null}
                  aria-invalid={!categories[value]}
                  onValue={(v) => {
                    setSaved(false);
                    setChosenCategories((c) => ({ ...c, [value]: v }));
                  }}
                  options={[
                    { value: '', label: t('cases.csv.chooseCategory') },
                    ...CATEGORY_CODES.map((code) => ({
                      value: code,
                      label: categoryNames[code] ?? code,
                    })),
                  ]}
                />
              ))}
            </fieldset>
          )}
          {unmapped.length > 0 && (
            <p role="alert" className="alert alert-error">
              {t('cases.csv.unmappedCategories', {
                values: unmapped
                  .map((v) => (v === '' ? t('cases.csv.emptyValue') : `«${v}»`))
                  .join(', '),
              })}
            </p>
          )}
          <table className="table compact">
            <caption>{t('cases.csv.preview', { count: csv.rows.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('cases.list.ref')}</th>
                <th scope="col">{t('cases.case.ref')}</th>
                <th scope="col">{t('cases.case.period')}</th>
                <th scope="col" className="num">
                  {t('cases.movement.amount')}
                </th>
              </tr>
            </thead>
            <tbody>
              {preview.map((p) => (
                <tr key={`${p.case}/${p.ref}`}>
                  <th scope="row">{p.case}</th>
                  <td>{p.ref}</td>
                  <td>
                    {danishDate(p.startDate)}–{danishDate(p.endDate)}
                  </td>
                  <td className="num">
                    {typeof p.payment.amount === 'number' ? kr(p.payment.amount) : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p>
            <button
              type="button"
              className="button-primary"
              disabled={busy || missing.length > 0 || unmapped.length > 0}
              onClick={() => void submit()}
            >
              {t('cases.csv.submit', { count: csv.rows.length })}
            </button>
          </p>
          {busy && (
            <p aria-live="polite">
              <progress aria-label={t('cases.import.progress')} /> {t('cases.import.progress')}
            </p>
          )}
          {problems && (
            <div role="alert" className="alert alert-error">
              <p>{t('cases.import.problems')}</p>
              <ul>
                {problems.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            </div>
          )}
          <ProviderMapping values={unknownProviders} onMapped={submit} />
          {result && (
            <p role="status" className="alert alert-ok">
              {result}
            </p>
          )}
          <RefWarnings warnings={warnings} />
        </>
      )}
    </section>
  );
}
