import { defineConfig } from 'vitest/config';

const report = process.env.CI_REPORT;

export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    globalSetup: ['e2e/server.ts'],
    env: { TZ: 'Europe/Copenhagen' },
    testTimeout: 60_000,
    hookTimeout: 240_000,
    fileParallelism: false,
    reporters: report ? ['default', ['json', { outputFile: report }]] : ['default'],
  },
});
