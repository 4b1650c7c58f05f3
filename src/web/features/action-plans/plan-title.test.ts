import { describe, expect, it } from 'vitest';
import { withUnit } from './plan-title';

describe("a plan's title with its unit", () => {
  it('adds the unit to a title that does not name it', () => {
    expect(withUnit('Handleplan 2026', 'Ungeteam og efterværn')).toBe(
      'Handleplan 2026 – Ungeteam og efterværn',
    );
  });
  it('leaves a title that names its unit, and one without a unit, as it is', () => {
    expect(withUnit('Handleplan 2026 for Børnehandicap', 'børnehandicap')).toBe(
      'Handleplan 2026 for Børnehandicap',
    );
    expect(withUnit('Handleplan 2026', '')).toBe('Handleplan 2026');
    expect(withUnit('Handleplan 2026', null)).toBe('Handleplan 2026');
  });
});
