import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api } from '../../api';
import { may, useAuth, useCan } from '../../auth';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useApi } from '../../use-api';
import { parseKronerText, toKroner } from '../../../domain/money';
import { PART_KEYS, rowInWholeKroner } from './whole-kroner';
import { BookedNote } from '../../components/BookedNote';
import { CumulativeChart } from './CumulativeChart';
import { kr, query, today } from '../../format';
import { defaultAsOf, useBookedPeriod } from '../../booked-period';
import { openingYear } from '../../../domain/budget/booked-period';

// Tables show whole kroner; the exact øre are in the API and behind each posting.
import type { Causes, ForecastUnit, ForecastView, Parts, RequiredPlans } from './types';
import { ScrollRegion } from '../../components/ScrollRegion';
import {
  AmountField,
  DateField,
  FilterForm,
  SelectField,
  TextField,
  YearField,
} from '../../components/forms';

function PartCells({ p }: { p: Parts }) {
  const shown = rowInWholeKroner(p);
  return (
    <>
      {PART_KEYS.map((k) => (
        <td key={k} className={`num${k === 'overspend' && p.overspend > 0 ? ' budget-over' : ''}`}>
          {kr(shown[k])}
        </td>
      ))}
    </>
  );
}

function PartHeaders() {
  const { t } = useTranslation();
  return (
    <>
      {PART_KEYS.map((k) => (
        <th key={k} scope="col" className="num">
          {t(`budget.cols.${k}`)}
        </th>
      ))}
    </>
  );
}

/** /budget — the forecast per unit and for the whole area, with the action-plan trigger. */
export function ForecastPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const booked = useBookedPeriod();
  const year = Number(params.get('year') ?? openingYear(booked.bookedThrough, today()));
  const shown = {
    year,
    asOf: params.get('asOf') ?? defaultAsOf(year, booked.bookedThrough),
    method: params.get('method') ?? 'mean',
    years: params.get('years') ?? '3',
    factorPercent: params.get('factorPercent') ?? '100',
  };
  const unit = params.get('unit') ?? '';
  const [formInput, setForm] = useState<typeof shown | null>(null);
  const form = formInput ?? shown;
  // without an as-of date in the address, wait for the booked period that gives the default
  const isReady = booked.ready || params.has('asOf');
  const { data, error, reload } = useApi<ForecastView>(
    isReady ? `/forecast?${query(shown)}` : null,
  );
  const required = useApi<RequiredPlans>(
    isReady
      ? `/action-plans/required?${query({ year, asOf: shown.asOf.startsWith(String(year)) ? shown.asOf : undefined })}`
      : null,
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const next = {
      ...form,
      asOf: form.asOf.startsWith(String(form.year))
        ? form.asOf
        : defaultAsOf(Number(form.year), booked.bookedThrough),
    };
    setParams(query({ ...next, unit }));
  };
  const selectUnit = (id: string) => setParams(query({ ...shown, unit: id }));
  const selected = data?.units.find((u) => u.unitId === unit);
  const methodName = t(`budget.methods.${shown.method}`);
  return (
    <>
      <h1>{t('budget.dashboard.title')}</h1>
      <FilterForm
        onSubmit={submit}
        className="budget-filters"
        legend={t('budget.filters.legend')}
        submitLabel={t('budget.filters.show')}
      >
        <YearField
          label={t('budget.filters.year')}
          value={String(form.year)}
          onValue={(v) => setForm({ ...form, year: Number(v) })}
        />
        <DateField
          label={t('budget.filters.asOf')}
          value={form.asOf}
          onValue={(v) => setForm({ ...form, asOf: v })}
        />
        <SelectField
          label={t('budget.filters.method')}
          value={form.method}
          onValue={(v) => setForm({ ...form, method: v })}
          options={['mean', 'median', 'ratio', 'none'].map((m) => ({
            value: m,
            label: t(`budget.methods.${m}`),
          }))}
        />
        <TextField
          label={t('budget.filters.years')}
          type="number"
          min={1}
          max={10}
          value={form.years}
          onValue={(v) => setForm({ ...form, years: v })}
        />
        <TextField
          label={t('budget.filters.factor')}
          type="number"
          min={0}
          max={500}
          value={form.factorPercent}
          onValue={(v) => setForm({ ...form, factorPercent: v })}
        />
      </FilterForm>
      <ErrorMessage error={error} />
      {!data && !error && <p aria-live="polite">{t('app.loading')}</p>}
      {data && (
        <>
          <BookedNote
            asOf={data.asOf}
            bookedThrough={data.bookedThrough}
            actualsThrough={data.actualsThrough}
          />
          <p className="muted">
            {t('budget.dashboard.method', {
              method: methodName,
              years: data.method.years,
              factor: data.method.factorPercent,
            })}{' '}
            {data.method.description}
          </p>
          <p className="muted">
            {data.refusionFrom === 'posted'
              ? t('budget.dashboard.refusionPosted', {
                  year: data.year,
                  posted: kr(Math.round(data.area.postedRefusion)),
                })
              : t('budget.dashboard.refusion', {
                  posted: kr(Math.round(data.area.postedRefusion)),
                })}
          </p>
          {!data.commitmentsAvailable && (
            <p className="alert alert-warning">{t('budget.dashboard.noCommitments')}</p>
          )}
          <p>
            {t('budget.dashboard.threshold', { amount: kr(data.actionPlanThreshold) })}{' '}
            {t('budget.dashboard.source')}
          </p>
          <section aria-labelledby="units-title">
            <h2 id="units-title">{t('budget.dashboard.units')}</h2>
            <ScrollRegion labelledBy="units-title">
              <table className="table budget-table">
                <thead>
                  <tr>
                    <th scope="col">{t('budget.cols.unit')}</th>
                    <PartHeaders />
                    <th scope="col">{t('budget.cols.status')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.units.map((u) => (
                    <tr
                      key={u.unitId}
                      className={u.unitId === unit ? 'budget-selected' : undefined}
                    >
                      <th scope="row">
                        <button
                          type="button"
                          className="link-button"
                          aria-pressed={u.unitId === unit}
                          onClick={() => selectUnit(u.unitId)}
                        >
                          {u.unitName}
                        </button>
                      </th>
                      <PartCells p={u} />
                      <td>
                        <Trigger
                          unit={u}
                          year={data.year}
                          asOf={data.asOf}
                          required={required.data}
                          onCreated={required.reload}
                          method={shown}
                        />
                      </td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row">{t('budget.dashboard.area')}</th>
                    <PartCells p={data.area} />
                    <td />
                  </tr>
                </tfoot>
              </table>
            </ScrollRegion>
          </section>
          {selected ? (
            <UnitDetail unit={selected} forecast={data} onChanged={reload} />
          ) : (
            <>
              <p className="muted">{t('budget.dashboard.select')}</p>
              <CumulativeChart
                months={data.area.months}
                title={`${t('budget.dashboard.chartTitle')} – ${t('budget.dashboard.area')}`}
              />
            </>
          )}
        </>
      )}
    </>
  );
}

/** "Handleplan påkrævet": link to the unit's plan, or a draft prefilled with figures and causes. */
function Trigger(props: {
  unit: ForecastUnit;
  year: number;
  asOf: string;
  required: RequiredPlans | undefined;
  onCreated: () => void;
  method: { method: string; years: string; factorPercent: string };
}) {
  const { t } = useTranslation();
  const mayCreate = useCan('plan.write');
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  if (!props.unit.actionPlanRequired)
    return <span className="muted">{t('budget.dashboard.notRequired')}</span>;
  const plan = props.required?.items.find((i) => i.unit.id === props.unit.unitId)?.plan ?? null;
  const create = async () => {
    setBusy(true);
    setFailure(null);
    try {
      const causes = await api<Causes>(
        `/follow-up/causes?${query({ unitId: props.unit.unitId, year: props.year, asOf: props.asOf, ...props.method })}`,
      );
      const created = await api<{ id: string }>(`/units/${props.unit.unitId}/action-plan-draft`, {
        method: 'POST',
        body: {
          year: props.year,
          expectedOverspend: props.unit.overspend,
          causes: causes.causes.map((c) => c.text),
        },
      });
      props.onCreated();
      void navigate(`/handleplaner/${created.id}/rediger`);
    } catch (e) {
      setFailure(e);
      setBusy(false);
    }
  };
  return (
    <div className="budget-trigger">
      <span className="budget-badge">{t('budget.dashboard.required')}</span>{' '}
      {!props.required ? null : plan ? (
        <Link to={`/handleplaner/${plan.id}`}>
          {t('budget.dashboard.openPlan')}
          <span className="sr-only"> – {props.unit.unitName}</span>
        </Link>
      ) : !mayCreate ? null : (
        <button
          type="button"
          className="button-secondary"
          disabled={busy}
          onClick={() => void create()}
        >
          {busy ? t('budget.dashboard.creating') : t('budget.dashboard.createDraft')}
          <span className="sr-only"> – {props.unit.unitName}</span>
        </button>
      )}
      <ErrorMessage error={failure} />
    </div>
  );
}

function UnitDetail({
  unit,
  forecast,
  onChanged,
}: {
  unit: ForecastUnit;
  forecast: ForecastView;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const mayReadCases = may(useAuth().user, 'case.read');
  const mayAdjust = useCan('forecast.write');
  const causes = useApi<Causes>(
    `/follow-up/causes?${query({ unitId: unit.unitId, year: forecast.year, asOf: forecast.asOf, method: forecast.method.method, years: forecast.method.years, factorPercent: forecast.method.factorPercent })}`,
  );
  return (
    <section aria-labelledby="unit-title" className="budget-unit">
      <h2 id="unit-title">{t('budget.dashboard.lines', { unit: unit.unitName })}</h2>
      <ScrollRegion labelledBy="unit-title">
        <table className="table budget-table">
          <thead>
            <tr>
              <th scope="col">{t('budget.cols.function')}</th>
              <PartHeaders />
              <th scope="col">{t('budget.dashboard.history')}</th>
            </tr>
          </thead>
          <tbody>
            {unit.lines.map((l) => (
              <tr key={l.accountFunction}>
                <th scope="row">
                  {l.accountFunction} {l.accountFunctionName}
                  <br />
                  <Link
                    to={`/budget/posteringer?${query({ unitId: unit.unitId, year: forecast.year, accountFunction: l.accountFunction })}`}
                  >
                    {t('budget.dashboard.postings')}
                    <span className="sr-only"> {l.accountFunction}</span>
                  </Link>
                  {mayReadCases && (
                    <>
                      {' '}
                      ·{' '}
                      <Link
                        to={`/sager?${query({ year: forecast.year, asOf: forecast.asOf, unit: unit.unitName, by: 'accountFunction' })}`}
                      >
                        {t('budget.dashboard.cases')}
                        <span className="sr-only"> {l.accountFunction}</span>
                      </Link>
                    </>
                  )}
                </th>
                <PartCells p={l} />
                <td>
                  {l.intakeHistory.map((h) => `${h.year}: ${kr(Math.round(h.intake))}`).join('; ')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      <CumulativeChart
        months={unit.months}
        title={`${t('budget.dashboard.chartTitle')} – ${unit.unitName}`}
      />
      <section aria-labelledby="causes-title">
        <h3 id="causes-title">{t('budget.dashboard.causesTitle')}</h3>
        <ErrorMessage error={causes.error} />
        {causes.data && (
          <>
            {causes.data.causes.length === 0 ? (
              <p>{t('budget.dashboard.noCauses')}</p>
            ) : (
              <ul>
                {causes.data.causes.map((c) => (
                  <li key={c.code}>
                    {c.text}
                    {c.expected !== undefined && c.posted !== undefined && (
                      <>
                        <br />
                        <span className="muted">
                          {t('budget.dashboard.causeFigures', {
                            expected: kr(c.expected),
                            posted: kr(c.posted),
                          })}
                        </span>
                      </>
                    )}
                  </li>
                ))}
              </ul>
            )}
            {causes.data.notDerived.length > 0 && (
              <p className="muted">
                {t('budget.dashboard.notDerived')}: {causes.data.notDerived.join(' ')}
              </p>
            )}
          </>
        )}
      </section>
      {mayAdjust && <AdjustmentForm unit={unit} year={forecast.year} onSaved={onChanged} />}
    </section>
  );
}

function AdjustmentForm({
  unit,
  year,
  onSaved,
}: {
  unit: ForecastUnit;
  year: number;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const [fn, setFn] = useState(unit.lines[0]?.accountFunction ?? '5.28.21');
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [failure, setFailure] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    setFailure(null);
    const parsed = parseKronerText(amount);
    if (!parsed.ok) {
      setFailure(new Error(t('budget.budgets.invalidAmount')));
      return;
    }
    try {
      await api('/forecast/adjustments', {
        method: 'POST',
        body: {
          unitId: unit.unitId,
          accountFunction: fn,
          year,
          amount: toKroner(parsed.value),
          reason,
        },
      });
      setSaved(true);
      setAmount('');
      setReason('');
      onSaved();
    } catch (err) {
      setFailure(err);
    }
  };
  return (
    <form className="budget-form" onSubmit={(e) => void submit(e)}>
      <fieldset>
        <legend>{t('budget.dashboard.adjustTitle')}</legend>
        <SelectField
          label={t('budget.cols.function')}
          value={fn}
          onValue={setFn}
          options={unit.lines.map((l) => ({
            value: l.accountFunction,
            label: `${l.accountFunction} ${l.accountFunctionName}`,
          }))}
        />
        <AmountField label={t('budget.dashboard.amount')} value={amount} onValue={setAmount} />
        <TextField
          label={t('budget.dashboard.reason')}
          frameClassName="budget-wide"
          value={reason}
          onValue={setReason}
        />
        <button type="submit" className="button-primary">
          {t('budget.dashboard.saveAdjustment')}
        </button>
      </fieldset>
      <ErrorMessage error={failure} />
      {saved && <p role="status">{t('budget.dashboard.adjustmentSaved')}</p>}
    </form>
  );
}
