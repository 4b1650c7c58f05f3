import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api';
import { useAuth } from '../../auth';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useApi } from '../../use-api';
import { RefWarnings, type RefWarning } from './RefWarnings';

/** /sager/ny — a caseworker registers a case: the case system's references, no CPR, no names. */
export function NewCasePage() {
  const { t } = useTranslation();
  const id = useId();
  const navigate = useNavigate();
  const { user } = useAuth();
  const { data: org } = useApi<{ units: { id: string; name: string }[] }>('/organisation');
  // a caseworker registers cases in their own units; those with no units see every unit
  const mine = user?.unitIds ?? [];
  const units = (org?.units ?? []).filter((u) => mine.length === 0 || mine.includes(u.id));
  const [f, setF] = useState({ ref: '', household: '', unitId: '', personRef: '', birthDate: '' });
  const [error, setError] = useState<unknown>(null);
  // a case whose references look like a name: stored, shown here with its warnings first
  const [created, setCreated] = useState<{ id: string; warnings: RefWarning[] } | null>(null);
  const set = (k: keyof typeof f) => (v: string) => setF((s) => ({ ...s, [k]: v }));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const result = await api<{ id: string; warnings: RefWarning[] }>('/cases', {
        method: 'POST',
        body: {
          ref: f.ref,
          household: f.household,
          unitId: f.unitId || units[0]?.id || '',
          person: { ref: f.personRef, birthDate: f.birthDate || null },
        },
      });
      if (result.warnings.length > 0) setCreated(result);
      else void navigate(`/sager/sag/${result.id}`);
    } catch (err) {
      setError(err);
    }
  };
  const input = (k: keyof typeof f, label: string, type = 'text') => (
    <div className="field">
      <label htmlFor={`${id}-${k}`}>{label}</label>
      <input
        id={`${id}-${k}`}
        type={type}
        value={f[k]}
        required={type !== 'date'}
        onChange={(e) => set(k)(e.target.value)}
      />
    </div>
  );
  return (
    <>
      <p>
        <Link to="/sager/liste">{t('cases.case.back')}</Link>
      </p>
      <h1>{t('cases.edit.newCase')}</h1>
      <p>{t('cases.edit.newCaseHelp')}</p>
      <ErrorMessage error={error} />
      {created && (
        <>
          <RefWarnings warnings={created.warnings} />
          <p>
            <Link to={`/sager/sag/${created.id}`}>{t('cases.warnings.openCase')}</Link>
          </p>
        </>
      )}
      <form onSubmit={(e) => void submit(e)} className="intervention-form">
        {input('ref', t('cases.edit.caseRef'))}
        {input('household', t('cases.case.household'))}
        <div className="field">
          <label htmlFor={`${id}-unit`}>{t('cases.case.unit')}</label>
          <select
            id={`${id}-unit`}
            value={f.unitId}
            onChange={(e) => set('unitId')(e.target.value)}
          >
            {units.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </div>
        {input('personRef', t('cases.edit.personRef'))}
        {input('birthDate', t('cases.case.birthDate'), 'date')}
        <div className="actions">
          <button type="submit" className="button-primary">
            {t('cases.edit.createCase')}
          </button>
        </div>
      </form>
    </>
  );
}
