import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/support/global-database.ts"],
    // Two cores: forks keep mongoose state per file without oversubscribing.
    pool: "forks",
    maxWorkers: 2,
    // Time limits catch a test that hangs; they are no speed targets (those live in bench/). Generous,
    // so the suite passes on a 2-core machine with the other core busy.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
