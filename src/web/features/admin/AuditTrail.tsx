import { useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useApi } from '../../use-api';
import { objectLink } from '../../object-links';
import { TIME_ZONE } from '../../../domain/months';
import type { AuditEntryJson, AuditPageJson } from '../../../shared/schemas/audit';
import {
  DateField,
  FilterForm,
  SelectField,
  TextField,
  useFilterForm,
} from '../../components/forms';

const PAGE_SIZE = 50;

const EMPTY = { from: '', to: '', user: '', objectType: '', objectId: '', action: '' };
type Filter = typeof EMPTY;

const timestamp = new Intl.DateTimeFormat('da-DK', {
  dateStyle: 'short',
  timeStyle: 'medium',
  timeZone: TIME_ZONE,
});

function query(filter: Filter): string {
  const params = new URLSearchParams();
  for (const key of Object.keys(filter) as (keyof Filter)[])
    if (filter[key]) params.set(key, filter[key]);
  return params.toString();
}

/** The audit trail: filter, page, and download as CSV. */
export function AuditTrail() {
  const { t, i18n } = useTranslation();
  const [page, setPage] = useState(1);
  const { form, shown, set, submit, reset } = useFilterForm(EMPTY, () => setPage(1));
  const qs = query(shown);
  const { data, error } = useApi<AuditPageJson>(
    `/audit?${qs}${qs ? '&' : ''}page=${page}&pageSize=${PAGE_SIZE}`,
  );
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;
  // keys such as 'case.grant' hold dots, so the names are read as one object, not by path
  const names = (group: 'actions' | 'objectTypes') =>
    i18n.t(`admin.audit.${group}`, { returnObjects: true }) as unknown as Record<string, string>;
  const actions = names('actions');
  const objectTypes = names('objectTypes');
  const label = (group: 'actions' | 'objectTypes', key: string) =>
    (group === 'actions' ? actions : objectTypes)[key] ?? key;
  const byName = (group: 'actions' | 'objectTypes') => {
    const list = group === 'actions' ? actions : objectTypes;
    return [
      { value: '', label: t('admin.audit.any') },
      ...Object.keys(list)
        .sort((a, b) => (list[a] ?? a).localeCompare(list[b] ?? b, 'da'))
        .map((key) => ({ value: key, label: label(group, key) })),
    ];
  };

  return (
    <section aria-labelledby="audit-heading">
      <h2 id="audit-heading">{t('admin.audit.heading')}</h2>
      <p className="muted">{t('admin.audit.intro')}</p>
      <FilterForm
        onSubmit={submit}
        isSearch
        legend={t('admin.audit.filters')}
        submitLabel={t('admin.audit.search')}
        actions={
          <>
            <button
              type="button"
              className="button-secondary"
              onClick={() => {
                reset();
                setPage(1);
              }}
            >
              {t('admin.audit.reset')}
            </button>
            <a
              className="button-secondary"
              href={`/api/audit/export${qs ? `?${qs}` : ''}`}
              download
            >
              {t('admin.audit.export')}
            </a>
          </>
        }
      >
        <DateField label={t('admin.audit.from')} value={form.from} onValue={set('from')} />
        <DateField label={t('admin.audit.to')} value={form.to} onValue={set('to')} />
        <TextField label={t('admin.audit.user')} value={form.user} onValue={set('user')} />
        <SelectField
          label={t('admin.audit.objectType')}
          value={form.objectType}
          onValue={set('objectType')}
          options={byName('objectTypes')}
        />
        <TextField
          label={t('admin.audit.objectId')}
          value={form.objectId}
          onValue={set('objectId')}
        />
        <SelectField
          label={t('admin.audit.action')}
          value={form.action}
          onValue={set('action')}
          options={byName('actions')}
        />
      </FilterForm>
      <ErrorMessage error={error} />
      {!data && !error && <p aria-live="polite">{t('app.loading')}</p>}
      {data && (
        <>
          <p aria-live="polite">{t('admin.audit.count', { count: data.total })}</p>
          {data.items.length === 0 ? (
            <p>{t('admin.audit.empty')}</p>
          ) : (
            <table className="table">
              <caption className="muted">{t('admin.audit.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('admin.audit.at')}</th>
                  <th scope="col">{t('admin.audit.user')}</th>
                  <th scope="col">{t('admin.audit.action')}</th>
                  <th scope="col">{t('admin.audit.object')}</th>
                  <th scope="col">{t('admin.audit.change')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((entry) => (
                  <AuditRow key={entry.id} entry={entry} label={label} />
                ))}
              </tbody>
            </table>
          )}
          <nav aria-label={t('admin.audit.paging')} className="admin-paging">
            <button
              type="button"
              className="button-secondary"
              disabled={page <= 1}
              onClick={() => setPage(page - 1)}
            >
              {t('admin.audit.previous')}
            </button>
            <span>{t('admin.audit.page', { page, pages })}</span>
            <button
              type="button"
              className="button-secondary"
              disabled={page >= pages}
              onClick={() => setPage(page + 1)}
            >
              {t('admin.audit.next')}
            </button>
          </nav>
        </>
      )}
    </section>
  );
}

function AuditRow({
  entry,
  label,
}: {
  entry: AuditEntryJson;
  label: (group: 'actions' | 'objectTypes', key: string) => string;
}) {
  const { t } = useTranslation();
  const hasChange = entry.before !== null || entry.after !== null;
  const name =
    entry.objectName ??
    (entry.after as { name?: string; username?: string } | null)?.name ??
    (entry.after as { username?: string } | null)?.username ??
    (entry.before as { name?: string } | null)?.name;
  const link = objectLink(entry.objectType, entry.objectId);
  return (
    <tr>
      <td className="num">{timestamp.format(new Date(entry.at))}</td>
      <td>{entry.username}</td>
      <td>{label('actions', entry.action)}</td>
      <td>
        {label('objectTypes', entry.objectType)}
        {name && <> {link ? <Link to={link}>{name}</Link> : <strong>{name}</strong>}</>}
        {!name && link && (
          <>
            {' '}
            <Link to={link}>
              {t('admin.audit.open')}
              <span className="visually-hidden"> {label('objectTypes', entry.objectType)}</span>
            </Link>
          </>
        )}
        {entry.objectId && (
          <>
            <br />
            <code className="muted">{entry.objectId}</code>
          </>
        )}
      </td>
      <td className="admin-change">
        {hasChange ? (
          <details>
            <summary>{t('admin.audit.showChange')}</summary>
            {entry.before !== null && (
              <>
                <strong>{t('admin.audit.before')}</strong>
                <pre>{JSON.stringify(entry.before, null, 2)}</pre>
              </>
            )}
            {entry.after !== null && (
              <>
                <strong>{t('admin.audit.after')}</strong>
                <pre>{JSON.stringify(entry.after, null, 2)}</pre>
              </>
            )}
          </details>
        ) : (
          t('admin.none')
        )}
      </td>
    </tr>
  );
}
