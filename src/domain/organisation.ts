/** The kinds of unit a centre holds, as the municipality names them (the `units.kind` column). */
export const UNIT_KINDS = ['virksomhed', 'omraade', 'afdeling'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];
