import { useTranslation } from 'react-i18next';
import { oreFromKroner, wholeKronerAddingUp } from '../../../domain/money';
import type { StatementJson } from '../../../shared/schemas/cases';
import { ErrorMessage } from '../../components/ErrorMessage';
import { kr, krWhole, query } from '../../format';
import { useApi } from '../../use-api';

/**
 * A focus area's cost limited to a kind of provider ("eksterne leverandører"), split provider
 * by provider as the commitment statement splits it: whole kroner, largest first, adding up to
 * the total beneath them.
 */
export function ProviderSplit({
  title,
  year,
  asOf,
  group,
  kind,
}: {
  title: string;
  year: number;
  asOf: string;
  group: string;
  kind: string;
}) {
  const { t } = useTranslation();
  const { data, error } = useApi<StatementJson>(
    `/commitments/statement?${query({ year, asOf, by: 'providerName', group, kind })}`,
  );
  if (error) return <ErrorMessage error={error} />;
  if (!data || data.rows.length === 0) return null;
  const shown = wholeKronerAddingUp(
    data.rows.map((r) => oreFromKroner(r.expected)),
    oreFromKroner(data.expected.total),
  );
  const rows = data.rows
    .map((r, i) => ({ label: r.label, amount: shown[i] ?? 0 }))
    .sort((a, b) => b.amount - a.amount || a.label.localeCompare(b.label, 'da'));
  return (
    <table className="table compact rp-providers">
      <caption>{t('reports.byProviderTable', { title })}</caption>
      <thead>
        <tr>
          <th scope="col">{t('reports.providerName')}</th>
          <th scope="col" className="num">
            {t('reports.providerCost')}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.label}>
            <th scope="row">{r.label}</th>
            <td className="num">{kr(r.amount)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">{t('reports.providersTotal')}</th>
          <td className="num">{krWhole(data.expected.total)}</td>
        </tr>
      </tfoot>
    </table>
  );
}
