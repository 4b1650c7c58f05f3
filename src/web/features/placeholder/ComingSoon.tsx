import { useTranslation } from 'react-i18next';

export function ComingSoon({ titleKey }: { titleKey: string }) {
  const { t } = useTranslation();
  return (
    <>
      <h1>{t(titleKey)}</h1>
      <p>{t('dashboard.comingSoon')}</p>
    </>
  );
}
