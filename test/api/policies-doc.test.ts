import { readFile, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import {
  MATRIX_END,
  MATRIX_START,
  roleActionMatrixMarkdown,
} from '../../src/server/policies/matrix-doc';

const DOC = 'docs/security.md';

describe('docs/security.md', () => {
  it('shows the role × action matrix exactly as the policy grants it', async () => {
    const text = await readFile(DOC, 'utf8');
    const start = text.indexOf(MATRIX_START);
    const end = text.indexOf(MATRIX_END);
    expect(start, 'the matrix markers are missing').toBeGreaterThanOrEqual(0);
    const current = text.slice(start, end + MATRIX_END.length);
    const wanted = roleActionMatrixMarkdown();
    if (process.env.UPDATE_SECURITY_DOC && current !== wanted) {
      await writeFile(DOC, text.replace(current, wanted));
      return;
    }
    expect(current).toBe(wanted);
  });
});
