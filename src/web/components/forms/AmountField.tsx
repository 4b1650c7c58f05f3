import { CheckedField, type CheckedValueProps } from './CheckedField';
import { amountProblem, tidyAmount } from './field-text';

/**
 * An amount in kroner typed the Danish way (`4.694,50`, `1.750.000`, also `4694.5`), at most
 * two decimals; written the Danish way when the field is left. `value` is the text; the form
 * sends it with `amountForApi`, which converts it through the money module (exact øre).
 */
export function AmountField({ value, onValue, ...field }: CheckedValueProps) {
  return (
    <CheckedField
      inputMode="decimal"
      className="field-amount"
      {...field}
      text={value}
      check={amountProblem}
      onText={onValue}
      onLeave={(left) => {
        const tidy = tidyAmount(left);
        if (tidy !== left) onValue(tidy);
      }}
    />
  );
}
