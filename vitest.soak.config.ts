import { defineConfig } from 'vitest/config';

// `npm run test:soak`: long runs, not in CI.
export default defineConfig({
  test: {
    include: ['test/resilience/soak/**/*.soak.ts'],
    setupFiles: ['packages/domain/src/zod-locale.ts'],
    testTimeout: 24 * 3600_000,
    hookTimeout: 120_000,
  },
});
