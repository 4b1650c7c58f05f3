import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type {
  StatusReportFocusAreaJson,
  StatusReportJson,
} from '../../../shared/schemas/status-report';
import { api } from '../../api';
import { useAuth } from '../../auth';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useApi } from '../../use-api';
import { FocusAreaFigures } from './FocusAreaFigures';
import { ReportEditor } from './ReportEditor';
import { danishDate, mio, monthName, twoDecimals } from './format';

const WRITERS = ['administrator', 'okonomikonsulent', 'funktionsleder'];

function Lines({ text }: { text: string }) {
  return (
    <>
      {text
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line, i) => (
          <p key={i}>{line}</p>
        ))}
    </>
  );
}

/** /rapporter/:id — a status report: each focus area with its texts and figures. */
export function ReportPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const { data, error, reload } = useApi<StatusReportJson>(`/status-reports/${id}`);
  const { user } = useAuth();
  const mayWrite = (user?.roles ?? []).some((r) => WRITERS.includes(r));
  const [editing, setEditing] = useState(false);
  const [actionError, setActionError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  // the answer of our own last write, so the page never acts on an older version meanwhile
  const [latest, setLatest] = useState<StatusReportJson | null>(null);

  if (error) return <ErrorMessage error={error} />;
  if (!data) return <p aria-live="polite">{t('reports.loading')}</p>;
  const report = latest && latest.id === data.id && latest.version >= data.version ? latest : data;

  const finalise = async () => {
    setConfirming(false);
    setBusy(true);
    setActionError(null);
    try {
      setLatest(
        await api<StatusReportJson>(`/status-reports/${report.id}/finalise`, {
          method: 'POST',
          body: { version: report.version },
        }),
      );
      reload();
    } catch (e) {
      setActionError(e);
    } finally {
      setBusy(false);
    }
  };

  const baseline = (area: StatusReportFocusAreaJson) => {
    const { cost, families } = area.figures;
    const lines: string[] = [];
    if (cost)
      lines.push(
        t('reports.baselineCost', { year: cost.baseline.year, amount: mio(cost.baseline.amount) }),
      );
    if (families)
      lines.push(
        t('reports.baselineFamilies', {
          date: danishDate(families.baseline.date),
          families: families.baseline.families,
          band: families.band,
          perFamily: twoDecimals(families.baseline.perFamily),
        }),
      );
    return lines;
  };
  const current = (area: StatusReportFocusAreaJson) => {
    const { cost, families } = area.figures;
    const lines: string[] = [];
    if (cost)
      lines.push(
        t('reports.currentCost', {
          date: danishDate(cost.current.asOf),
          amount: mio(cost.current.amount),
        }),
      );
    if (families)
      lines.push(
        t('reports.currentFamilies', {
          date: danishDate(families.current.date),
          families: families.current.families,
          band: families.band,
          perFamily: twoDecimals(families.current.perFamily),
        }),
      );
    return lines;
  };

  return (
    <>
      <p>
        <Link to="/rapporter">{t('reports.back')}</Link>
      </p>
      <h1>{report.title}</h1>
      <p className="muted">
        {t(`reports.status.${report.status}`)} · {t('reports.columns.asOf')}{' '}
        {danishDate(report.asOf)}
      </p>
      <p className={report.frozen ? 'rp-note rp-final' : 'rp-note'}>
        {report.frozen && report.finalisedAt
          ? t('reports.frozen', {
              date: danishDate(report.finalisedAt),
              user: report.finalisedBy ?? '',
            })
          : t('reports.live')}
      </p>
      <div className="rp-actions">
        <a
          className="button-secondary"
          href={`/api/status-reports/${report.id}/export?format=docx`}
          download
        >
          {t('reports.download')}
        </a>
        {mayWrite && report.status === 'draft' && !editing && (
          <>
            <button type="button" className="button-secondary" onClick={() => setEditing(true)}>
              {t('reports.edit')}
            </button>
            <button
              type="button"
              className="button-primary"
              disabled={busy || confirming}
              onClick={() => setConfirming(true)}
            >
              {t('reports.finalise')}
            </button>
          </>
        )}
      </div>
      {confirming && (
        <div className="alert alert-warning" role="alertdialog" aria-labelledby="rp-confirm">
          <p id="rp-confirm">{t('reports.finaliseConfirm')}</p>
          <div className="rp-actions">
            <button type="button" className="button-primary" onClick={() => void finalise()}>
              {t('reports.confirmFinalise')}
            </button>
            <button type="button" className="button-secondary" onClick={() => setConfirming(false)}>
              {t('reports.cancel')}
            </button>
          </div>
        </div>
      )}
      <ErrorMessage error={actionError} />
      {editing ? (
        <ReportEditor
          report={report}
          onDone={(saved) => {
            setEditing(false);
            if (saved) {
              setLatest(saved);
              reload();
            }
          }}
        />
      ) : (
        <>
          {report.intro && (
            <section className="rp-intro">
              <Lines text={report.intro} />
            </section>
          )}
          {report.focusAreas.map((area, i) => (
            <section key={i} className="rp-area" aria-labelledby={`rp-area-${i}`}>
              <h2 id={`rp-area-${i}`}>{area.title.split('\n')[0]}</h2>
              {area.title.includes('\n') && (
                <p className="muted">{area.title.split('\n').slice(1).join(' ')}</p>
              )}
              <div className="rp-columns">
                <div>
                  <h3>{t('reports.action')}</h3>
                  <Lines text={area.action} />
                  {baseline(area).map((line) => (
                    <p key={line} className="rp-figure-line">
                      {line}
                    </p>
                  ))}
                </div>
                <div>
                  <h3>
                    {t('reports.statusAt', {
                      month: monthName(report.asOf, i18n.language),
                      year: report.year,
                    })}
                  </h3>
                  <Lines text={area.judgement} />
                  {current(area).map((line) => (
                    <p key={line} className="rp-figure-line">
                      {line}
                    </p>
                  ))}
                </div>
              </div>
              <FocusAreaFigures area={area} index={i} />
            </section>
          ))}
          {report.closing && (
            <section className="rp-intro">
              <Lines text={report.closing} />
            </section>
          )}
        </>
      )}
    </>
  );
}
