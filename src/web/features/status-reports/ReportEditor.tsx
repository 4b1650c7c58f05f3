import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StatusReportJson } from '../../../shared/schemas/status-report';
import { api } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';

/** Editing a draft's texts; the figures are not typed in, they come from the cases. */
export function ReportEditor({
  report,
  onDone,
}: {
  report: StatusReportJson;
  onDone: (saved: StatusReportJson | null) => void;
}) {
  const { t } = useTranslation();
  const [title, setTitle] = useState(report.title);
  const [intro, setIntro] = useState(report.intro);
  const [closing, setClosing] = useState(report.closing);
  const [areas, setAreas] = useState(
    report.focusAreas.map((a) => ({ title: a.title, action: a.action, judgement: a.judgement })),
  );
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const setArea = (i: number, key: 'title' | 'action' | 'judgement', value: string) =>
    setAreas((all) => all.map((a, j) => (j === i ? { ...a, [key]: value } : a)));

  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      const saved = await api<StatusReportJson>(`/status-reports/${report.id}`, {
        method: 'PUT',
        body: {
          version: report.version,
          title,
          year: report.year,
          asOf: report.asOf,
          intro,
          closing,
          focusAreas: report.focusAreas.map((a, i) => ({
            title: areas[i]?.title ?? a.title,
            action: areas[i]?.action ?? a.action,
            judgement: areas[i]?.judgement ?? a.judgement,
            cost: a.cost,
            families: a.families,
          })),
        },
      });
      onDone(saved);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="rp-editor"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <ErrorMessage error={error} />
      <div className="field">
        <label htmlFor="rp-title">{t('reports.fields.title')}</label>
        <input id="rp-title" value={title} onChange={(e) => setTitle(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="rp-intro">{t('reports.fields.intro')}</label>
        <textarea id="rp-intro" rows={5} value={intro} onChange={(e) => setIntro(e.target.value)} />
      </div>
      {areas.map((a, i) => (
        <fieldset key={i} className="rp-fieldset">
          <legend>{t('reports.area', { number: i + 1 })}</legend>
          <div className="field">
            <label htmlFor={`rp-a${i}-title`}>{t('reports.fields.areaTitle')}</label>
            <textarea
              id={`rp-a${i}-title`}
              rows={2}
              value={a.title}
              onChange={(e) => setArea(i, 'title', e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor={`rp-a${i}-action`}>{t('reports.fields.action')}</label>
            <textarea
              id={`rp-a${i}-action`}
              rows={4}
              value={a.action}
              onChange={(e) => setArea(i, 'action', e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor={`rp-a${i}-judgement`}>{t('reports.fields.judgement')}</label>
            <textarea
              id={`rp-a${i}-judgement`}
              rows={5}
              value={a.judgement}
              onChange={(e) => setArea(i, 'judgement', e.target.value)}
            />
          </div>
        </fieldset>
      ))}
      <div className="field">
        <label htmlFor="rp-closing">{t('reports.fields.closing')}</label>
        <textarea
          id="rp-closing"
          rows={3}
          value={closing}
          onChange={(e) => setClosing(e.target.value)}
        />
      </div>
      <div className="rp-actions">
        <button type="submit" className="button-primary" disabled={busy}>
          {t('reports.save')}
        </button>
        <button type="button" className="button-secondary" onClick={() => onDone(null)}>
          {t('reports.cancel')}
        </button>
      </div>
    </form>
  );
}
