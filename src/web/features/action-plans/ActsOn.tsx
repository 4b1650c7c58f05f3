import { useTranslation } from 'react-i18next';
import type { ActsOn, ActsOnKind } from '../../../domain/action-plan/acts-on';
import type { ActsOnOptionsResponse } from '../../../shared/schemas/action-plan';

type Translate = (key: string) => string;

/** The values one kind offers, as [value, label] in the order the server gives them. */
function choicesOf(
  t: Translate,
  kind: ActsOnKind,
  options: ActsOnOptionsResponse,
): [string, string][] {
  switch (kind) {
    case 'category_group':
      return options.categoryGroups.map((g) => [g, t(`cases.groups.${g}`)]);
    case 'provider':
      return options.providers.map((p) => [p, t(`cases.providers.${p}`)]);
    case 'account_function':
      return options.accountFunctions.map((f) => [f.code, `${f.code} ${f.name}`]);
    case 'unit':
      return options.units.map((u) => [u.id, u.name]);
  }
}

/** "Leverandør: Ekstern leverandør" — what an area acts on, in words (the value as stored when unknown). */
export function actsOnLabel(
  t: Translate,
  actsOn: ActsOn,
  options: ActsOnOptionsResponse | undefined,
): string {
  const found = options
    ? choicesOf(t, actsOn.kind, options).find(([v]) => v === actsOn.value)
    : undefined;
  return `${t(`actionPlans.actsOn.kinds.${actsOn.kind}`)}: ${found?.[1] ?? actsOn.value}`;
}

/**
 * "Virker på" for one area in the editor: a kind (or nothing: realised effect typed by hand) and
 * a value chosen from the lists the server offers for the plan's unit, never free text. Choosing
 * a kind selects its first value.
 */
export function ActsOnField({
  id,
  kind,
  value,
  options,
  onChange,
}: {
  id: string;
  kind: ActsOnKind | '';
  value: string;
  options: ActsOnOptionsResponse | undefined;
  onChange: (kind: ActsOnKind | '', value: string) => void;
}) {
  const { t } = useTranslation();
  const choices = options && kind ? choicesOf(t, kind, options) : [];
  return (
    <div className="ap-acts-on">
      <div className="field">
        <label htmlFor={`${id}-kind`}>{t('actionPlans.actsOn.label')}</label>
        <select
          id={`${id}-kind`}
          value={kind}
          aria-describedby={`${id}-hint`}
          disabled={!options}
          onChange={(e) => {
            const next = e.target.value as ActsOnKind | '';
            const first = options && next ? (choicesOf(t, next, options)[0]?.[0] ?? '') : '';
            onChange(next, first);
          }}
        >
          <option value="">{t('actionPlans.actsOn.kinds.none')}</option>
          {(options?.kinds ?? []).map((k) => (
            <option key={k} value={k}>
              {t(`actionPlans.actsOn.kinds.${k}`)}
            </option>
          ))}
        </select>
      </div>
      {kind && (
        <div className="field">
          <label htmlFor={`${id}-value`}>{t(`actionPlans.actsOn.valueLabel.${kind}`)}</label>
          <select id={`${id}-value`} value={value} onChange={(e) => onChange(kind, e.target.value)}>
            {!choices.some(([v]) => v === value) && <option value={value}>{value}</option>}
            {choices.map(([v, label]) => (
              <option key={v} value={v}>
                {label}
              </option>
            ))}
          </select>
        </div>
      )}
      <p id={`${id}-hint`} className="muted ap-acts-on-hint">
        {kind ? t('actionPlans.actsOn.hintMeasured') : t('actionPlans.actsOn.hintManual')}
      </p>
    </div>
  );
}
