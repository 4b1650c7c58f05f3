import { useTranslation } from 'react-i18next';
import type { ActsOn, ActsOnKind } from '../../../domain/action-plan/acts-on';
import type { ActsOnOptionsResponse } from '../../../shared/schemas/action-plan';
import { FieldGroup, SelectField } from '../../components/forms';

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
  kind,
  value,
  options,
  onChange,
}: {
  kind: ActsOnKind | '';
  value: string;
  options: ActsOnOptionsResponse | undefined;
  onChange: (kind: ActsOnKind | '', value: string) => void;
}) {
  const { t } = useTranslation();
  const choices = options && kind ? choicesOf(t, kind, options) : [];
  return (
    <FieldGroup
      className="ap-acts-on"
      hintClassName="muted ap-acts-on-hint"
      hint={kind ? t('actionPlans.actsOn.hintMeasured') : t('actionPlans.actsOn.hintManual')}
    >
      {(hintId) => (
        <>
          <SelectField
            label={t('actionPlans.actsOn.label')}
            describedBy={hintId}
            value={kind}
            disabled={!options}
            onValue={(v) => {
              const next = v as ActsOnKind | '';
              const first = options && next ? (choicesOf(t, next, options)[0]?.[0] ?? '') : '';
              onChange(next, first);
            }}
            options={[
              { value: '', label: t('actionPlans.actsOn.kinds.none') },
              ...(options?.kinds ?? []).map((k) => ({
                value: k,
                label: t(`actionPlans.actsOn.kinds.${k}`),
              })),
            ]}
          />
          {kind && (
            <SelectField
              label={t(`actionPlans.actsOn.valueLabel.${kind}`)}
              value={value}
              onValue={(v) => onChange(kind, v)}
              options={[
                // the value as stored when the lists do not offer it
                ...(choices.some(([v]) => v === value) ? [] : [{ value, label: value }]),
                ...choices.map(([v, label]) => ({ value: v, label })),
              ]}
            />
          )}
        </>
      )}
    </FieldGroup>
  );
}
