import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/ErrorMessage';
import type { CaseDetailJson, PaymentJson } from '../../../shared/schemas/cases';
import { CATEGORY_CODES } from '../../../domain/cases/types';
import { kr, today } from '../../format';
import { useApi } from '../../use-api';
import { functionLabel, useAccountFunctions } from '../../account-functions';
import type { ProviderJson } from '../../../shared/schemas/providers';
import {
  amountForApi,
  AmountField,
  CheckField,
  DateField,
  SelectField,
  TextAreaField,
  TextField,
} from '../../components/forms';

type Detail = CaseDetailJson['interventions'][number];

interface FormState {
  ref: string;
  kind: string;
  status: string;
  modifies: string;
  decidedOn: string;
  category: string;
  paragraph: string;
  providerName: string;
  accountFunction: string;
  startDate: string;
  endDate: string;
  followOn: boolean;
  proRata: boolean;
  type: string;
  frequency: string;
  dayOfMonth: string;
  date: string;
  basis: 'amount' | 'rate';
  amount: string;
  units: string;
  rate: string;
  /** individual payments: a date and an amount each, as typed */
  payments: PaymentRow[];
  /** correct only: why */
  reason: string;
}

interface PaymentRow {
  date: string;
  amount: string;
}

const EMPTY_PAYMENT: PaymentRow = { date: '', amount: '' };

const num = (v: unknown): string =>
  typeof v === 'number' ? String(v).replace('.', ',') : typeof v === 'string' ? v : '';

export type FormMode = 'new' | 'edit' | 'adjust' | 'correct';

/** The form's fields from an existing intervention (to edit, adjust or correct it) or empty. */
export function formFrom(i: Detail | null, mode: FormMode): FormState {
  const p: Partial<PaymentJson> = i?.payment ?? {};
  const payments = Array.isArray(p.payments)
    ? (p.payments as { date: string; amount: number }[]).map((x) => ({
        date: x.date,
        amount: kr(x.amount),
      }))
    : [EMPTY_PAYMENT];
  return {
    ref: mode === 'edit' ? (i?.ref ?? '') : '',
    reason: '',
    kind: i?.kind ?? 'main',
    status: mode === 'edit' ? (i?.status ?? 'expected') : 'expected',
    modifies: mode === 'adjust' ? (i?.ref ?? '') : (i?.modifies ?? ''),
    decidedOn: mode === 'edit' || mode === 'correct' ? (i?.decidedOn ?? today()) : today(),
    category: i?.category ?? 'familiebehandling',
    paragraph: i?.paragraph ?? '',
    providerName: i?.provider.name ?? '',
    accountFunction: i?.accountFunction ?? '5.28.21',
    startDate: mode === 'adjust' ? '' : (i?.startDate ?? ''),
    // a correction fixes the end as decided, not one decided later by an ending
    endDate: (mode === 'correct' ? i?.decidedEndDate : i?.endDate) ?? '',
    followOn: i?.followOn ?? false,
    type: typeof p.type === 'string' ? p.type : 'running',
    frequency: typeof p.frequency === 'string' ? p.frequency : 'monthly',
    dayOfMonth: num(p.dayOfMonth) || '1',
    proRata: p.proRata === true,
    date: typeof p.date === 'string' ? p.date : '',
    basis: typeof p.rate === 'string' ? 'rate' : 'amount',
    amount: typeof p.amount === 'number' ? kr(p.amount) : '',
    units: num(p.units),
    rate: typeof p.rate === 'string' ? p.rate : '',
    payments,
  };
}

/**
 * The intervention as the API takes it. The provider is one of the register's, by name; its kind
 * is the register's (`external` tells it for the format's sake).
 */
export function bodyFrom(
  f: FormState,
  external: (providerName: string) => boolean = () => false,
): Record<string, unknown> {
  const payment: Record<string, unknown> = { type: f.type };
  if (f.type === 'running') {
    payment.frequency = f.frequency;
    if (f.frequency === 'monthly') {
      payment.dayOfMonth = Number(f.dayOfMonth);
      if (f.proRata) payment.proRata = true;
    }
  }
  if (f.type === 'one-time') payment.date = f.date || null;
  if (f.type === 'individual') {
    payment.payments = f.payments
      .filter((x) => x.date.trim() !== '' || x.amount.trim() !== '')
      .map((x) => ({ date: x.date, amount: amountForApi(x.amount) }));
  } else if (f.basis === 'amount') {
    payment.amount = amountForApi(f.amount);
  } else {
    payment.units = Number(f.units.replace(',', '.'));
    payment.rate = f.rate;
  }
  return {
    ...(f.ref ? { ref: f.ref } : {}),
    kind: f.kind,
    status: f.status,
    modifies: f.modifies || null,
    decidedOn: f.decidedOn,
    category: f.category,
    paragraph: f.paragraph,
    provider: { name: f.providerName, external: external(f.providerName) },
    accountFunction: f.accountFunction,
    startDate: f.startDate,
    endDate: f.endDate || null,
    followOn: f.followOn,
    payment,
  };
}

/**
 * Registers or changes an intervention. `mode` adjust: an expected adjustment of a granted
 * intervention (the original is not edited; granting the adjustment ends it the day before);
 * correct: a correction of a granted intervention's wrong data, with a reason (submitted as
 * `{reason, intervention}` without ref, status and the intervention it adjusts).
 */
export function InterventionForm(props: {
  mode: FormMode;
  initial: Detail | null;
  others: Detail[];
  onSubmit: (body: Record<string, unknown>) => Promise<void>;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [f, setF] = useState<FormState>(() => formFrom(props.initial, props.mode));
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const providers = useApi<ProviderJson[]>('/providers').data ?? [];
  const functions = useAccountFunctions();
  const external = (name: string) => providers.find((p) => p.name === name)?.external ?? false;
  const set =
    <K extends keyof FormState>(k: K) =>
    (v: FormState[K]) =>
      setF((s) => ({ ...s, [k]: v }));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      if (props.mode === 'correct') {
        // a correction keeps the ref, status and what the intervention adjusts
        const fields = bodyFrom(f, external);
        delete fields.ref;
        delete fields.status;
        delete fields.modifies;
        await props.onSubmit({ reason: f.reason, intervention: fields });
      } else await props.onSubmit(bodyFrom(f, external));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  type TextKey = Exclude<keyof FormState, 'followOn' | 'proRata' | 'payments' | 'basis'>;
  const text = (k: TextKey, label: string, required = false) => (
    <TextField label={label} value={f[k]} required={required} onValue={set(k)} />
  );
  const date = (k: TextKey, label: string, required = false) => (
    <DateField label={label} value={f[k]} required={required} onValue={set(k)} />
  );
  const select = (k: TextKey | 'basis', label: string, options: [string, string][]) => (
    <SelectField
      label={label}
      value={f[k]}
      options={options.map(([value, name]) => ({ value, label: name }))}
      onValue={(v) => setF((s) => ({ ...s, [k]: v }))}
    />
  );
  const check = (k: 'followOn' | 'proRata', label: string) => (
    <CheckField label={label} checked={f[k]} onValue={set(k)} />
  );
  const setPayment = (n: number, field: keyof PaymentRow) => (v: string) =>
    setF((s) => ({
      ...s,
      payments: s.payments.map((x, i) => (i === n ? { ...x, [field]: v } : x)),
    }));
  const e = (k: string) => t(`cases.edit.${k}`);
  const ref = props.initial?.ref ?? '';
  const title =
    props.mode === 'adjust'
      ? t('cases.edit.adjustTitle', { ref })
      : props.mode === 'edit'
        ? t('cases.edit.editTitle', { ref })
        : props.mode === 'correct'
          ? t('cases.edit.correctTitle', { ref })
          : e('newTitle');
  return (
    <form className="intervention-form" onSubmit={(ev) => void submit(ev)} aria-label={title}>
      <h2>{title}</h2>
      {props.mode === 'adjust' && <p>{e('adjustHelp')}</p>}
      {props.mode === 'correct' && <p>{e('correctHelp')}</p>}
      <ErrorMessage error={error} />
      {props.mode === 'correct' && (
        <TextAreaField
          label={e('reason')}
          rows={2}
          value={f.reason}
          aria-required="true"
          hint={e('reasonHelp')}
          onValue={set('reason')}
        />
      )}
      <fieldset>
        <legend>{e('decision')}</legend>
        {props.mode === 'new' && text('ref', e('ref'))}
        {select('kind', t('cases.case.kind'), [
          ['main', t('cases.case.kinds.main')],
          ['supplementary', t('cases.case.kinds.supplementary')],
        ])}
        {props.mode !== 'correct' &&
          select('status', t('cases.case.status'), [
            ['expected', t('cases.case.statuses.expected')],
            ['draft', t('cases.case.statuses.draft')],
          ])}
        {props.mode !== 'adjust' &&
          props.mode !== 'correct' &&
          select('modifies', t('cases.case.modifies'), [
            ['', e('modifiesNone')],
            ...props.others
              .filter((o) => o.ref !== props.initial?.ref || props.mode === 'new')
              .map((o): [string, string] => [o.ref, o.ref]),
          ])}
        {date('decidedOn', t('cases.case.decidedOn'), true)}
        {select(
          'category',
          t('cases.case.category'),
          CATEGORY_CODES.map((c) => [c, t(`cases.categories.${c}`)]),
        )}
        {text('paragraph', t('cases.case.paragraph'))}
        {select('providerName', t('cases.case.provider'), [
          ['', t('providers.choose')],
          // a stored name the register no longer lists stays choosable as it is
          ...(f.providerName && !providers.some((p) => p.name === f.providerName)
            ? [[f.providerName, f.providerName] as [string, string]]
            : []),
          ...providers.map((p): [string, string] => [
            p.name,
            `${p.name} (${t(p.external ? 'providers.external' : 'providers.internal').toLowerCase()})`,
          ]),
        ])}
        {select('accountFunction', t('cases.case.accountFunction'), [
          ...(functions.some((fn) => fn.code === f.accountFunction)
            ? []
            : [[f.accountFunction, f.accountFunction] as [string, string]]),
          ...functions.map((fn): [string, string] => [fn.code, functionLabel(fn.code, functions)]),
        ])}
        {date('startDate', e('startDate'), true)}
        {date('endDate', e('endDate'))}
        {check('followOn', e('followOn'))}
      </fieldset>
      <fieldset>
        <legend>{t('cases.case.payment')}</legend>
        {select('type', e('type'), [
          ['running', e('types.running')],
          ['one-time', e('types.one-time')],
          ['individual', e('types.individual')],
        ])}
        {f.type === 'running' &&
          select(
            'frequency',
            e('frequency'),
            (['daily', 'weekly', 'biweekly', 'monthly'] as const).map((q) => [
              q,
              e(`frequencies.${q}`),
            ]),
          )}
        {f.type === 'running' && f.frequency === 'monthly' && (
          <TextField
            label={e('dayOfMonth')}
            type="number"
            min={1}
            max={31}
            value={f.dayOfMonth}
            onValue={set('dayOfMonth')}
          />
        )}
        {f.type === 'running' && f.frequency === 'monthly' && check('proRata', e('proRata'))}
        {f.type === 'one-time' && date('date', e('date'))}
        {f.type === 'individual' ? (
          <fieldset className="individual-payments">
            <legend>{e('payments')}</legend>
            <p className="field-hint">{e('paymentsHelp')}</p>
            {f.payments.map((x, n) => (
              <div key={n} className="payment-row">
                <DateField
                  label={t('cases.edit.paymentDate', { n: n + 1 })}
                  value={x.date}
                  onValue={setPayment(n, 'date')}
                />
                <AmountField
                  label={t('cases.edit.paymentAmount', { n: n + 1 })}
                  value={x.amount}
                  onValue={setPayment(n, 'amount')}
                />
                {f.payments.length > 1 && (
                  <button
                    type="button"
                    className="button-secondary"
                    onClick={() =>
                      setF((s) => ({ ...s, payments: s.payments.filter((_, i) => i !== n) }))
                    }
                  >
                    {t('cases.edit.removePayment', { n: n + 1 })}
                  </button>
                )}
              </div>
            ))}
            <button
              type="button"
              className="button-secondary"
              onClick={() => setF((s) => ({ ...s, payments: [...s.payments, EMPTY_PAYMENT] }))}
            >
              {e('addPayment')}
            </button>
          </fieldset>
        ) : (
          <>
            {select('basis', e('basis'), [
              ['amount', e('bases.amount')],
              ['rate', e('bases.rate')],
            ])}
            {f.basis === 'amount' ? (
              <AmountField label={e('amount')} value={f.amount} onValue={set('amount')} />
            ) : (
              <>
                <TextField
                  label={e('units')}
                  inputMode="decimal"
                  value={f.units}
                  onValue={set('units')}
                />
                {text('rate', e('rate'))}
              </>
            )}
          </>
        )}
      </fieldset>
      <div className="actions">
        <button type="submit" className="button-primary" disabled={busy}>
          {props.mode === 'adjust'
            ? e('saveAdjustment')
            : props.mode === 'correct'
              ? e('saveCorrection')
              : e('save')}
        </button>
        <button type="button" className="button-secondary" onClick={props.onCancel}>
          {e('cancel')}
        </button>
      </div>
    </form>
  );
}
