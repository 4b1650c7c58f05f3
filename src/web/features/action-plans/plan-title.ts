/**
 * A plan's title as users tell plans apart: two units' plans are both "Handleplan 2026", so the
 * unit follows the title unless the title already names it.
 */
export function withUnit(title: string, unitName: string | null | undefined): string {
  const unit = unitName?.trim();
  if (!unit || title.toLocaleLowerCase('da').includes(unit.toLocaleLowerCase('da'))) return title;
  return `${title} – ${unit}`;
}
