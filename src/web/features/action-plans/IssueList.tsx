import { useTranslation } from 'react-i18next';
import type { PlanIssueOut } from '../../../shared/schemas/action-plan';

/** The plan's issues: errors (block activation) and warnings, in Danish. */
export function IssueList({ issues, title }: { issues: PlanIssueOut[]; title?: string }) {
  const { t } = useTranslation();
  if (issues.length === 0) return null;
  return (
    <section className="alert alert-warning" aria-labelledby="ap-issues-title">
      <h2 id="ap-issues-title" className="ap-h3">
        {title ?? t('actionPlans.issues.title')}
      </h2>
      <ul>
        {issues.map((issue) => (
          <li key={`${issue.code}:${issue.path}`}>{issue.message}</li>
        ))}
      </ul>
    </section>
  );
}
