import { useState, type FormEvent } from 'react';

/**
 * A filter form whose fields change as the user types while the page keeps showing the
 * figures for what was last submitted: `form` is being edited, `shown` is what is asked for.
 */
export function useFilterForm<T extends Record<string, string>>(initial: T, onSubmit?: () => void) {
  const [form, setForm] = useState(initial);
  const [shown, setShown] = useState(initial);
  const set = (key: keyof T) => (value: string) => setForm((f) => ({ ...f, [key]: value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit?.();
    setShown(form);
  };
  /** both back to the start: the fields and what is shown */
  const reset = () => {
    setForm(initial);
    setShown(initial);
  };
  return { form, shown, set, submit, reset };
}
