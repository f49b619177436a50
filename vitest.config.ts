import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Tests load the built dist/Code.js, as Apps Script would: build it once first.
    globalSetup: ['test/support/buildOnce.ts'],
    // The script's own zone (New York) differs from the spreadsheets' zones
    // used in tests, so reading a date in the wrong zone shows.
    env: { TZ: 'America/New_York' },
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
