import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { api } from '../../api';
import { useCan } from '../../auth';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useApi } from '../../use-api';
import { danishDate, kr, krWhole, today, wholeKroner as whole } from '../../format';
import { columnInWholeKroner } from './whole-kroner';
import { defaultAsOf, useBookedPeriod } from '../../booked-period';
import { BookedNote } from '../../components/BookedNote';
import { ScrollRegion } from '../../components/ScrollRegion';
import type { FollowUpRounds } from './types';
import type { Round } from '../../../shared/schemas/forecast';
import { functionLabel, useAccountFunctions } from '../../account-functions';
import { DateField, TextField, YearField } from '../../components/forms';

const COLOURS = ['#1d4f73', '#a1001f', '#1e6b34', '#7a4a00', '#5b2a86', '#555'];

/** /budget/opfoelgninger — freeze a follow-up round, compare rounds, see their trajectory. */
export function RoundsPage() {
  const { t } = useTranslation();
  const mayCreate = useCan('budget.write');
  const [year, setYear] = useState(Number(today().slice(0, 4)));
  const { data, error, reload } = useApi<FollowUpRounds>(`/follow-up/rounds?year=${year}`);
  const [name, setName] = useState('');
  const booked = useBookedPeriod();
  const [asOfInput, setAsOf] = useState<string | null>(null);
  const asOf = asOfInput ?? defaultAsOf(year, booked.bookedThrough);
  const [failure, setFailure] = useState<unknown>(null);
  const [message, setMessage] = useState('');
  const [open, setOpen] = useState<string | null>(null);
  const create = async (e: FormEvent) => {
    e.preventDefault();
    setFailure(null);
    setMessage('');
    try {
      await api('/follow-up/rounds', { method: 'POST', body: { year, name, asOf } });
      setMessage(t('budget.rounds.created'));
      setName('');
      reload();
    } catch (err) {
      setFailure(err);
    }
  };
  const units = data
    ? [...new Map(data.rounds.flatMap((r) => r.units.map((u) => [u.unitId, u.unitName]))).entries()]
    : [];
  const chart = (data?.rounds ?? []).map((r) => ({
    name: r.name,
    ...Object.fromEntries(r.units.map((u) => [u.unitId, u.overspend])),
  }));
  // An overview: each round's column in whole kroner, adding up to its total.
  const wholeByRound = new Map(
    (data?.rounds ?? []).map((r) => {
      const column = columnInWholeKroner(r.units.map((u) => u.overspend));
      return [
        r.id,
        {
          byUnit: new Map(r.units.map((u, i) => [u.unitId, column.parts[i] ?? 0])),
          total: column.total,
        },
      ] as const;
    }),
  );
  const title = t('budget.rounds.trajectory');
  return (
    <>
      <h1>
        {t('budget.rounds.title')} {year}
      </h1>
      {mayCreate && (
        <form className="budget-form" onSubmit={(e) => void create(e)}>
          <fieldset>
            <legend>{t('budget.rounds.create')}</legend>
            <YearField
              label={t('budget.filters.year')}
              value={String(year)}
              onValue={(v) => setYear(Number(v))}
            />
            <TextField
              label={t('budget.rounds.name')}
              frameClassName="budget-wide"
              value={name}
              placeholder={t('budget.rounds.namePlaceholder')}
              onValue={setName}
            />
            <DateField
              label={t('budget.rounds.asOf')}
              value={asOf}
              onValue={setAsOf}
              hint={booked.known && <BookedNote asOf={asOf} bookedThrough={booked.bookedThrough} />}
            />
            <button type="submit" className="button-primary">
              {t('budget.rounds.create')}
            </button>
          </fieldset>
        </form>
      )}
      <ErrorMessage error={error ?? failure} />
      {message && <p role="status">{message}</p>}
      {data && data.rounds.length === 0 && <p>{t('budget.rounds.none')}</p>}
      {data && data.rounds.length > 0 && (
        <section aria-labelledby="trajectory-title" className="budget-chart">
          <h2 id="trajectory-title">{title}</h2>
          <div role="img" aria-label={title}>
            <LineChart
              width={760}
              height={300}
              data={chart}
              margin={{ left: 40, right: 20, top: 10 }}
            >
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="name" padding={{ left: 40, right: 40 }} />
              <YAxis tickFormatter={(v: number) => kr(Math.round(v))} width={100} />
              <Tooltip formatter={(v) => `${kr(Number(v))} kr.`} />
              <Legend />
              {units.map(([id, unitName], i) => (
                <Line
                  key={id}
                  type="monotone"
                  dataKey={id}
                  name={unitName}
                  stroke={COLOURS[i % COLOURS.length]}
                />
              ))}
            </LineChart>
          </div>
          <ScrollRegion labelledBy="trajectory-title">
            <table className="table">
              <caption>{t('budget.rounds.trajectoryTable')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('budget.cols.unit')}</th>
                  {data.rounds.map((r) => (
                    <th key={r.id} scope="col" className="num">
                      {r.name} ({danishDate(r.asOf)})
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {units.map(([id, unitName]) => (
                  <tr key={id}>
                    <th scope="row">{unitName}</th>
                    {data.rounds.map((r) => {
                      const u = r.units.find((x) => x.unitId === id);
                      const shown = wholeByRound.get(r.id)?.byUnit.get(id);
                      return (
                        <td
                          key={r.id}
                          className={`num${u && u.overspend > 0 ? ' budget-over' : ''}`}
                        >
                          {u && shown !== undefined ? kr(shown) : '–'}{' '}
                          {u?.actionPlanRequired && (
                            <span className="budget-badge">{t('budget.dashboard.required')}</span>
                          )}
                        </td>
                      );
                    })}
                  </tr>
                ))}
                <tr>
                  <th scope="row">{t('budget.rounds.total')}</th>
                  {data.rounds.map((r) => (
                    <td key={r.id} className="num">
                      {kr(wholeByRound.get(r.id)?.total)}
                    </td>
                  ))}
                </tr>
              </tbody>
            </table>
          </ScrollRegion>
          <ul>
            {data.rounds.map((r) => (
              <li key={r.id}>
                <button
                  type="button"
                  className="link-button"
                  aria-expanded={open === r.id}
                  onClick={() => setOpen(open === r.id ? null : r.id)}
                >
                  {t('budget.rounds.open')}: {r.name}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      {open && <RoundLines id={open} />}
    </>
  );
}

function RoundLines({ id }: { id: string }) {
  const functions = useAccountFunctions();
  const { t } = useTranslation();
  const mayComment = useCan('forecast.write');
  const { data, error, reload } = useApi<Round>(`/follow-up/rounds/${id}`);
  const [comments, setComments] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [saved, setSaved] = useState('');
  const [saving, setSaving] = useState(false);
  const changed = (data?.lines ?? []).filter(
    (l) => comments[l.id] !== undefined && comments[l.id]?.trim() !== l.comment,
  );
  const save = async (e: FormEvent) => {
    e.preventDefault();
    setFailure(null);
    setSaved('');
    if (changed.length === 0) {
      setSaved(t('budget.rounds.noChanges'));
      return;
    }
    setSaving(true);
    try {
      await api(`/follow-up/rounds/${id}/comments`, {
        method: 'PUT',
        body: {
          lines: changed.map((l) => ({ id: l.id, version: l.version, comment: comments[l.id] })),
        },
      });
      setComments({});
      setSaved(t('budget.rounds.commentsSaved', { count: changed.length }));
      reload();
    } catch (err) {
      setFailure(err);
    } finally {
      setSaving(false);
    }
  };
  return (
    <section aria-labelledby="round-lines">
      <h2 id="round-lines">{t('budget.rounds.lines', { name: data?.name ?? '' })}</h2>
      <p className="round-export" role="group" aria-label={t('budget.rounds.export')}>
        {t('budget.rounds.export')}:{' '}
        {(['docx', 'xlsx', 'pdf'] as const).map((f) => (
          <a
            key={f}
            className="button-secondary"
            href={`/api/follow-up/rounds/${id}/export?format=${f}`}
            download
          >
            {t(`actionPlans.export.${f}`)}
          </a>
        ))}
      </p>
      <ErrorMessage error={error ?? failure} />
      {saved && <p role="status">{saved}</p>}
      {data && (
        <form onSubmit={(e) => void save(e)}>
          <ScrollRegion labelledBy="round-lines">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('budget.cols.unit')}</th>
                  <th scope="col">{t('budget.cols.function')}</th>
                  <th scope="col" className="num">
                    {t('budget.cols.budget')}
                  </th>
                  <th scope="col" className="num">
                    {t('budget.cols.forecast')}
                  </th>
                  <th scope="col" className="num">
                    {t('budget.cols.overspend')}
                  </th>
                  <th scope="col">{t('budget.rounds.comment')}</th>
                </tr>
              </thead>
              <tbody>
                {data.lines.map((l) => (
                  <tr key={l.id}>
                    <th scope="row">{l.unitName}</th>
                    <td>{functionLabel(l.accountFunction, functions)}</td>
                    <td className="num">{krWhole(l.budget)}</td>
                    <td className="num">{krWhole(l.forecast)}</td>
                    <td className="num">{kr(whole(l.forecast) - whole(l.budget))}</td>
                    <td>
                      <textarea
                        className="round-comment"
                        rows={2}
                        aria-label={`${t('budget.rounds.comment')} – ${l.unitName} ${l.accountFunction}`}
                        value={comments[l.id] ?? l.comment}
                        readOnly={!mayComment}
                        onChange={(e) => setComments({ ...comments, [l.id]: e.target.value })}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
          {mayComment && (
            <p>
              <button type="submit" className="button-primary" disabled={saving}>
                {t('budget.rounds.saveComments')}
              </button>{' '}
              {changed.length > 0 && (
                <span role="status">{t('budget.rounds.unsaved', { count: changed.length })}</span>
              )}
            </p>
          )}
        </form>
      )}
    </section>
  );
}
