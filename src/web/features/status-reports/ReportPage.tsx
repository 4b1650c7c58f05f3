import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import type {
  StatusReportFocusAreaJson,
  StatusReportJson,
} from '../../../shared/schemas/status-report';
import { api } from '../../api';
import { may, useAuth } from '../../auth';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useApi } from '../../use-api';
import { SignoffPanel } from '../meetings/SignoffPanel';
import { ProviderSplit } from './ProviderSplit';
import { FocusAreaFigures } from './FocusAreaFigures';
import { indicatorSentences, indicatorTitle } from '../../../shared/indicator-text';
import { ReportEditor } from './ReportEditor';
import { danishDate, query } from '../../format';
import { mio, monthName, twoDecimals } from './format';

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

/**
 * /rapporter/:id — a status report: each focus area with its texts and figures;
 * /rapporter/:id/rediger — the same draft in the editor.
 */
export function ReportPage({ edit = false }: { edit?: boolean }) {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const { data, error, reload } = useApi<StatusReportJson>(`/status-reports/${id}`);
  const { user } = useAuth();
  const mayWrite = may(user, 'report.write');
  const navigate = useNavigate();
  const location = useLocation();
  const heading = useRef<HTMLHeadingElement>(null);
  // after leaving the editor the keyboard continues from the report's heading
  const focusHeading = (location.state as { focusHeading?: boolean } | null)?.focusHeading === true;
  const loaded = data !== undefined;
  useEffect(() => {
    if (focusHeading && !edit && loaded) heading.current?.focus();
  }, [location.key, focusHeading, edit, loaded]);
  const [actionError, setActionError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  // the answer of our own last write, so the page never acts on an older version meanwhile
  const [latest, setLatest] = useState<StatusReportJson | null>(null);

  if (error) return <ErrorMessage error={error} />;
  if (!data) return <p aria-live="polite">{t('reports.loading')}</p>;
  const report = latest && latest.id === data.id && latest.version >= data.version ? latest : data;
  const editing = edit && mayWrite && report.status === 'draft';

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

  const measured = (area: StatusReportFocusAreaJson) => {
    const parts: string[] = [];
    const lower = (text: string) => text.toLocaleLowerCase(i18n.language);
    if (area.cost)
      parts.push(
        t('reports.measure.summaryCost', {
          group: lower(t(`reports.measure.groups.${area.cost.group}`)),
          provider: lower(t(`reports.measure.providers.${area.cost.provider ?? 'all'}`)),
        }),
      );
    if (area.families)
      parts.push(
        t('reports.measure.summaryFamilies', {
          band: t(`reports.measure.bands.${area.families.band}`),
        }),
      );
    return parts.length ? t('reports.measure.summary', { what: parts.join('; ') }) : '';
  };

  return (
    <>
      <p>
        <Link to="/rapporter">{t('reports.back')}</Link>
      </p>
      <h1 ref={heading} tabIndex={-1} className="rp-heading">
        {report.title}
      </h1>
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
            <button
              type="button"
              className="button-secondary"
              onClick={() => void navigate(`/rapporter/${report.id}/rediger`)}
            >
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
      {!editing && (
        <SignoffPanel objectType="status_report" objectId={report.id} version={report.version} />
      )}
      {editing ? (
        <ReportEditor
          report={report}
          onDone={(saved) => {
            void navigate(`/rapporter/${report.id}`, { state: { focusHeading: true } });
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
              {measured(area) && <p className="muted rp-measured">{measured(area)}</p>}
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
                  {area.cost?.provider && area.figures.cost && (
                    <ProviderSplit
                      title={area.title.split('\n')[0] ?? area.title}
                      year={area.figures.cost.current.year}
                      asOf={area.figures.cost.current.asOf}
                      group={area.cost.group}
                      kind={area.cost.provider}
                    />
                  )}
                  {area.cost && area.figures.cost && (
                    <p>
                      <Link
                        to={`/sager?${query({
                          year: area.figures.cost.current.year,
                          asOf: area.figures.cost.current.asOf,
                          by: 'providerName',
                          group: area.cost.group,
                          kind: area.cost.provider,
                        })}`}
                      >
                        {t('reports.byProvider')}
                        <span className="visually-hidden"> – {area.title.split('\n')[0]}</span>
                      </Link>
                    </p>
                  )}
                </div>
              </div>
              <FocusAreaFigures area={area} index={i} />
            </section>
          ))}
          {report.indicators && (
            <section className="rp-area" aria-labelledby="rp-indicators">
              <h2 id="rp-indicators">{indicatorTitle(report.indicators, report.year, t)}</h2>
              {indicatorSentences(report.indicators, t).map((line) => (
                <p key={line} className="rp-figure-line">
                  {line}
                </p>
              ))}
            </section>
          )}
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
