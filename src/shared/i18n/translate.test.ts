import { describe, expect, it } from 'vitest';
import { resources, translate } from './translate';

function keys(node: unknown, prefix = ''): string[] {
  if (typeof node !== 'object' || node === null) return [prefix];
  return Object.entries(node).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe('translation files', () => {
  it('have the same keys in Danish and English', () => {
    expect(keys(resources.en).sort()).toEqual(keys(resources.da).sort());
  });

  it('fill placeholders', () => {
    expect(translate('errors.too_many_attempts', { minutes: 15 })).toBe(
      'For mange mislykkede forsøg. Vent 15 min., og prøv igen.',
    );
    expect(translate('errors.too_many_attempts', { minutes: 15 }, 'en')).toContain('Wait 15 min.');
  });
});
