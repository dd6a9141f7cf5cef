import os from "node:os";
import { defineConfig } from "vitest/config";

const UNIT = ["lib/**/*.test.ts", "components/**/*.test.ts?(x)"];
/**
 * Unit files that need a module registry of their own: one replaces a module (`vi.mock`), which
 * only works where nobody imported it before; one reads an environment variable its module
 * remembers.
 */
const NEEDS_ISOLATION = ["lib/markdown/markdown-failure.test.ts", "lib/import/fetch-statuspage-export.test.ts"];

const resolve = {
  tsconfigPaths: true,
  alias: { "server-only": "server-only/empty.js" },
};

/** What both projects share. Not through `extends: true`, which would run the global setup once per project too. */
const shared = {
  // Limits for a hung test, not speed requirements: on a machine shared by many, a test that
  // starts a server or a CLI took over 30 s.
  testTimeout: 120_000,
  hookTimeout: 180_000,
  pool: "forks",
  // Every test starts with the environment variables a test before it (in this file or, for the
  // unit files, another) set with `vi.stubEnv`; tests that assign process.env restore it in place
  // (tests/support/env.ts).
  unstubEnvs: true,
  setupFiles: ["tests/setup/close-databases.ts"] as string[],
} as const;

export default defineConfig({
  resolve,
  test: {
    // Once for the run; both projects read what it provides.
    globalSetup: ["tests/setup/global-database.ts"],
    // Vitest's default, one fewer than the cores, is a single file at a time on two cores; the
    // database tests spend much of their time waiting for PostgreSQL, so one file more than there
    // are cores keeps them busy. UPSTATE_TEST_WORKERS overrides it.
    maxWorkers: Number(process.env.UPSTATE_TEST_WORKERS) || os.availableParallelism() + 1,
    projects: [
      {
        // The unit and database tests of lib/ and components/ share each worker's modules instead
        // of importing them afresh for every file: importing took more CPU than the tests (lib/
        // and components/: 350 CPU-seconds isolated, 159 shared). They build their own rows and
        // restore what they change.
        resolve,
        test: { ...shared, name: "unit", include: UNIT, exclude: NEEDS_ISOLATION, isolate: false },
      },
      {
        // Servers, CLIs and deployments started for real, and the files above: one registry each.
        resolve,
        test: { ...shared, name: "integration", include: ["tests/**/*.test.ts", ...NEEDS_ISOLATION] },
      },
    ],
  },
});
