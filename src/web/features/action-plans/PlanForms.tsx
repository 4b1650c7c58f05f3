import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { parseKronerText, toKroner } from '../../../domain/money';
import type { ActionPlanResponse } from '../../../shared/schemas/action-plan';
import { AmountField, SelectField, TextField } from '../../components/forms';

export interface UnitOption {
  id: string;
  name: string;
}

/** "Ny handleplan": a draft for a unit and year, prefilled by the server from the organisation. */
export function NewPlanForm({ units, year }: { units: UnitOption[]; year: number }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [unitId, setUnitId] = useState(units[0]?.id ?? '');
  const [planYear, setPlanYear] = useState(String(year));
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const plan = await api<ActionPlanResponse>(`/units/${unitId}/action-plan-draft`, {
        method: 'POST',
        body: { year: Number(planYear) },
      });
      void navigate(`/handleplaner/${plan.id}/rediger`);
    } catch (err) {
      setError(err);
    }
  };
  return (
    <form className="ap-section" aria-labelledby="ap-new-title" onSubmit={(e) => void submit(e)}>
      <h2 id="ap-new-title">{t('actionPlans.newPlan.title')}</h2>
      <div className="ap-form-grid">
        <SelectField
          label={t('actionPlans.newPlan.unit')}
          value={unitId}
          onValue={setUnitId}
          options={units.map((u) => ({ value: u.id, label: u.name }))}
        />
        <TextField
          label={t('actionPlans.newPlan.year')}
          inputMode="numeric"
          value={planYear}
          onValue={setPlanYear}
        />
      </div>
      <ErrorMessage error={error} />
      <button type="submit" className="button-primary">
        {t('actionPlans.newPlan.create')}
      </button>
    </form>
  );
}

/** Records a unit's expected overspend for the year by hand (until the forecast supplies it). */
export function ExpectedOverspendForm({
  units,
  year,
  onSaved,
}: {
  units: UnitOption[];
  year: number;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const [unitId, setUnitId] = useState(units[0]?.id ?? '');
  const [amount, setAmount] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setDone(false);
    const parsed = parseKronerText(amount);
    if (!parsed.ok) {
      setError(new Error(`${t('actionPlans.required.amount')}: ${t('validation.not_a_number')}`));
      return;
    }
    try {
      await api(`/units/${unitId}/expected-overspend`, {
        method: 'PUT',
        body: { year, amount: toKroner(parsed.value) },
      });
      setDone(true);
      onSaved();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <form aria-labelledby="ap-expected-title" onSubmit={(e) => void submit(e)}>
      <h3 id="ap-expected-title">
        {t('actionPlans.required.enter')} ({year})
      </h3>
      <div className="ap-form-grid">
        <SelectField
          label={t('actionPlans.unit')}
          value={unitId}
          onValue={setUnitId}
          options={units.map((u) => ({ value: u.id, label: u.name }))}
        />
        <AmountField label={t('actionPlans.required.amount')} value={amount} onValue={setAmount} />
      </div>
      <ErrorMessage error={error} />
      {done && (
        <p role="status" className="alert ap-ok">
          {t('actionPlans.required.saved')}
        </p>
      )}
      <button type="submit" className="button-secondary">
        {t('actionPlans.required.save')}
      </button>
    </form>
  );
}
