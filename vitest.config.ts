import os from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    tsconfigPaths: true,
    alias: { "server-only": "server-only/empty.js" },
  },
  test: {
    include: ["lib/**/*.test.ts", "tests/**/*.test.ts", "components/**/*.test.ts?(x)"],
    globalSetup: ["tests/setup/global-database.ts"],
    // Limits for a hung test, not speed requirements: on a machine shared by many, a test that
    // starts a server or a CLI took over 30 s.
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: "forks",
    // Vitest's default, one fewer than the cores, is a single file at a time on two cores; the
    // database tests spend much of their time waiting for PostgreSQL, so one file more than there
    // are cores keeps them busy. UPSTATE_TEST_WORKERS overrides it.
    maxWorkers: Number(process.env.UPSTATE_TEST_WORKERS) || os.availableParallelism() + 1,
  },
});
