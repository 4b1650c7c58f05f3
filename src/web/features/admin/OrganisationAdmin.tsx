import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useApi } from '../../use-api';
import { Status } from './fields';
import { UNIT_KINDS, type Center, type Unit } from './types';
import { SelectField, TextField } from '../../components/forms';

/** Centres and the units under them: create and edit, each with its responsible person. */
export function OrganisationAdmin() {
  const { t } = useTranslation();
  const { data: centers, error, reload } = useApi<Center[]>('/centers');
  const [editing, setEditing] = useState<{ center?: Center; unit?: Unit } | null>(null);
  const [status, setStatus] = useState('');

  const done = (message: string) => {
    setEditing(null);
    setStatus(message);
    reload();
  };

  return (
    <section aria-labelledby="org-heading">
      <h2 id="org-heading">{t('admin.organisation.heading')}</h2>
      <p className="muted">{t('admin.organisation.intro')}</p>
      <ErrorMessage error={error} />
      {status && <Status text={status} />}
      {!centers && !error && <p aria-live="polite">{t('app.loading')}</p>}
      {centers?.map((center) => (
        <div key={center.id} className="admin-center admin-card">
          <div className="admin-center-header">
            <h3>{center.name}</h3>
            <span className="muted">
              {t('admin.organisation.centerResponsible', {
                name: center.responsible ?? t('admin.none'),
              })}
            </span>
            <button
              type="button"
              className="link-button"
              aria-label={t('admin.editNamed', { name: center.name })}
              onClick={() => setEditing({ center })}
            >
              {t('admin.edit')}
            </button>
          </div>
          {editing?.center?.id === center.id && (
            <CenterForm center={center} onDone={done} onCancel={() => setEditing(null)} />
          )}
          {center.units.length === 0 ? (
            <p className="muted">{t('admin.organisation.noUnits')}</p>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('admin.organisation.unit')}</th>
                  <th scope="col">{t('admin.organisation.kind')}</th>
                  <th scope="col">{t('admin.organisation.responsible')}</th>
                  <th scope="col">{t('admin.organisation.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {center.units.map((unit) => (
                  <tr key={unit.id}>
                    <th scope="row">{unit.name}</th>
                    <td>{t(`admin.organisation.kinds.${unit.kind}`)}</td>
                    <td>{unit.responsible ?? t('admin.none')}</td>
                    <td>
                      <button
                        type="button"
                        className="link-button"
                        aria-label={t('admin.editNamed', { name: unit.name })}
                        onClick={() => setEditing({ unit })}
                      >
                        {t('admin.edit')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {editing?.unit?.center.id === center.id && (
            <UnitForm
              unit={editing.unit}
              centers={centers}
              onDone={done}
              onCancel={() => setEditing(null)}
            />
          )}
        </div>
      ))}
      {centers && (
        <div className="admin-grid">
          <div className="admin-card">
            <CenterForm onDone={done} />
          </div>
          <div className="admin-card">
            <UnitForm centers={centers} onDone={done} />
          </div>
        </div>
      )}
    </section>
  );
}

function CenterForm({
  center,
  onDone,
  onCancel,
}: {
  center?: Center;
  onDone: (message: string) => void;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const headingId = useId();
  const [name, setName] = useState(center?.name ?? '');
  const [responsible, setResponsible] = useState(center?.responsible ?? '');
  const [error, setError] = useState<unknown>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      const body = { name, responsible: responsible || null };
      const saved = center
        ? await api<Center>(`/centers/${center.id}`, {
            method: 'PUT',
            body: { ...body, version: center.version },
          })
        : await api<Center>('/centers', { method: 'POST', body });
      onDone(
        t(center ? 'admin.organisation.updated' : 'admin.organisation.created', {
          name: saved.name,
        }),
      );
      if (!center) {
        setName('');
        setResponsible('');
      }
    } catch (e) {
      setError(e);
    }
  }

  return (
    <form aria-labelledby={headingId} onSubmit={(e) => void submit(e)} noValidate>
      <h3 id={headingId}>
        {t(center ? 'admin.organisation.editCenter' : 'admin.organisation.newCenter')}
      </h3>
      <TextField
        label={t('admin.organisation.name')}
        value={name}
        required
        onChange={(e) => setName(e.target.value)}
      />
      <TextField
        label={`${t('admin.organisation.responsible')} ${t('admin.optional')}`}
        value={responsible}
        onChange={(e) => setResponsible(e.target.value)}
      />
      <ErrorMessage error={error} />
      <div className="admin-actions">
        <button type="submit" className="button-primary">
          {center ? t('admin.save') : t('admin.organisation.newCenter')}
        </button>
        {onCancel && (
          <button type="button" className="button-secondary" onClick={onCancel}>
            {t('admin.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}

function UnitForm({
  unit,
  centers,
  onDone,
  onCancel,
}: {
  unit?: Unit;
  centers: Center[];
  onDone: (message: string) => void;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const headingId = useId();
  const [center, setCenter] = useState(unit?.center.id ?? '');
  const [name, setName] = useState(unit?.name ?? '');
  const [kind, setKind] = useState<string>(unit?.kind ?? 'omraade');
  const [responsible, setResponsible] = useState(unit?.responsible ?? '');
  const [error, setError] = useState<unknown>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      const body = { centerId: center, name, kind, responsible: responsible || null };
      const saved = unit
        ? await api<Unit>(`/units/${unit.id}`, {
            method: 'PUT',
            body: { ...body, version: unit.version },
          })
        : await api<Unit>('/units', { method: 'POST', body });
      onDone(
        t(unit ? 'admin.organisation.updated' : 'admin.organisation.created', {
          name: saved.name,
        }),
      );
      if (!unit) {
        setName('');
        setResponsible('');
      }
    } catch (e) {
      setError(e);
    }
  }

  return (
    <form aria-labelledby={headingId} onSubmit={(e) => void submit(e)} noValidate>
      <h3 id={headingId}>
        {t(unit ? 'admin.organisation.editUnit' : 'admin.organisation.newUnit')}
      </h3>
      <SelectField
        label={t('admin.organisation.center')}
        value={center}
        required
        onChange={(e) => setCenter(e.target.value)}
      >
        <option value="">{t('admin.organisation.chooseCenter')}</option>
        {centers.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </SelectField>
      <TextField
        label={t('admin.organisation.name')}
        value={name}
        required
        onChange={(e) => setName(e.target.value)}
      />
      <SelectField
        label={t('admin.organisation.kind')}
        value={kind}
        onChange={(e) => setKind(e.target.value)}
      >
        {UNIT_KINDS.map((k) => (
          <option key={k} value={k}>
            {t(`admin.organisation.kinds.${k}`)}
          </option>
        ))}
      </SelectField>
      <TextField
        label={`${t('admin.organisation.responsible')} ${t('admin.optional')}`}
        value={responsible}
        onChange={(e) => setResponsible(e.target.value)}
      />
      <ErrorMessage error={error} />
      <div className="admin-actions">
        <button type="submit" className="button-primary">
          {unit ? t('admin.save') : t('admin.organisation.newUnit')}
        </button>
        {onCancel && (
          <button type="button" className="button-secondary" onClick={onCancel}>
            {t('admin.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
