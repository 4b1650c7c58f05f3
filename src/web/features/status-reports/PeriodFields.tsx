import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { TextField } from '../../components/TextField';
import { isValidDate, type FieldErrors } from './content';
import { hintWith, without } from './FormProblem';

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

/**
 * A report's year and as-of date, side by side: the year follows the date until it is typed
 * (`yearTyped`), and `asOfHint` says what the chosen date means.
 */
export function PeriodFields({
  year,
  asOf,
  yearTyped,
  onYear,
  onAsOf,
  asOfHint,
  fieldErrors,
  setFieldErrors,
}: {
  year: string;
  asOf: string;
  yearTyped: boolean;
  onYear: (year: string, typed: boolean) => void;
  onAsOf: (asOf: string) => void;
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
        value={year}
        onValue={(v) => {
          onYear(v, true);
          setFieldErrors((f) => without(f, 'year'));
        }}
        aria-invalid={fieldErrors.year ? true : undefined}
        hint={hintWith(undefined, fieldErrors.year)}
      />
      <TextField
        label={t('reports.create.asOf')}
        name="asOf"
        type="date"
        value={asOf}
        onValue={(v) => {
          onAsOf(v);
          if (!yearTyped && isValidDate(v)) onYear(v.slice(0, 4), false);
          setFieldErrors((f) => without(f, 'asOf'));
        }}
        aria-invalid={fieldErrors.asOf ? true : undefined}
        hint={hintWith(
          isValidDate(asOf) ? asOfHint : t('reports.create.asOfFormat'),
          fieldErrors.asOf,
        )}
      />
    </div>
  );
}
