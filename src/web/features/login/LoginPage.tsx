import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth';
import { ErrorMessage } from '../../components/ErrorMessage';
import { switchLanguage } from '../../i18n';
import { useApi } from '../../use-api';
import { TextField } from '../../components/forms';

interface Meta {
  municipality: string;
  demo: boolean;
  demoUsers: { username: string; displayName: string; roles: string[] }[];
  singleSignOn: boolean;
}

export function LoginPage() {
  const { t } = useTranslation();
  const { login } = useAuth();
  const { data: meta } = useApi<Meta>('/meta');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  // Single sign-on comes back to /?sso_error=<code> when the provider's answer was refused.
  const [error, setError] = useState<unknown>(() => {
    const code = new URLSearchParams(window.location.search).get('sso_error');
    return code === 'sso_failed' || code === 'sso_no_role' ? new Error(t(`errors.${code}`)) : null;
  });
  const [isBusy, setIsBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setIsBusy(true);
    setError(null);
    try {
      await login(username, password);
    } catch (e) {
      setError(e);
    } finally {
      setIsBusy(false);
    }
  }

  return (
    <div className="login-page">
      <header className="login-header">
        <span className="brand-name">{t('app.name')}</span>
        <button type="button" className="link-button" onClick={switchLanguage}>
          {t('app.switchLanguage')}
        </button>
      </header>
      <main id="main" className="login-card">
        <h1>{t('login.title')}</h1>
        <p className="muted">
          {t('app.tagline')}
          {meta?.municipality ? ` · ${meta.municipality}` : ''}
        </p>
        <form onSubmit={(e) => void submit(e)} noValidate>
          <TextField
            label={t('login.username')}
            name="username"
            autoComplete="username"
            required
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
          <TextField
            label={t('login.password')}
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
          <ErrorMessage error={error} />
          <button type="submit" className="button-primary" disabled={isBusy}>
            {t('login.submit')}
          </button>
        </form>
        {meta?.singleSignOn && (
          <p>
            <a className="button-secondary" href="/api/oidc/login">
              {t('login.sso')}
            </a>
          </p>
        )}
        {meta?.demo && meta.demoUsers.length > 0 && (
          <section aria-labelledby="demo-title" className="demo-users">
            <h2 id="demo-title">{t('login.demoTitle')}</h2>
            <p className="muted">{t('login.demoHint')}</p>
            <ul>
              {meta.demoUsers.map((u) => (
                <li key={u.username}>
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => {
                      setUsername(u.username);
                      setPassword('demo');
                    }}
                  >
                    {t('login.demoUse', { username: u.username })}
                  </button>{' '}
                  <span className="muted">
                    {u.displayName} · {u.roles.map((r) => t(`roles.${r}`)).join(', ')}
                  </span>
                </li>
              ))}
            </ul>
          </section>
        )}
      </main>
    </div>
  );
}
