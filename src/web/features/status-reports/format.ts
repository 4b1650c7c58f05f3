import { oreFromKroner } from '../../../domain/money';
import { reportMillions } from '../../../domain/status-report/report';

/** `8,5 mio. kr.` from kroner, as the report states its figures. */
export const mio = (kroner: number) => reportMillions(oreFromKroner(kroner));

/** `2,13`: two decimals, Danish. */
export const twoDecimals = (n: number) =>
  new Intl.NumberFormat('da-DK', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(n);

/** The month's Danish name (`maj`). */
export const monthName = (iso: string, language = 'da') =>
  new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'da-DK', {
    month: 'long',
    timeZone: 'UTC',
  }).format(new Date(`${iso.slice(0, 10)}T12:00:00Z`));
