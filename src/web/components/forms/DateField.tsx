import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CheckedField, type CheckedValueProps } from './CheckedField';
import { dateProblem, dateText, dateValue } from './field-text';

/**
 * The one date entry of the app: typed the Danish way (`01.12.2026`, `1.12.2026`, `1/12-2026`)
 * or as ISO (`2026-12-01`), shown as `01.12.2026`. `value` and `onValue` speak ISO dates
 * (`''` for none); while the text is no date, the field holds the text as typed, says why
 * (`31.02.2026` does not exist) and keeps its form from being sent.
 */
export function DateField({ value, onValue, ...field }: CheckedValueProps) {
  const { t } = useTranslation();
  const [text, setText] = useState(() => dateText(value));
  // a value set from outside (a record opened for editing, a cleared form) replaces the text
  const [held, setHeld] = useState(value);
  if (value !== held) {
    setHeld(value);
    setText(dateText(value));
  }
  return (
    <CheckedField
      placeholder={t('forms.datePlaceholder')}
      size={11}
      className="field-date"
      {...field}
      text={text}
      check={dateProblem}
      onText={(next) => {
        const v = dateValue(next);
        setText(next);
        setHeld(v);
        onValue(v);
      }}
      onLeave={(left) => setText(dateText(dateValue(left)))}
    />
  );
}
