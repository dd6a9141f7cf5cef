import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import path from "node:path";
import { ROOT_DIR } from "../../lib/config.ts";

// Upstate as `npm start` runs it (the production build, scripts/start.ts), in a child process
// whose output a test reads: for what only a whole running server shows.

export type Upstate = {
  waitFor: (pattern: RegExp) => Promise<void>;
  output: () => string;
  stop: () => Promise<void>;
  /**
   * Sends `signal` to the server and its wrapper, and waits for them to end: tsx runs the script
   * in a child process of its own, so signalling the wrapper alone would leave the server running
   * (a SIGKILL is not relayed). Only for a server started with `{ processGroup: true }`.
   */
  kill: (signal: NodeJS.Signals) => Promise<void>;
};

const running = new Set<ChildProcess>();

/** Stops every server still running (for afterAll). */
export async function stopAllUpstates(): Promise<void> {
  for (const child of running) {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      await once(child, "exit");
    }
  }
  running.clear();
}

/**
 * Starts Upstate with `env` (and no demo data, no maintenance scheduler unless asked for). With
 * `processGroup`, in a process group of its own, which `kill` signals whole.
 */
export function startUpstate(env: Record<string, string>, options: { processGroup?: boolean } = {}): Upstate {
  const child = spawn(process.execPath, [path.join(ROOT_DIR, "node_modules/tsx/dist/cli.mjs"), "scripts/start.ts"], {
    cwd: ROOT_DIR,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: "production",
      SEED_DEMO: "0",
      HOST: "127.0.0.1",
      NEXTAUTH_SECRET: "outage-test-secret",
      UPSTATE_SCHEDULER: "0",
      ...env,
    },
    detached: options.processGroup ?? false,
  });
  running.add(child);
  let output = "";
  child.stdout.on("data", (d: Buffer) => (output += d));
  child.stderr.on("data", (d: Buffer) => (output += d));
  const ended = () => child.exitCode !== null || child.signalCode !== null;
  return {
    output: () => output,
    waitFor: (pattern) =>
      until(() => {
        if (child.exitCode !== null) throw new Error(`Upstate exited (${child.exitCode}):\n${output}`);
        return pattern.test(output);
      }, `the output matches ${pattern}\n${output}`),
    stop: async () => {
      if (!ended()) {
        child.kill("SIGTERM");
        await once(child, "exit");
      }
      running.delete(child);
    },
    kill: async (signal) => {
      if (!options.processGroup || child.pid === undefined)
        throw new Error("kill needs a server started with { processGroup: true }");
      const exited = ended() ? Promise.resolve() : once(child, "exit");
      process.kill(-child.pid, signal);
      await exited;
      running.delete(child);
    },
  };
}

/** Waits until `condition` holds, checking every 200 ms. */
export async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
