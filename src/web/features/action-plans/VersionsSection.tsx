import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useApi } from '../../use-api';
import type {
  ActionPlanChangeOut,
  ActionPlanVersionItem,
} from '../../../shared/schemas/action-plan';
import { danishDateTime, kr } from '../../format';
import { SelectField } from '../../components/forms';

interface Compared {
  changes: ActionPlanChangeOut[];
}

const AMOUNT_PATH = /(monthlyEffect|realisedEffect)\.\d+$|targetAmount$|expectedOverspend\./;

function show(value: unknown, path = '', t?: (key: string) => string): string {
  if (value === null || value === undefined) return '–';
  if (path.endsWith('.actsOn.kind') && typeof value === 'string' && t)
    return t(`actionPlans.actsOn.kinds.${value}`);
  if (typeof value === 'number') return AMOUNT_PATH.test(path) ? kr(value) : String(value);
  if (Array.isArray(value)) return value.map((v) => show(v)).join(', ');
  if (typeof value === 'object') {
    const o = value as { number?: number; title?: string; kind?: string; value?: string };
    if (o.kind !== undefined && o.value !== undefined) {
      const kind = t ? t(`actionPlans.actsOn.kinds.${o.kind}`) : o.kind;
      // a unit is always the plan's own: its id says nothing to a reader
      return o.kind === 'unit' ? kind : `${kind}: ${o.value}`;
    }
    return `${o.number ?? ''} ${o.title ?? ''}`.trim();
  }
  if (typeof value === 'string')
    return /^\d{4}-\d{2}-\d{2}$/.test(value) ? danishDateTime(value) : value;
  return JSON.stringify(value);
}

/** Every saved version, and any two side by side with the changed fields marked. */
export function VersionsSection({
  planId,
  currentVersion,
}: {
  planId: string;
  currentVersion: number;
}) {
  const { t } = useTranslation();
  const { data, error } = useApi<{ items: ActionPlanVersionItem[] }>(
    `/action-plans/${planId}/versions?v=${currentVersion}`,
  );
  // Until the reader picks versions, the two latest: they follow the plan as it is saved again
  // (or as a kept, older answer is replaced by the current one).
  const [picked, setPicked] = useState<{ from?: number; to?: number }>({});
  const from = picked.from ?? Math.max(1, currentVersion - 1);
  const to = picked.to ?? currentVersion;
  const setFrom = (v: number) => setPicked((p) => ({ ...p, from: v }));
  const setTo = (v: number) => setPicked((p) => ({ ...p, to: v }));
  const compared = useApi<Compared>(`/action-plans/${planId}/compare?from=${from}&to=${to}`);
  const items = data?.items ?? [];
  return (
    <section aria-labelledby="ap-versions-title" className="ap-section">
      <h2 id="ap-versions-title">{t('actionPlans.versions.title')}</h2>
      <ErrorMessage error={error} />
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('actionPlans.versions.version')}</th>
            <th scope="col">{t('actionPlans.status.label')}</th>
            <th scope="col">{t('actionPlans.versions.savedAt')}</th>
            <th scope="col">{t('actionPlans.versions.savedBy')}</th>
            <th scope="col">{t('actionPlans.versions.comment')}</th>
            <th scope="col" className="num">
              {t('actionPlans.planned')}
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((v) => (
            <tr key={v.version}>
              <th scope="row">{v.version}</th>
              <td>{t(`actionPlans.status.${v.status}`)}</td>
              <td>{danishDateTime(v.savedAt)}</td>
              <td>{v.savedBy}</td>
              <td>{v.comment ?? ''}</td>
              <td className="num">{kr(v.grand)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {items.length > 1 && (
        <>
          <h3>{t('actionPlans.versions.compare')}</h3>
          <div className="ap-form-grid">
            <SelectField
              label={t('actionPlans.versions.from')}
              value={from}
              onChange={(e) => setFrom(Number(e.target.value))}
            >
              {items.map((v) => (
                <option key={v.version} value={v.version}>
                  {v.version}
                </option>
              ))}
            </SelectField>
            <SelectField
              label={t('actionPlans.versions.to')}
              value={to}
              onChange={(e) => setTo(Number(e.target.value))}
            >
              {items.map((v) => (
                <option key={v.version} value={v.version}>
                  {v.version}
                </option>
              ))}
            </SelectField>
          </div>
          <ErrorMessage error={compared.error} />
          {compared.data && compared.data.changes.length === 0 && (
            <p>{t('actionPlans.versions.noChanges')}</p>
          )}
          {compared.data && compared.data.changes.length > 0 && (
            <table className="table ap-compare">
              <caption className="ap-caption">
                {t('actionPlans.versions.changes')}: {t('actionPlans.version', { version: from })} →{' '}
                {t('actionPlans.version', { version: to })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('actionPlans.versions.field')}</th>
                  <th scope="col">
                    {t('actionPlans.versions.before')} ({from})
                  </th>
                  <th scope="col">
                    {t('actionPlans.versions.after')} ({to})
                  </th>
                </tr>
              </thead>
              <tbody>
                {compared.data.changes.map((c) => (
                  <tr key={c.path} className={`ap-change ap-change-${c.kind}`}>
                    <th scope="row">
                      {c.label}
                      {c.kind !== 'changed' && (
                        <span className="muted"> ({t(`actionPlans.versions.${c.kind}`)})</span>
                      )}
                    </th>
                    <td>
                      <del>{show(c.before, c.path, t)}</del>
                    </td>
                    <td>
                      <ins>{show(c.after, c.path, t)}</ins>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
