import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The frame of a screen's filters: a group of fields in a row with the button that shows the
 * figures for them (pair with `useFilterForm`). `isSearch` marks a search of a list.
 */
export function FilterForm({
  onSubmit,
  legend,
  submitLabel,
  isSearch = false,
  className,
  actions,
  more,
  children,
}: {
  onSubmit: (event: FormEvent) => void;
  legend?: string;
  submitLabel?: string;
  isSearch?: boolean;
  className?: string;
  /** more buttons beside the submit button (start again, download what is shown) */
  actions?: ReactNode;
  /** fields after the button's group, e.g. ones that narrow what is shown without asking again */
  more?: ReactNode;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <form
      className={className ? `filters ${className}` : 'filters'}
      onSubmit={onSubmit}
      role={isSearch ? 'search' : undefined}
    >
      <fieldset>
        <legend>{legend ?? t('forms.filterLegend')}</legend>
        {children}
        <button type="submit" className="button-primary">
          {submitLabel ?? t('forms.show')}
        </button>
        {actions}
      </fieldset>
      {more}
    </form>
  );
}
