import { useTranslation } from 'react-i18next';
import type { ReviewState } from '../../../domain/governance/reviews';

/**
 * Where a case stands in its review schedule, in words (colour and the sign only repeat them):
 * "Over fristen med 12 dage", "Snart: frist om 5 dage", "Planlagt".
 */
export function DueState({ state, daysOverdue }: { state: ReviewState; daysOverdue: number }) {
  const { t } = useTranslation();
  if (state === 'overdue')
    return (
      <strong className="review-state review-overdue">
        <span aria-hidden="true">⚠ </span>
        {t('reviews.overdueDays', { count: daysOverdue })}
      </strong>
    );
  if (state === 'due')
    return (
      <span className="review-state review-due">
        {daysOverdue === 0
          ? t('reviews.dueToday')
          : t('reviews.dueInDays', { count: -daysOverdue })}
      </span>
    );
  return <span className="review-state">{t('reviews.states.upcoming')}</span>;
}
