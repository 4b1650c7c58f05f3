import { defineConfig } from 'vitest/config';

// CI_REPORT=<file> adds a JSON report that .ci/run sums into its closing line.
const report = process.env.CI_REPORT;

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    env: { TZ: 'Europe/Copenhagen' },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: report ? ['default', ['json', { outputFile: report }]] : ['default'],
  },
});
