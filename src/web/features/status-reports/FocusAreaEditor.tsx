import { useTranslation } from 'react-i18next';
import {
  AGE_BANDS,
  COST_GROUPS,
  PROVIDERS,
  type AgeBand,
  type CostGroup,
  type DraftArea,
  type FieldErrors,
  type Provider,
} from './content';
import { hintWith } from './FormProblem';
import { SelectField, TextAreaField } from '../../components/forms';

const NONE = '';
const ALL = 'all';

/**
 * One focus area in the editor: its texts, what its figures measure (the cost of a category
 * group, optionally only external or internal providers, and/or families with more than one
 * intervention in an age band), and buttons to move it or remove it.
 */
export function FocusAreaEditor({
  area,
  index,
  count,
  fieldErrors,
  onChange,
  onMove,
  onRemove,
}: {
  area: DraftArea;
  index: number;
  count: number;
  fieldErrors: FieldErrors;
  onChange: (area: DraftArea, field: string) => void;
  onMove: (direction: -1 | 1) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const path = `focusAreas.${index}`;
  const legendId = `rp-${area.key}-legend`;
  const set = (patch: Partial<DraftArea>, field: string = Object.keys(patch)[0] ?? '') =>
    onChange({ ...area, ...patch }, field);
  const problem = (field: string) => fieldErrors[`${path}.${field}`];
  const invalid = (field: string) => (problem(field) ? true : undefined);

  return (
    <fieldset className="rp-fieldset">
      <legend id={legendId}>{t('reports.area', { number: index + 1 })}</legend>
      <div className="rp-area-tools">
        <button
          type="button"
          id={`rp-${area.key}-up`}
          className="button-secondary"
          aria-describedby={legendId}
          disabled={index === 0}
          onClick={() => onMove(-1)}
        >
          <span aria-hidden="true">↑ </span>
          {t('reports.editor.moveUp')}
        </button>
        <button
          type="button"
          id={`rp-${area.key}-down`}
          className="button-secondary"
          aria-describedby={legendId}
          disabled={index === count - 1}
          onClick={() => onMove(1)}
        >
          <span aria-hidden="true">↓ </span>
          {t('reports.editor.moveDown')}
        </button>
        <button
          type="button"
          className="button-secondary rp-remove"
          aria-describedby={legendId}
          onClick={onRemove}
        >
          {t('reports.editor.remove')}
        </button>
      </div>
      <TextAreaField
        label={t('reports.fields.areaTitle')}
        name={`${path}.title`}
        rows={2}
        value={area.title}
        onValue={(title) => set({ title })}
        aria-invalid={invalid('title')}
        hint={hintWith(t('reports.editor.areaTitleHint'), problem('title'))}
      />
      <TextAreaField
        label={t('reports.fields.action')}
        name={`${path}.action`}
        rows={4}
        value={area.action}
        onValue={(action) => set({ action })}
        aria-invalid={invalid('action')}
        hint={hintWith(undefined, problem('action'))}
      />
      <TextAreaField
        label={t('reports.fields.judgement')}
        name={`${path}.judgement`}
        rows={5}
        value={area.judgement}
        onValue={(judgement) => set({ judgement })}
        aria-invalid={invalid('judgement')}
        hint={hintWith(undefined, problem('judgement'))}
      />
      <fieldset className="rp-measure">
        <legend>{t('reports.measure.legend')}</legend>
        <div className="rp-form-grid">
          <SelectField
            label={t('reports.measure.cost')}
            name={`${path}.cost.group`}
            value={area.cost?.group ?? NONE}
            onValue={(group) =>
              set(
                {
                  cost:
                    group === NONE
                      ? null
                      : { group: group as CostGroup, provider: area.cost?.provider ?? null },
                },
                'cost.group',
              )
            }
            options={[
              { value: NONE, label: t('reports.measure.costNone') },
              ...COST_GROUPS.map((g) => ({ value: g, label: t(`reports.measure.groups.${g}`) })),
            ]}
            hint={hintWith(undefined, problem('cost.group'))}
          />
          {area.cost && (
            <SelectField
              label={t('reports.measure.provider')}
              name={`${path}.cost.provider`}
              value={area.cost.provider ?? ALL}
              onValue={(provider) =>
                set(
                  {
                    cost: area.cost && {
                      group: area.cost.group,
                      provider: provider === ALL ? null : (provider as Provider),
                    },
                  },
                  'cost.provider',
                )
              }
              options={[
                { value: ALL, label: t('reports.measure.providers.all') },
                ...PROVIDERS.map((p) => ({ value: p, label: t(`reports.measure.providers.${p}`) })),
              ]}
              hint={hintWith(undefined, problem('cost.provider'))}
            />
          )}
          <SelectField
            label={t('reports.measure.families')}
            name={`${path}.families.band`}
            value={area.families?.band ?? NONE}
            onValue={(band) =>
              set({ families: band === NONE ? null : { band: band as AgeBand } }, 'families.band')
            }
            options={[
              { value: NONE, label: t('reports.measure.familiesNone') },
              ...AGE_BANDS.map((b) => ({ value: b, label: t(`reports.measure.bands.${b}`) })),
            ]}
            hint={hintWith(undefined, problem('families.band'))}
          />
        </div>
        <p className="field-hint">{t('reports.measure.hint')}</p>
      </fieldset>
    </fieldset>
  );
}
