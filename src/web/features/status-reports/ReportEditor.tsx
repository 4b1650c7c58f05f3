import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StatusReportJson } from '../../../shared/schemas/status-report';
import { api } from '../../api';
import {
  draftOf,
  emptyArea,
  fieldErrorsOf,
  MAX_FOCUS_AREAS,
  specOf,
  type DraftArea,
  type FieldErrors,
} from './content';
import { FocusAreaEditor } from './FocusAreaEditor';
import { focusField, FormProblem, hintWith, without } from './FormProblem';
import { PeriodFields, periodProblems, usePeriod } from './PeriodFields';
import { danishDate } from '../../format';
import { TextAreaField, TextField } from '../../components/forms';

const AREA_PATH = /^focusAreas\.(\d+)\.(.+)$/;

/**
 * Editing a draft: its texts and its focus areas (add, remove with undo, move, choose what
 * each measures). The figures are not typed in: the server computes them from the cases
 * when the report is saved.
 */
export function ReportEditor({
  report,
  onDone,
}: {
  report: StatusReportJson;
  onDone: (saved: StatusReportJson | null) => void;
}) {
  const { t } = useTranslation();
  const [title, setTitle] = useState(report.title);
  // the year follows the as-of date, unless it already differs from the date's
  const period = usePeriod(
    String(report.year),
    report.asOf,
    report.asOf.slice(0, 4) === String(report.year),
  );
  const { year, asOf } = period;
  const [intro, setIntro] = useState(report.intro);
  const [closing, setClosing] = useState(report.closing);
  const [areas, setAreas] = useState<DraftArea[]>(() => report.focusAreas.map(draftOf));
  const [removed, setRemoved] = useState<{ area: DraftArea; index: number } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);

  // keyboard focus to move once the next render is on screen (after add, move, remove, undo)
  const focusNext = useRef<(() => void) | null>(null);
  useEffect(() => {
    focusNext.current?.();
    focusNext.current = null;
  });
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  const focusId = (id: string) => document.getElementById(id)?.focus();

  const add = () => {
    const area = emptyArea();
    setAreas((all) => [...all, area]);
    setFieldErrors({});
    setRemoved(null);
    focusNext.current = () => focusField(`focusAreas.${areas.length}.title`);
  };
  const move = (index: number, direction: -1 | 1) => {
    const target = index + direction;
    const area = areas[index];
    if (!area || target < 0 || target >= areas.length) return;
    const next = [...areas];
    next.splice(index, 1);
    next.splice(target, 0, area);
    setAreas(next);
    setFieldErrors({});
    // stay on the same button; at the first or last place it is disabled, so take the other
    const atEdge = target === 0 || target === next.length - 1;
    const same = direction < 0 ? 'up' : 'down';
    const other = direction < 0 ? 'down' : 'up';
    focusNext.current = () => focusId(`rp-${area.key}-${atEdge ? other : same}`);
  };
  const remove = (index: number) => {
    const area = areas[index];
    if (!area) return;
    setAreas(areas.filter((_, i) => i !== index));
    setRemoved({ area, index });
    setFieldErrors({});
    focusNext.current = () => focusId('rp-undo');
  };
  const undo = () => {
    if (!removed) return;
    const index = Math.min(removed.index, areas.length);
    const next = [...areas];
    next.splice(index, 0, removed.area);
    setAreas(next);
    setRemoved(null);
    setFieldErrors({});
    focusNext.current = () => focusField(`focusAreas.${index}.title`);
  };

  const check = (): FieldErrors => {
    const problems: FieldErrors = {};
    if (title.trim() === '') problems.title = t('reports.form.required');
    Object.assign(problems, periodProblems(year, asOf, t));
    areas.forEach((a, i) => {
      if (a.title.trim() === '') problems[`focusAreas.${i}.title`] = t('reports.form.required');
    });
    return problems;
  };

  const save = async () => {
    setError(null);
    const problems = check();
    setFieldErrors(problems);
    if (Object.keys(problems).length > 0) return;
    setBusy(true);
    try {
      const saved = await api<StatusReportJson>(`/status-reports/${report.id}`, {
        method: 'PUT',
        body: {
          version: report.version,
          title,
          year: Number(year.trim()),
          asOf,
          intro,
          closing,
          focusAreas: areas.map(specOf),
        },
      });
      onDone(saved);
    } catch (e) {
      setError(e);
      setFieldErrors(fieldErrorsOf(e));
    } finally {
      setBusy(false);
    }
  };

  const labelOf = (path: string): string => {
    const m = AREA_PATH.exec(path);
    if (!m) {
      const known: Record<string, string> = {
        title: t('reports.fields.title'),
        year: t('reports.create.year'),
        asOf: t('reports.create.asOf'),
        intro: t('reports.fields.intro'),
        closing: t('reports.fields.closing'),
        focusAreas: t('reports.editor.heading'),
      };
      return known[path] ?? path;
    }
    const field: Record<string, string> = {
      title: t('reports.fields.areaTitle'),
      action: t('reports.fields.action'),
      judgement: t('reports.fields.judgement'),
      'cost.group': t('reports.measure.cost'),
      'cost.provider': t('reports.measure.provider'),
      'families.band': t('reports.measure.families'),
    };
    return `${t('reports.area', { number: Number(m[1]) + 1 })}: ${field[m[2] ?? ''] ?? m[2]}`;
  };

  const removedName = removed
    ? removed.area.title.split('\n')[0]?.trim() || t('reports.area', { number: removed.index + 1 })
    : '';

  return (
    <form
      className="rp-editor"
      aria-labelledby="rp-editor-title"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h2 id="rp-editor-title" ref={heading} tabIndex={-1} className="rp-heading">
        {t('reports.editor.title')}
      </h2>
      <FormProblem error={error} fieldErrors={fieldErrors} labelOf={labelOf} />
      <TextField
        label={t('reports.fields.title')}
        name="title"
        value={title}
        onValue={(v) => {
          setTitle(v);
          setFieldErrors((f) => without(f, 'title'));
        }}
        maxLength={300}
        aria-invalid={fieldErrors.title ? true : undefined}
        hint={hintWith(undefined, fieldErrors.title)}
      />
      <PeriodFields
        period={period}
        asOfHint={t('reports.editor.asOfHint', { date: danishDate(asOf) })}
        fieldErrors={fieldErrors}
        setFieldErrors={setFieldErrors}
      />
      <TextAreaField
        label={t('reports.fields.intro')}
        name="intro"
        rows={5}
        value={intro}
        onValue={(v) => {
          setIntro(v);
          setFieldErrors((f) => without(f, 'intro'));
        }}
        hint={hintWith(undefined, fieldErrors.intro)}
      />
      <section aria-labelledby="rp-areas-title" className="rp-areas">
        <h3 id="rp-areas-title">{t('reports.editor.heading')}</h3>
        {areas.length === 0 && <p className="muted">{t('reports.editor.noAreas')}</p>}
        {areas.map((area, i) => (
          <FocusAreaEditor
            key={area.key}
            area={area}
            index={i}
            count={areas.length}
            fieldErrors={fieldErrors}
            onChange={(changed, field) => {
              setAreas((all) => all.map((a) => (a.key === area.key ? changed : a)));
              setFieldErrors((f) => without(f, `focusAreas.${i}.${field}`));
            }}
            onMove={(direction) => move(i, direction)}
            onRemove={() => remove(i)}
          />
        ))}
        <div role="status" className="rp-undo-region">
          {removed && (
            <div className="alert alert-warning rp-undo">
              <p>{t('reports.editor.removed', { name: removedName })}</p>
              <button type="button" id="rp-undo" className="button-secondary" onClick={undo}>
                {t('reports.editor.undo')}
              </button>
            </div>
          )}
        </div>
        {areas.length < MAX_FOCUS_AREAS ? (
          <button type="button" className="button-secondary" onClick={add}>
            <span aria-hidden="true">+ </span>
            {t('reports.editor.add')}
          </button>
        ) : (
          <p className="muted">{t('reports.editor.max', { max: MAX_FOCUS_AREAS })}</p>
        )}
      </section>
      <TextAreaField
        label={t('reports.fields.closing')}
        name="closing"
        rows={3}
        value={closing}
        onValue={(v) => {
          setClosing(v);
          setFieldErrors((f) => without(f, 'closing'));
        }}
        hint={hintWith(undefined, fieldErrors.closing)}
      />
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
