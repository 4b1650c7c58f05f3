import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api, ApiError } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useApi } from '../../use-api';
import { formatKroner, oreFromKroner } from '../../../domain/money';
import type {
  ActionPlanResponse,
  ActsOnOptionsResponse,
} from '../../../shared/schemas/action-plan';
import { ActsOnField } from './ActsOn';
import { describeField } from '../../../shared/schemas/action-plan';
import { EffectGrid } from './EffectGrid';
import { withUnit } from './plan-title';
import { documentFromEditor, editorFromPlan, newKey, type EditorState } from './editor-model';
import { IssueList } from './IssueList';
import { OverspendFigureField } from './OverspendSource';
import { AmountField, DateField, TextAreaField, TextField } from '../../components/forms';

/** /handleplaner/:id/rediger — the header, the areas and the monthly grid; a save is a new version. */
export function ActionPlanEditor() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { data, error } = useApi<ActionPlanResponse>(`/action-plans/${id}`);
  if (error) return <ErrorMessage error={error} />;
  if (!data) return <p aria-live="polite">{t('app.loading')}</p>;
  return <EditorForm key={`${data.id}:${data.version}`} plan={data} />;
}

function EditorForm({ plan: data }: { plan: ActionPlanResponse }) {
  const { t } = useTranslation();
  const id = data.id;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [state, setState] = useState<EditorState>(() => editorFromPlan(data));
  const [baseVersion, setBaseVersion] = useState(data.version);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [conflict, setConflict] = useState<{ message: string; version: number } | null>(null);
  const [localProblems, setLocalProblems] = useState<string[]>([]);
  const [isSaving, setIsSaving] = useState(false);
  const { data: actsOnOptions } = useApi<ActsOnOptionsResponse>(
    `/action-plans/${id}/acts-on-options`,
  );

  const set = (patch: Partial<EditorState>) => setState({ ...state, ...patch });
  const setArea = (i: number, patch: Partial<EditorState['areas'][number]>) =>
    set({ areas: state.areas.map((a, j) => (j === i ? { ...a, ...patch } : a)) });
  const setTarget = (i: number, target: string) =>
    set({ grid: state.grid.map((g, j) => (j === i ? { ...g, target } : g)) });

  const addArea = () => {
    const number = Math.max(0, ...state.areas.map((a) => a.number)) + 1;
    const key = newKey();
    set({
      areas: [
        ...state.areas,
        {
          key,
          number,
          title: '',
          goal: '',
          action: '',
          consequences: '',
          actsOnKind: '',
          actsOnValue: '',
        },
      ],
      grid: [
        ...state.grid,
        { key, number, target: '', cells: Array.from({ length: 12 }, () => '') },
      ],
    });
  };
  const removeArea = (i: number) =>
    set({
      areas: state.areas.filter((_, j) => j !== i),
      grid: state.grid.filter((_, j) => j !== i),
    });
  const move = (i: number, by: number) => {
    const j = i + by;
    if (j < 0 || j >= state.areas.length) return;
    const swap = <T,>(list: T[]) => {
      const copy = [...list];
      const a = copy[i] as T;
      copy[i] = copy[j] as T;
      copy[j] = a;
      return copy;
    };
    set({ areas: swap(state.areas), grid: swap(state.grid) });
  };
  const setNumber = (i: number, value: string) => {
    const number = Number(value);
    if (!Number.isInteger(number)) return;
    set({
      areas: state.areas.map((a, j) => (j === i ? { ...a, number } : a)),
      grid: state.grid.map((g, j) => (j === i ? { ...g, number } : g)),
    });
  };

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setSaveError(null);
    const result = documentFromEditor(state);
    if (!result.ok) {
      setLocalProblems(
        result.problems.map(
          (p) => `${describeField(p.field)}: «${p.text}» ${t('validation.not_a_number')}`,
        ),
      );
      return;
    }
    setLocalProblems([]);
    setIsSaving(true);
    try {
      const saved = await api<ActionPlanResponse>(`/action-plans/${id}`, {
        method: 'PUT',
        body: { ...result.document, version: baseVersion, comment: state.comment || null },
      });
      setConflict(null);
      // The plan page opens on the saved version, never on the answer read before the save.
      queryClient.setQueryData([`/action-plans/${id}`], saved);
      void navigate(`/handleplaner/${id}`, { state: { saved: saved.version } });
    } catch (err) {
      if (err instanceof ApiError && err.status === 409 && err.code === 'version_conflict') {
        const current = Number(err.body.currentVersion);
        setConflict({
          message: err.message,
          version: Number.isFinite(current) ? current : baseVersion,
        });
      } else {
        setSaveError(err);
      }
    } finally {
      setIsSaving(false);
    }
  };

  return (
    <>
      <p>
        <Link to={`/handleplaner/${id}`}>{t('actionPlans.back')}</Link>
      </p>
      <h1>
        {t('actionPlans.edit')}: {withUnit(state.title, state.unitName)}
      </h1>
      <IssueList issues={data.issues} />
      <form onSubmit={(e) => void save(e)} noValidate>
        <fieldset className="ap-fieldset">
          <legend>{t('actionPlans.documentTitle', { year: state.year })}</legend>
          <div className="ap-form-grid">
            <TextField
              label={t('actionPlans.planTitle')}
              value={state.title}
              onValue={(v) => set({ title: v })}
            />
            <TextField
              label={t('actionPlans.fields.center')}
              value={state.centerName}
              onValue={(v) => set({ centerName: v })}
            />
            <TextField
              label={t('actionPlans.fields.centerResponsible')}
              value={state.centerResponsible}
              onValue={(v) => set({ centerResponsible: v })}
            />
            <TextField
              label={t('actionPlans.fields.unit')}
              value={state.unitName}
              onValue={(v) => set({ unitName: v })}
            />
            <TextField
              label={t('actionPlans.fields.unitResponsible')}
              value={state.unitResponsible}
              onValue={(v) => set({ unitResponsible: v })}
            />
            <DateField
              label={t('actionPlans.fields.startedOn')}
              value={state.startedOn}
              onValue={(v) => set({ startedOn: v })}
            />
            <DateField
              label={t('actionPlans.fields.updatedOn')}
              value={state.updatedOn}
              onValue={(v) => set({ updatedOn: v })}
            />
          </div>
          <TextAreaField
            rows={3}
            label={t('actionPlans.fields.cause')}
            value={state.cause}
            onValue={(v) => set({ cause: v })}
          />
          <TextAreaField
            rows={3}
            label={t('actionPlans.fields.causes')}
            value={state.causes}
            onValue={(v) => set({ causes: v })}
          />
        </fieldset>

        <h2>{t('actionPlans.table.area')}</h2>
        {state.areas.map((area, i) => (
          <fieldset className="ap-fieldset ap-area" key={area.key}>
            <legend>
              {t('actionPlans.fields.areaTitle')} {area.number}
              {area.title ? ` – ${area.title}` : ''}
            </legend>
            <div className="ap-form-grid">
              <TextField
                label="Nr."
                type="number"
                value={String(area.number)}
                onValue={(v) => setNumber(i, v)}
              />
              <TextField
                label={t('actionPlans.fields.areaTitle')}
                value={area.title}
                onValue={(v) => setArea(i, { title: v })}
              />
              <AmountField
                label={t('actionPlans.fields.targetAmount')}
                value={state.grid[i]?.target ?? ''}
                onValue={(v) => setTarget(i, v)}
              />
            </div>
            <ActsOnField
              kind={area.actsOnKind}
              value={area.actsOnValue}
              options={actsOnOptions}
              onChange={(actsOnKind, actsOnValue) => setArea(i, { actsOnKind, actsOnValue })}
            />
            <TextAreaField
              rows={3}
              label={t('actionPlans.fields.goal')}
              value={area.goal}
              onValue={(v) => setArea(i, { goal: v })}
            />
            <TextAreaField
              rows={3}
              label={t('actionPlans.fields.action')}
              value={area.action}
              onValue={(v) => setArea(i, { action: v })}
            />
            <TextAreaField
              rows={3}
              label={t('actionPlans.fields.consequences')}
              value={area.consequences}
              onValue={(v) => setArea(i, { consequences: v })}
            />
            <div className="ap-actions">
              <button
                type="button"
                className="button-secondary"
                onClick={() => move(i, -1)}
                disabled={i === 0}
              >
                {t('actionPlans.actions.moveUp', { number: area.number })}
              </button>
              <button
                type="button"
                className="button-secondary"
                onClick={() => move(i, 1)}
                disabled={i === state.areas.length - 1}
              >
                {t('actionPlans.actions.moveDown', { number: area.number })}
              </button>
              <button type="button" className="button-secondary" onClick={() => removeArea(i)}>
                {t('actionPlans.actions.removeArea', { number: area.number })}
              </button>
            </div>
          </fieldset>
        ))}
        <p>
          <button type="button" className="button-secondary" onClick={addArea}>
            {t('actionPlans.actions.addArea')}
          </button>
        </p>

        <EffectGrid
          rows={state.grid}
          label={t('actionPlans.table.effectTitle', { year: state.year })}
          onChange={(grid) => set({ grid })}
        />

        <fieldset className="ap-fieldset">
          <legend>{t('actionPlans.overspend.title')}</legend>
          <div className="ap-form-grid">
            <OverspendFigureField
              label={t('actionPlans.overspend.atStart')}
              fieldName={t('actionPlans.overspend.atStartShort')}
              value={state.atStart}
              source={state.atStartSource}
              stored={data.overspendSources.atStart}
              onChange={(v, source) => set({ atStart: v, atStartSource: source })}
            />
            <OverspendFigureField
              label={t('actionPlans.overspend.afterThisUpdate')}
              fieldName={t('actionPlans.overspend.afterThisUpdateShort')}
              value={state.afterThisUpdate}
              source={state.afterThisUpdateSource}
              stored={data.overspendSources.afterThisUpdate}
              onChange={(v, source) => set({ afterThisUpdate: v, afterThisUpdateSource: source })}
            />
          </div>
          <p className="muted">
            {t('actionPlans.overspend.atLastUpdate')}{' '}
            {data.expectedOverspend.afterThisUpdate === null
              ? '–'
              : formatKroner(oreFromKroner(data.expectedOverspend.afterThisUpdate))}
          </p>
        </fieldset>
        <TextAreaField
          rows={3}
          label={t('actionPlans.fields.comment')}
          value={state.comment}
          onValue={(v) => set({ comment: v })}
        />

        {localProblems.length > 0 && (
          <div role="alert" className="alert alert-error">
            <ul>
              {localProblems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          </div>
        )}
        {conflict && (
          <div role="alert" className="alert alert-warning">
            <p>{conflict.message}</p>
            <p>{t('actionPlans.conflictKept')}</p>
            <div className="ap-actions">
              <button
                type="button"
                className="button-secondary"
                onClick={() => setBaseVersion(conflict.version)}
              >
                {t('actionPlans.actions.saveOnTop', { version: conflict.version })}
              </button>
              <button
                type="button"
                className="button-secondary"
                onClick={() => window.location.reload()}
              >
                {t('actionPlans.actions.reload')}
              </button>
            </div>
          </div>
        )}
        <ErrorMessage error={saveError} />
        <p className="ap-actions">
          <button type="submit" className="button-primary" disabled={isSaving}>
            {isSaving ? t('actionPlans.actions.saving') : t('actionPlans.actions.save')}
          </button>
          <span className="muted">{t('actionPlans.version', { version: baseVersion })}</span>
        </p>
      </form>
    </>
  );
}
