/**
 * Providers (leverandører) in the register: how a name is matched and a CVR number checked.
 * Pure: no I/O.
 */

/** How a provider's name or another spelling of it is matched: case and surrounding spaces aside. */
export function providerKey(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLocaleLowerCase('da-DK');
}

const CVR_WEIGHTS = [2, 7, 6, 5, 4, 3, 2, 1] as const;

/**
 * Whether `text` is a CVR number: eight digits, the first not 0, whose weighted sum (weights
 * 2 7 6 5 4 3 2 1) is divisible by 11 (the modulus 11 rule of the Central Business Register).
 */
export function isValidCvr(text: string): boolean {
  if (!/^[1-9]\d{7}$/.test(text)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i += 1) sum += Number(text[i]) * (CVR_WEIGHTS[i] ?? 0);
  return sum % 11 === 0;
}

/** The providers named by the cases' interventions, one per name (`providerKey`), first spelling kept. */
export function distinctProviders(
  cases: readonly { interventions: readonly { provider: { name: string; external: boolean } }[] }[],
): { name: string; external: boolean }[] {
  const found = new Map<string, { name: string; external: boolean }>();
  for (const c of cases)
    for (const i of c.interventions)
      if (!found.has(providerKey(i.provider.name)))
        found.set(providerKey(i.provider.name), { ...i.provider });
  return [...found.values()];
}
