import './tasks.css';
import { useTranslation } from 'react-i18next';
import type { ApprovalCatch } from '../../../domain/governance/approvals';

/** Why a rule caught a grant, in the user's words: one line per rule. */
export function CatchReasons({ reasons }: { reasons: ApprovalCatch[] }) {
  const { t } = useTranslation();
  return (
    <>
      {reasons.map((r) => (
        <span key={r.rule} className="catch-reason">
          {r.rule === 'household_several' ? (
            <>
              {t('approvals.reasons.household_several', {
                measures: r.measures,
                max: r.maxMeasures,
              })}
              {r.caseRefs.length > 0 && (
                <>
                  {' '}
                  {t('approvals.reasons.household_several_cases', { cases: r.caseRefs.join(', ') })}
                </>
              )}
            </>
          ) : (
            t('approvals.reasons.visitation_category', {
              category: t(`cases.categories.${r.category}`, { defaultValue: r.category }),
            })
          )}
        </span>
      ))}
    </>
  );
}
