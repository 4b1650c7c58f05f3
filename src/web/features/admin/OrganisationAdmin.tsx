import { useTranslation } from 'react-i18next';
import { UNIT_KINDS } from '../../../domain/organisation';
import type { CenterWithUnitsJson, UnitJson } from '../../../shared/schemas/organisation';
import { api } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import {
  EditButton,
  RecordTable,
  SelectField,
  TextField,
  useRecordForm,
  VersionedEditForm,
} from '../../components/forms';
import { useApi } from '../../use-api';

interface CenterForm {
  id: string | null;
  name: string;
  responsible: string;
  version: number | null;
}
const NEW_CENTER: CenterForm = { id: null, name: '', responsible: '', version: null };
const centerForm = (c: CenterWithUnitsJson): CenterForm => ({
  id: c.id,
  name: c.name,
  responsible: c.responsible ?? '',
  version: c.version,
});

interface UnitForm {
  id: string | null;
  centerId: string;
  name: string;
  kind: string;
  responsible: string;
  version: number | null;
}
const NEW_UNIT: UnitForm = {
  id: null,
  centerId: '',
  name: '',
  kind: 'omraade',
  responsible: '',
  version: null,
};
const unitForm = (u: UnitJson): UnitForm => ({
  id: u.id,
  centerId: u.center.id,
  name: u.name,
  kind: u.kind,
  responsible: u.responsible ?? '',
  version: u.version,
});

/** Centres and the units under them: create and edit, each with its responsible person. */
export function OrganisationAdmin() {
  const { t } = useTranslation();
  const { data: centers, error, reload } = useApi<CenterWithUnitsJson[]>('/centers');
  const center = useRecordForm(NEW_CENTER, {
    latest: (f) => {
      const c = centers?.find((c) => c.id === f.id);
      return c && centerForm(c);
    },
    reload,
  });
  const unit = useRecordForm(NEW_UNIT, {
    latest: (f) => {
      const u = centers?.flatMap((c) => c.units).find((u) => u.id === f.id);
      return u && unitForm(u);
    },
    reload,
  });
  const optional = (label: string) => `${label} ${t('admin.optional')}`;
  const saved = (isNew: boolean, name: string) =>
    t(isNew ? 'admin.organisation.created' : 'admin.organisation.updated', { name });

  const saveCenter = async () => {
    const { id, version } = center.form;
    const body = { name: center.form.name, responsible: center.form.responsible || null };
    const answer =
      id === null
        ? await api<CenterWithUnitsJson>('/centers', { method: 'POST', body })
        : await api<CenterWithUnitsJson>(`/centers/${id}`, {
            method: 'PUT',
            body: { ...body, version },
          });
    center.reset();
    reload();
    return saved(id === null, answer.name);
  };
  const saveUnit = async () => {
    const { id, version, ...fields } = unit.form;
    const body = { ...fields, responsible: fields.responsible || null };
    const answer =
      id === null
        ? await api<UnitJson>('/units', { method: 'POST', body })
        : await api<UnitJson>(`/units/${id}`, { method: 'PUT', body: { ...body, version } });
    // a new unit's centre and kind stay for the next one, as when entering several
    unit.setForm((f) =>
      id === null ? { ...NEW_UNIT, centerId: f.centerId, kind: f.kind } : NEW_UNIT,
    );
    reload();
    return saved(id === null, answer.name);
  };

  return (
    <section aria-labelledby="org-heading">
      <h2 id="org-heading">{t('admin.organisation.heading')}</h2>
      <p className="muted">{t('admin.organisation.intro')}</p>
      <ErrorMessage error={error} />
      {!centers && !error && <p aria-live="polite">{t('app.loading')}</p>}
      {centers?.map((c) => (
        <div key={c.id} className="admin-center admin-card">
          <div className="admin-center-header">
            <h3>{c.name}</h3>
            <span className="muted">
              {t('admin.organisation.centerResponsible', {
                name: c.responsible ?? t('admin.none'),
              })}
            </span>
            <EditButton
              label={t('admin.edit')}
              name={c.name}
              onClick={() => center.edit(centerForm(c))}
            />
          </div>
          {c.units.length === 0 ? (
            <p className="muted">{t('admin.organisation.noUnits')}</p>
          ) : (
            <RecordTable
              className="table"
              records={c.units}
              recordKey={(u) => u.id}
              columns={[
                { header: t('admin.organisation.unit'), cell: (u) => u.name, isRowHeader: true },
                {
                  header: t('admin.organisation.kind'),
                  cell: (u) => t(`admin.organisation.kinds.${u.kind}`),
                },
                {
                  header: t('admin.organisation.responsible'),
                  cell: (u) => u.responsible ?? t('admin.none'),
                },
              ]}
              edit={{
                label: t('admin.edit'),
                header: t('admin.organisation.actions'),
                name: (u) => u.name,
                onEdit: (u) => unit.edit(unitForm(u)),
              }}
            />
          )}
        </div>
      ))}
      {centers && (
        <div className="admin-grid">
          <VersionedEditForm
            className="edit-form admin-card"
            headingLevel={3}
            title={t(
              center.isEditing ? 'admin.organisation.editCenter' : 'admin.organisation.newCenter',
            )}
            record={center.form.id}
            noValidate
            submitLabel={t(center.isEditing ? 'admin.save' : 'admin.organisation.newCenter')}
            onSave={saveCenter}
            {...center.formActions}
            cancelLabel={t('admin.cancel')}
          >
            <TextField
              label={t('admin.organisation.name')}
              value={center.form.name}
              required
              onValue={center.set('name')}
            />
            <TextField
              label={optional(t('admin.organisation.responsible'))}
              value={center.form.responsible}
              onValue={center.set('responsible')}
            />
          </VersionedEditForm>
          <VersionedEditForm
            className="edit-form admin-card"
            headingLevel={3}
            title={t(unit.isEditing ? 'admin.organisation.editUnit' : 'admin.organisation.newUnit')}
            record={unit.form.id}
            noValidate
            submitLabel={t(unit.isEditing ? 'admin.save' : 'admin.organisation.newUnit')}
            onSave={saveUnit}
            {...unit.formActions}
            cancelLabel={t('admin.cancel')}
          >
            <SelectField
              label={t('admin.organisation.center')}
              value={unit.form.centerId}
              required
              onValue={unit.set('centerId')}
              options={[
                { value: '', label: t('admin.organisation.chooseCenter') },
                ...centers.map((c) => ({ value: c.id, label: c.name })),
              ]}
            />
            <TextField
              label={t('admin.organisation.name')}
              value={unit.form.name}
              required
              onValue={unit.set('name')}
            />
            <SelectField
              label={t('admin.organisation.kind')}
              value={unit.form.kind}
              onValue={unit.set('kind')}
              options={UNIT_KINDS.map((k) => ({
                value: k,
                label: t(`admin.organisation.kinds.${k}`),
              }))}
            />
            <TextField
              label={optional(t('admin.organisation.responsible'))}
              value={unit.form.responsible}
              onValue={unit.set('responsible')}
            />
          </VersionedEditForm>
        </div>
      )}
    </section>
  );
}
