import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import path from "node:path";
import { afterAll } from "vitest";
import { ROOT_DIR } from "../../lib/config.ts";

// A production Upstate (`scripts/start.ts`) as a child process, for tests that need the real
// server: its output kept for failure messages, stopped at the end of the file at the latest.

export type UpstateProcess = {
  waitFor: (pattern: RegExp) => Promise<void>;
  output: () => string;
  stop: () => Promise<void>;
};

const running = new Set<ChildProcess>();
afterAll(async () => {
  for (const child of running) await stopChild(child);
});

async function stopChild(child: ChildProcess) {
  // One that exited on its own has no exit left to wait for.
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, "exit");
  child.kill("SIGTERM");
  await exited;
}

export function startUpstate(env: Record<string, string>): UpstateProcess {
  const child = spawn(process.execPath, [path.join(ROOT_DIR, "node_modules/tsx/dist/cli.mjs"), "scripts/start.ts"], {
    cwd: ROOT_DIR,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: "production",
      SEED_DEMO: "0",
      HOST: "127.0.0.1",
      NEXTAUTH_SECRET: "upstate-process-test-secret",
      UPSTATE_SCHEDULER: "0",
      ...env,
    },
  });
  running.add(child);
  let output = "";
  child.stdout.on("data", (d: Buffer) => (output += d));
  child.stderr.on("data", (d: Buffer) => (output += d));
  return {
    output: () => output,
    waitFor: (pattern) =>
      until(() => {
        if (child.exitCode !== null) throw new Error(`Upstate exited (${child.exitCode}):\n${output}`);
        return pattern.test(output);
      }, `the output matches ${pattern}\n${output}`),
    stop: async () => {
      await stopChild(child);
      running.delete(child);
    },
  };
}

/** Resolves once `condition` holds; throws, naming `what`, after `timeoutMs`. */
export async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
