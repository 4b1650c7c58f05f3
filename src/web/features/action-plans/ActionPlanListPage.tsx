import { useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useApi } from '../../use-api';
import type { ActionPlanListItem, ActionPlanResponse } from '../../../shared/schemas/action-plan';
import { danishDateTime, kr, krWhole } from '../../format';
import { RequiredPlans } from './RequiredPlans';
import { NewPlanForm } from './PlanForms';
import { may, useAuth } from '../../auth';
import { SelectField, TextField } from '../../components/forms';

interface Organisation {
  actionPlanThreshold: number;
  units: { id: string; name: string }[];
}

/** /handleplaner — every plan the user may read, plans required this year, and JSON import. */
export function ActionPlanListPage({ year }: { year: number }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { data, error } = useApi<{ items: ActionPlanListItem[] }>('/action-plans');
  const org = useApi<Organisation>('/organisation');
  const [unitId, setUnitId] = useState('');
  const { user } = useAuth();
  const mayWrite = may(user, 'plan.write');
  const [importError, setImportError] = useState<unknown>(null);

  const importFile = async (e: ChangeEvent<HTMLInputElement>) => {
    setImportError(null);
    const file = e.target.files?.[0];
    if (!file) return;
    try {
      const document: unknown = JSON.parse(await file.text());
      const query = unitId ? `?unitId=${encodeURIComponent(unitId)}` : '';
      const plan = await api<ActionPlanResponse>(`/action-plans${query}`, {
        method: 'POST',
        body: document,
      });
      void navigate(`/handleplaner/${plan.id}`);
    } catch (err) {
      setImportError(err);
    } finally {
      e.target.value = '';
    }
  };

  return (
    <>
      <h1>{t('actionPlans.title')}</h1>
      {org.data && (
        <p className="muted">
          {t('actionPlans.intro', { amount: kr(org.data.actionPlanThreshold) })}
        </p>
      )}
      <ErrorMessage error={error} />
      {data && data.items.length === 0 && <p>{t('actionPlans.none')}</p>}
      {data && data.items.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('actionPlans.planTitle')}</th>
              <th scope="col">{t('actionPlans.year')}</th>
              <th scope="col">{t('actionPlans.unit')}</th>
              <th scope="col">{t('actionPlans.status.label')}</th>
              <th scope="col" className="num">
                {t('actionPlans.planned')}
              </th>
              <th scope="col" className="num">
                {t('actionPlans.required.expected')}
              </th>
              <th scope="col">{t('actionPlans.changed')}</th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((p) => (
              <tr key={p.id}>
                <th scope="row">
                  <Link to={`/handleplaner/${p.id}`}>{p.title}</Link>
                </th>
                <td>{p.year}</td>
                <td>{p.unitName}</td>
                <td>{t(`actionPlans.status.${p.status}`)}</td>
                <td className="num">{krWhole(p.grand)}</td>
                <td className="num">{krWhole(p.expectedOverspendAtStart) || '–'}</td>
                <td>{danishDateTime(p.changedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <RequiredPlans year={year} withEntry />
      {mayWrite && org.data && org.data.units.length > 0 && (
        <NewPlanForm units={org.data.units} year={year} />
      )}
      {mayWrite && (
        <section aria-labelledby="ap-import-title" className="ap-section">
          <h2 id="ap-import-title">{t('actionPlans.import')}</h2>
          <div className="ap-form-grid">
            <SelectField
              label={t('actionPlans.importUnit')}
              value={unitId}
              onValue={setUnitId}
              options={[
                { value: '', label: '–' },
                ...(org.data?.units ?? []).map((u) => ({ value: u.id, label: u.name })),
              ]}
            />
            <TextField
              label={t('actionPlans.importFile')}
              type="file"
              accept="application/json,.json"
              onChange={(e) => void importFile(e)}
            />
          </div>
          <ErrorMessage error={importError} />
        </section>
      )}
    </>
  );
}
