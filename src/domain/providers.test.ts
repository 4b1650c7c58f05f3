import { describe, expect, it } from 'vitest';
import { isValidCvr, providerKey } from './providers';

describe('isValidCvr', () => {
  it('accepts CVR numbers that pass modulus 11', () => {
    // Slagelse Kommune and Region Sjælland
    expect(isValidCvr('29188556')).toBe(true);
    expect(isValidCvr('29190623')).toBe(true);
  });
  it('refuses a wrong check digit, a wrong length, a leading 0 and other characters', () => {
    expect(isValidCvr('29188557')).toBe(false);
    expect(isValidCvr('2918855')).toBe(false);
    expect(isValidCvr('291885560')).toBe(false);
    expect(isValidCvr('09188556')).toBe(false);
    expect(isValidCvr('2918 8556')).toBe(false);
  });
});

describe('providerKey', () => {
  it('matches names whatever their case and spaces', () => {
    expect(providerKey('  Ærø  Familiecenter ')).toBe(providerKey('ærø familiecenter'));
    expect(providerKey('Opholdssted')).not.toBe(providerKey('Opholdssteder'));
  });
});
