import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api';
import { useAuth } from '../../auth';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useApi } from '../../use-api';
import { RefWarnings, type RefWarning } from './RefWarnings';
import { DateField, SelectField, TextField } from '../../components/forms';

/** /sager/ny — a caseworker registers a case: the case system's references, no CPR, no names. */
export function NewCasePage() {
  const { t } = useTranslation();
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
        <TextField label={t('cases.edit.caseRef')} value={f.ref} required onValue={set('ref')} />
        <TextField
          label={t('cases.case.household')}
          value={f.household}
          required
          onValue={set('household')}
        />
        <SelectField
          label={t('cases.case.unit')}
          value={f.unitId}
          onValue={set('unitId')}
          options={units.map((u) => ({ value: u.id, label: u.name }))}
        />
        <TextField
          label={t('cases.edit.personRef')}
          value={f.personRef}
          required
          onValue={set('personRef')}
        />
        <DateField
          label={t('cases.case.birthDate')}
          value={f.birthDate}
          onValue={set('birthDate')}
        />
        <div className="actions">
          <button type="submit" className="button-primary">
            {t('cases.edit.createCase')}
          </button>
        </div>
      </form>
    </>
  );
}
