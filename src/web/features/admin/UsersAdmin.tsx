import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES } from '../../../domain/access';
import type { CenterWithUnitsJson } from '../../../shared/schemas/organisation';
import type { UserJson } from '../../../shared/schemas/users';
import { api } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import {
  CheckField,
  CheckGroupField,
  RecordTable,
  TextField,
  useRecordForm,
  VersionedEditForm,
} from '../../components/forms';
import { useApi } from '../../use-api';

interface UserForm {
  id: string | null;
  username: string;
  displayName: string;
  password: string;
  roles: string[];
  unitIds: string[];
  isActive: boolean;
  version: number | null;
}
const NEW_USER: UserForm = {
  id: null,
  username: '',
  displayName: '',
  password: '',
  roles: [],
  unitIds: [],
  isActive: true,
  version: null,
};
const userForm = (u: UserJson): UserForm => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  password: '',
  roles: u.roles,
  unitIds: u.unitIds,
  isActive: u.isActive,
  version: u.version,
});

/** Users: create, change roles and units, deactivate, set a password. */
export function UsersAdmin() {
  const { t } = useTranslation();
  const { data: users, error, reload } = useApi<UserJson[]>('/users');
  const { data: centers } = useApi<CenterWithUnitsJson[]>('/centers');
  const { form, set, edit, reset, isEditing, formActions } = useRecordForm(NEW_USER, {
    latest: (f) => {
      const u = users?.find((u) => u.id === f.id);
      return u && userForm(u);
    },
    reload,
  });
  const units = centers?.flatMap((c) => c.units) ?? [];
  const unitName = (id: string) => units.find((u) => u.id === id)?.name ?? id;
  const editing = users?.find((u) => u.id === form.id);

  const save = async () => {
    const { id, version, username, displayName, password, roles, unitIds, isActive } = form;
    let message: string;
    if (id !== null) {
      const saved = await api<UserJson>(`/users/${id}`, {
        method: 'PUT',
        body: { displayName, roles, unitIds, isActive, version },
      });
      message = t('admin.users.updated', { name: saved.displayName });
    } else {
      const saved = await api<UserJson>('/users', {
        method: 'POST',
        body: { username, displayName, roles, unitIds, ...(password ? { password } : {}) },
      });
      message = t('admin.users.created', { username: saved.username });
    }
    reset();
    reload();
    return message;
  };

  return (
    <section aria-labelledby="users-heading">
      <h2 id="users-heading">{t('admin.users.heading')}</h2>
      <ErrorMessage error={error} />
      {!users && !error && <p aria-live="polite">{t('app.loading')}</p>}
      {users && (
        <RecordTable
          className="table"
          records={users}
          recordKey={(u) => u.id}
          columns={[
            { header: t('admin.users.username'), cell: (u) => u.username, isRowHeader: true },
            { header: t('admin.users.displayName'), cell: (u) => u.displayName },
            {
              header: t('admin.users.roles'),
              cell: (u) => u.roles.map((r) => t(`roles.${r}`)).join(', '),
            },
            {
              header: t('admin.users.units'),
              cell: (u) =>
                u.roles.some((r) => r === 'administrator' || r === 'ledelse')
                  ? t('admin.users.allUnits')
                  : u.unitIds.map(unitName).join(', ') || t('admin.none'),
            },
            {
              header: t('admin.users.signIn'),
              cell: (u) =>
                [
                  u.hasPassword ? t('admin.users.passwordLogin') : null,
                  u.singleSignOn ? t('admin.users.sso') : null,
                ]
                  .filter(Boolean)
                  .join(', ') || t('admin.none'),
            },
            {
              header: t('admin.users.status'),
              cell: (u) =>
                u.isActive ? (
                  t('admin.users.active')
                ) : (
                  <span className="badge-inactive">{t('admin.users.inactive')}</span>
                ),
            },
          ]}
          edit={{
            label: t('admin.edit'),
            header: t('admin.organisation.actions'),
            name: (u) => u.username,
            onEdit: (u) => edit(userForm(u)),
          }}
        />
      )}
      <div className="admin-grid" style={{ marginTop: '1.5rem' }}>
        <VersionedEditForm
          className="edit-form admin-card"
          headingLevel={3}
          title={
            isEditing
              ? t('admin.users.editUser', { name: editing?.username ?? form.username })
              : t('admin.users.newUser')
          }
          record={form.id}
          noValidate
          submitLabel={isEditing ? t('admin.save') : t('admin.users.newUser')}
          onSave={save}
          {...formActions}
          cancelLabel={t('admin.cancel')}
        >
          {!isEditing && (
            <TextField
              label={t('admin.users.username')}
              value={form.username}
              required
              autoComplete="off"
              onValue={set('username')}
            />
          )}
          <TextField
            label={t('admin.users.displayName')}
            value={form.displayName}
            required
            onValue={set('displayName')}
          />
          {!isEditing && (
            <TextField
              label={`${t('admin.users.password')} ${t('admin.optional')}`}
              type="password"
              autoComplete="new-password"
              value={form.password}
              hint={t('admin.users.passwordHint')}
              onValue={set('password')}
            />
          )}
          <CheckGroupField
            legend={t('admin.users.roles')}
            options={ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
            values={form.roles}
            onValues={set('roles')}
          />
          <CheckGroupField
            legend={t('admin.users.units')}
            hint={t('admin.users.unitsHint')}
            options={units.map((u) => ({ value: u.id, label: u.name }))}
            values={form.unitIds}
            onValues={set('unitIds')}
          />
          {isEditing && (
            <CheckField
              label={t('admin.users.isActive')}
              checked={form.isActive}
              onValue={set('isActive')}
            />
          )}
        </VersionedEditForm>
        {form.id !== null && <PasswordForm key={form.id} userId={form.id} onSet={reload} />}
      </div>
    </section>
  );
}

/** A new password for the user open in the form above; the user's other sessions end. */
function PasswordForm({ userId, onSet }: { userId: string; onSet: () => void }) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const save = async () => {
    await api(`/users/${userId}/password`, { method: 'PUT', body: { password } });
    setPassword('');
    onSet();
    return t('admin.users.passwordSet');
  };
  return (
    <VersionedEditForm
      className="edit-form admin-card"
      headingLevel={3}
      title={t('admin.users.setPassword')}
      record={userId}
      noValidate
      submitLabel={t('admin.users.setPassword')}
      onSave={save}
    >
      <TextField
        label={t('admin.users.newPassword')}
        type="password"
        autoComplete="new-password"
        value={password}
        hint={t('admin.users.passwordHint')}
        onValue={setPassword}
      />
    </VersionedEditForm>
  );
}
