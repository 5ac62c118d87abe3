import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'packages/*/src/**/*.test.ts',
      'packages/*/test/**/*.test.ts',
      'functions/**/*.test.ts',
      'infra/test/**/*.test.ts',
      'test/**/*.test.ts',
    ],
    // The process-wide zod locale, as every entry point sets it (the domain itself has no side effects).
    setupFiles: ['packages/domain/src/zod-locale.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Integration suites start their own emulators; two cores, so keep file parallelism modest.
    maxWorkers: 2,
    // CI also writes a JSON report so .ci/run can print a plain "N passed, N failed" line.
    reporters: process.env.CI ? ['default', ['json', { outputFile: '.ci/results.json' }]] : ['default'],
  },
});
