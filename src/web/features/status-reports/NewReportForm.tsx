import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type {
  StatusReportJson,
  StatusReportListItemJson,
} from '../../../shared/schemas/status-report';
import { api } from '../../api';
import { copiedAreas, endOfLastMonth, fieldErrorsOf, type FieldErrors } from './content';
import { FormProblem, hintWith, without } from './FormProblem';
import { PeriodFields, periodProblems, usePeriod } from './PeriodFields';
import { danishDate } from '../../format';
import { SelectField, TextField } from '../../components/forms';

const EMPTY = '';

/**
 * "Ny statusrapport": title, year and as-of date (by default the end of the last booked month,
 * else the end of last month), and
 * either no focus areas or those of an earlier report (titles and what they measure, with
 * empty texts). Opens the new draft in the editor.
 */
export function NewReportForm({
  reports,
  bookedThrough = null,
  today = new Date(),
}: {
  reports: readonly StatusReportListItemJson[];
  bookedThrough?: string | null;
  today?: Date;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const defaultAsOf = bookedThrough ?? endOfLastMonth(today);
  const latest = [...reports].sort((a, b) => b.asOf.localeCompare(a.asOf))[0];
  const [title, setTitle] = useState('');
  const period = usePeriod(defaultAsOf.slice(0, 4), defaultAsOf, true);
  const { year, asOf } = period;
  const [source, setSource] = useState(latest?.id ?? EMPTY);
  const [error, setError] = useState<unknown>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);

  const check = (): FieldErrors => {
    const problems: FieldErrors = {};
    if (title.trim() === '') problems.title = t('reports.form.required');
    return { ...problems, ...periodProblems(year, asOf, t) };
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const problems = check();
    setFieldErrors(problems);
    if (Object.keys(problems).length > 0) return;
    setBusy(true);
    try {
      const focusAreas =
        source === EMPTY
          ? []
          : copiedAreas(
              (await api<StatusReportJson>(`/status-reports/${encodeURIComponent(source)}`))
                .focusAreas,
            );
      const created = await api<StatusReportJson>('/status-reports', {
        method: 'POST',
        body: {
          title: title.trim(),
          year: Number(year.trim()),
          asOf,
          intro: '',
          closing: '',
          focusAreas,
        },
      });
      void navigate(`/rapporter/${created.id}/rediger`);
    } catch (err) {
      setError(err);
      setFieldErrors(fieldErrorsOf(err));
    } finally {
      setBusy(false);
    }
  };

  const labels: Record<string, string> = {
    title: t('reports.create.title'),
    year: t('reports.create.year'),
    asOf: t('reports.create.asOf'),
  };

  return (
    <form
      className="rp-section"
      aria-labelledby="rp-new-title"
      noValidate
      onSubmit={(e) => void submit(e)}
    >
      <h2 id="rp-new-title">{t('reports.create.heading')}</h2>
      <FormProblem
        error={error}
        fieldErrors={fieldErrors}
        labelOf={(path) => labels[path] ?? path}
      />
      <TextField
        label={labels.title ?? ''}
        name="title"
        value={title}
        onValue={(v) => {
          setTitle(v);
          setFieldErrors((f) => without(f, 'title'));
        }}
        maxLength={300}
        aria-invalid={fieldErrors.title ? true : undefined}
        hint={hintWith(t('reports.create.titleHint'), fieldErrors.title)}
      />
      <PeriodFields
        period={period}
        asOfHint={t(
          asOf !== defaultAsOf
            ? 'reports.create.asOfHint'
            : bookedThrough
              ? 'reports.create.asOfBooked'
              : 'reports.create.asOfSuggested',
          {
            date: danishDate(asOf),
          },
        )}
        fieldErrors={fieldErrors}
        setFieldErrors={setFieldErrors}
      />
      <SelectField
        label={t('reports.create.source')}
        name="source"
        value={source}
        onValue={setSource}
        options={[
          { value: EMPTY, label: t('reports.create.sourceEmpty') },
          ...reports.map((r) => ({
            value: r.id,
            label: t('reports.create.sourceReport', { title: r.title, date: danishDate(r.asOf) }),
          })),
        ]}
        hint={t('reports.create.sourceHint')}
      />
      <button type="submit" className="button-primary" disabled={busy}>
        {t('reports.create.submit')}
      </button>
    </form>
  );
}
