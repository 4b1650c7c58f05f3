import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useApi } from '../../use-api';
import { Status } from './fields';
import { ROLE_KEYS, type Center, type User } from './types';
import { TextField } from '../../components/forms';

/** Users: create, change roles and units, deactivate, set a password. */
export function UsersAdmin() {
  const { t } = useTranslation();
  const { data: users, error, reload } = useApi<User[]>('/users');
  const { data: centers } = useApi<Center[]>('/centers');
  const [editing, setEditing] = useState<User | null>(null);
  const [status, setStatus] = useState('');
  const units = centers?.flatMap((c) => c.units) ?? [];
  const unitName = (id: string) => units.find((u) => u.id === id)?.name ?? id;

  const done = (message: string) => {
    setEditing(null);
    setStatus(message);
    reload();
  };

  return (
    <section aria-labelledby="users-heading">
      <h2 id="users-heading">{t('admin.users.heading')}</h2>
      <ErrorMessage error={error} />
      {status && <Status text={status} />}
      {!users && !error && <p aria-live="polite">{t('app.loading')}</p>}
      {users && (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('admin.users.username')}</th>
              <th scope="col">{t('admin.users.displayName')}</th>
              <th scope="col">{t('admin.users.roles')}</th>
              <th scope="col">{t('admin.users.units')}</th>
              <th scope="col">{t('admin.users.signIn')}</th>
              <th scope="col">{t('admin.users.status')}</th>
              <th scope="col">{t('admin.organisation.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {users.map((user) => (
              <tr key={user.id}>
                <th scope="row">{user.username}</th>
                <td>{user.displayName}</td>
                <td>{user.roles.map((r) => t(`roles.${r}`)).join(', ')}</td>
                <td>
                  {user.roles.some((r) => r === 'administrator' || r === 'ledelse')
                    ? t('admin.users.allUnits')
                    : user.unitIds.map(unitName).join(', ') || t('admin.none')}
                </td>
                <td>
                  {[
                    user.hasPassword ? t('admin.users.passwordLogin') : null,
                    user.singleSignOn ? t('admin.users.sso') : null,
                  ]
                    .filter(Boolean)
                    .join(', ') || t('admin.none')}
                </td>
                <td>
                  {user.isActive ? (
                    t('admin.users.active')
                  ) : (
                    <span className="badge-inactive">{t('admin.users.inactive')}</span>
                  )}
                </td>
                <td>
                  <button
                    type="button"
                    className="link-button"
                    aria-label={t('admin.editNamed', { name: user.username })}
                    onClick={() => {
                      setStatus('');
                      setEditing(user);
                    }}
                  >
                    {t('admin.edit')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="admin-grid" style={{ marginTop: '1.5rem' }}>
        {editing && (
          <div className="admin-card">
            <UserForm
              key={editing.id}
              user={editing}
              units={units}
              onDone={done}
              onCancel={() => setEditing(null)}
            />
            <PasswordForm user={editing} onDone={done} />
          </div>
        )}
        <div className="admin-card">
          <UserForm units={units} onDone={done} />
        </div>
      </div>
    </section>
  );
}

function UserForm({
  user,
  units,
  onDone,
  onCancel,
}: {
  user?: User;
  units: { id: string; name: string }[];
  onDone: (message: string) => void;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const headingId = useId();
  const [username, setUsername] = useState(user?.username ?? '');
  const [displayName, setDisplayName] = useState(user?.displayName ?? '');
  const [password, setPassword] = useState('');
  const [roles, setRoles] = useState<string[]>(user?.roles ?? []);
  const [unitIds, setUnitIds] = useState<string[]>(user?.unitIds ?? []);
  const [isActive, setIsActive] = useState(user?.isActive ?? true);
  const [error, setError] = useState<unknown>(null);
  const toggle = (list: string[], value: string, on: boolean) =>
    on ? [...list, value] : list.filter((v) => v !== value);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      if (user) {
        const saved = await api<User>(`/users/${user.id}`, {
          method: 'PUT',
          body: { displayName, roles, unitIds, isActive, version: user.version },
        });
        onDone(t('admin.users.updated', { name: saved.displayName }));
      } else {
        const saved = await api<User>('/users', {
          method: 'POST',
          body: { username, displayName, roles, unitIds, ...(password ? { password } : {}) },
        });
        onDone(t('admin.users.created', { username: saved.username }));
        setUsername('');
        setDisplayName('');
        setPassword('');
        setRoles([]);
        setUnitIds([]);
      }
    } catch (e) {
      setError(e);
    }
  }

  return (
    <form aria-labelledby={headingId} onSubmit={(e) => void submit(e)} noValidate>
      <h3 id={headingId}>
        {user ? t('admin.users.editUser', { name: user.username }) : t('admin.users.newUser')}
      </h3>
      {!user && (
        <TextField
          label={t('admin.users.username')}
          value={username}
          required
          autoComplete="off"
          onChange={(e) => setUsername(e.target.value)}
        />
      )}
      <TextField
        label={t('admin.users.displayName')}
        value={displayName}
        required
        onChange={(e) => setDisplayName(e.target.value)}
      />
      {!user && (
        <TextField
          label={`${t('admin.users.password')} ${t('admin.optional')}`}
          type="password"
          autoComplete="new-password"
          value={password}
          hint={t('admin.users.passwordHint')}
          onChange={(e) => setPassword(e.target.value)}
        />
      )}
      <fieldset className="admin-checks">
        <legend>{t('admin.users.roles')}</legend>
        {ROLE_KEYS.map((role) => (
          <label key={role}>
            <input
              type="checkbox"
              checked={roles.includes(role)}
              onChange={(e) => setRoles(toggle(roles, role, e.target.checked))}
            />
            {t(`roles.${role}`)}
          </label>
        ))}
      </fieldset>
      <fieldset className="admin-checks">
        <legend>{t('admin.users.units')}</legend>
        <p className="admin-hint">{t('admin.users.unitsHint')}</p>
        {units.map((unit) => (
          <label key={unit.id}>
            <input
              type="checkbox"
              checked={unitIds.includes(unit.id)}
              onChange={(e) => setUnitIds(toggle(unitIds, unit.id, e.target.checked))}
            />
            {unit.name}
          </label>
        ))}
      </fieldset>
      {user && (
        <div className="admin-checks">
          <label>
            <input
              type="checkbox"
              checked={isActive}
              onChange={(e) => setIsActive(e.target.checked)}
            />
            {t('admin.users.isActive')}
          </label>
        </div>
      )}
      <ErrorMessage error={error} />
      <div className="admin-actions">
        <button type="submit" className="button-primary">
          {user ? t('admin.save') : t('admin.users.newUser')}
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

function PasswordForm({ user, onDone }: { user: User; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const headingId = useId();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      await api(`/users/${user.id}/password`, { method: 'PUT', body: { password } });
      setPassword('');
      onDone(t('admin.users.passwordSet'));
    } catch (e) {
      setError(e);
    }
  }

  return (
    <form aria-labelledby={headingId} onSubmit={(e) => void submit(e)} noValidate>
      <h3 id={headingId}>{t('admin.users.setPassword')}</h3>
      <TextField
        label={t('admin.users.newPassword')}
        type="password"
        autoComplete="new-password"
        value={password}
        hint={t('admin.users.passwordHint')}
        onChange={(e) => setPassword(e.target.value)}
      />
      <ErrorMessage error={error} />
      <button type="submit" className="button-primary">
        {t('admin.users.setPassword')}
      </button>
    </form>
  );
}
