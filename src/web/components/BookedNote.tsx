import { useTranslation } from 'react-i18next';
import { danishDate } from '../format';

/**
 * "Posteringer til og med dd.mm.yyyy" on every screen with actual spending, and one sentence
 * when the as-of date lies beyond the booked period (or mid-month): the rest is forecast.
 */
export function BookedNote(props: {
  asOf: string;
  bookedThrough: string | null;
  actualsThrough?: string | null | undefined;
}) {
  const { t } = useTranslation();
  const { asOf, bookedThrough, actualsThrough } = props;
  if (bookedThrough === null) return <p className="booked-note">{t('budget.booked.none')}</p>;
  return (
    <p className="booked-note">
      <strong>{t('budget.booked.through', { date: danishDate(bookedThrough) })}</strong>
      {asOf > bookedThrough && (
        <> {t('budget.booked.beyond', { date: danishDate(bookedThrough) })}</>
      )}
      {asOf <= bookedThrough && actualsThrough && actualsThrough < asOf && (
        <> {t('budget.booked.partMonth', { through: danishDate(actualsThrough) })}</>
      )}
    </p>
  );
}
