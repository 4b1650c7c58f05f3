import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isValidDate, type FieldErrors } from './content';
import { hintWith, without } from './FormProblem';
import { DateField, TextField } from '../../components/forms';

/** The problems of a report's year and as-of date as typed, under `year` and `asOf`. */
export function periodProblems(year: string, asOf: string, t: TFunction): FieldErrors {
  const problems: FieldErrors = {};
  const y = Number(year.trim());
  if (!/^\d{4}$/.test(year.trim()) || y < 2001 || y > 2100)
    problems.year = t('reports.form.yearRange');
  if (!isValidDate(asOf)) problems.asOf = t('reports.form.date');
  else if (!problems.year && asOf < `${year.trim()}-01-01`)
    problems.asOf = t('reports.form.beforeYear');
  return problems;
}

/** A report's year and as-of date as typed; the year follows the date until it is typed. */
export function usePeriod(year: string, asOf: string, yearFollowsDate: boolean) {
  const [period, setPeriod] = useState({ year, asOf, yearTyped: !yearFollowsDate });
  return {
    ...period,
    setYear: (value: string) => setPeriod((p) => ({ ...p, year: value, yearTyped: true })),
    setAsOf: (value: string) =>
      setPeriod((p) => ({
        ...p,
        asOf: value,
        year: !p.yearTyped && isValidDate(value) ? value.slice(0, 4) : p.year,
      })),
  };
}
export type Period = ReturnType<typeof usePeriod>;

/**
 * A report's year and as-of date, side by side; `asOfHint` says what the chosen date means.
 */
export function PeriodFields({
  period,
  asOfHint,
  fieldErrors,
  setFieldErrors,
}: {
  period: Period;
  asOfHint: string;
  fieldErrors: FieldErrors;
  setFieldErrors: (update: (errors: FieldErrors) => FieldErrors) => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="rp-form-grid">
      <TextField
        label={t('reports.create.year')}
        name="year"
        inputMode="numeric"
        autoComplete="off"
        value={period.year}
        onValue={(v) => {
          period.setYear(v);
          setFieldErrors((f) => without(f, 'year'));
        }}
        aria-invalid={fieldErrors.year ? true : undefined}
        hint={hintWith(undefined, fieldErrors.year)}
      />
      <DateField
        label={t('reports.create.asOf')}
        name="asOf"
        value={period.asOf}
        onValue={(v) => {
          period.setAsOf(v);
          setFieldErrors((f) => without(f, 'asOf'));
        }}
        problem={fieldErrors.asOf}
        hint={isValidDate(period.asOf) ? asOfHint : t('reports.create.asOfFormat')}
      />
    </div>
  );
}
