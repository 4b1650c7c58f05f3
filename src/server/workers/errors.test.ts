import { describe, expect, it } from 'vitest';
import { isConnectionLost } from '../../db/database';
import { AppError } from '../errors';
import { carryError, reviveError } from './errors';

/** Across threads an error travels as a structured clone of what `carryError` made of it. */
const acrossThreads = (error: unknown) => reviveError(structuredClone(carryError(error)));

describe('an error carried from a statement worker', () => {
  it('is the same AppError again: code, status, Danish detail and field issues', () => {
    const original = new AppError('not_found');
    const revived = acrossThreads(original);
    expect(revived).toBeInstanceOf(AppError);
    expect(revived).toMatchObject({
      code: 'not_found',
      status: 404,
      message: original.message,
      issues: [],
    });
  });

  it('keeps the SQLSTATE by which a lost database is told from a bug', () => {
    const lost = Object.assign(new Error('terminating connection due to administrator command'), {
      code: '57P01',
    });
    expect(isConnectionLost(acrossThreads(lost))).toBe(true);
    expect(isConnectionLost(acrossThreads(new Error('Connection terminated unexpectedly')))).toBe(
      true,
    );
    const notStorable = Object.assign(new Error('invalid input syntax'), { code: '22P02' });
    expect((acrossThreads(notStorable) as Error & { code?: string }).code).toBe('22P02');
  });

  it('keeps the message and where it was thrown, for the log of an unexpected error', () => {
    const revived = acrossThreads(new TypeError('x is undefined'));
    expect(revived).not.toBeInstanceOf(AppError);
    expect(revived.name).toBe('TypeError');
    expect(revived.message).toBe('x is undefined');
    expect(revived.stack).toContain('on a statement worker');
  });
});
