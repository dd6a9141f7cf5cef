import { type ChildProcess, execFile, spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { ROOT_DIR } from "../../lib/config.ts";
import { freePort } from "../../lib/db/embedded.ts";

// A real Varnish (Debian's `varnish` package) for tests and the edge benchmark, running the VCL
// shipped in deploy/varnish/ with its backend pointed at a local port.

export const VCL_FILE = path.join(ROOT_DIR, "deploy/varnish/upstate.vcl");

/** Whether varnishd is installed; under CI (or REQUIRE_BROWSER_TESTS=1) its absence is an error. */
export function varnishAvailable(): boolean {
  const found = spawnSync("varnishd", ["-V"], { stdio: "ignore" }).status === 0;
  if (!found && (process.env.CI === "true" || process.env.REQUIRE_BROWSER_TESTS === "1")) {
    throw new Error("varnishd is not installed: the edge tests need Debian's `varnish` package (.ci/run installs it).");
  }
  return found;
}

/** The shipped VCL with its backend's port replaced: the deployment's file, not a copy of it. */
export async function vclFor(backendPort: number): Promise<string> {
  const vcl = await readFile(VCL_FILE, "utf8");
  const filled = vcl.replace('.port = "3000";', `.port = "${backendPort}";`);
  if (filled === vcl) throw new Error(`${VCL_FILE} no longer declares its backend with .port = "3000"`);
  return filled;
}

export type RunningVarnish = {
  port: number;
  url: string;
  /** Varnish's counters (`varnishstat -1 -j`), by name (`MAIN.cache_hit`). */
  counters: () => Promise<Record<string, number>>;
  stop: () => Promise<void>;
};

export async function startVarnish(options: { backendPort: number; vcl?: string; memory?: string }): Promise<RunningVarnish> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "upstate-varnish-"));
  const vclFile = path.join(dir, "upstate.vcl");
  await writeFile(vclFile, options.vcl ?? (await vclFor(options.backendPort)));
  const port = await freePort();
  const workDir = path.join(dir, "work");
  // -F: in the foreground, so that stopping this process stops Varnish; -j none: no privilege
  // drop to the varnish user, who could not enter a root-owned temporary folder.
  const child: ChildProcess = spawn(
    "varnishd",
    [
      "-F",
      "-j",
      "none",
      "-n",
      workDir,
      "-a",
      `127.0.0.1:${port}`,
      "-f",
      vclFile,
      "-s",
      `malloc,${options.memory ?? "64m"}`,
      "-T",
      "none",
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  child.stdout?.on("data", (data: Buffer) => (output += data));
  child.stderr?.on("data", (data: Buffer) => (output += data));
  const deadline = Date.now() + 30_000;
  while (!output.includes("Child launched OK")) {
    if (child.exitCode !== null) throw new Error(`varnishd exited (${child.exitCode}):\n${output}`);
    if (Date.now() > deadline) throw new Error(`varnishd did not start within 30 s:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    counters: async () => {
      const { stdout } = await promisify(execFile)("varnishstat", ["-n", workDir, "-1", "-j"]);
      const parsed = JSON.parse(stdout) as { counters?: Record<string, { value: number }> } & Record<string, unknown>;
      // varnishstat 7 nests the counters under "counters"; older ones put them at the top.
      const entries = parsed.counters ?? (parsed as unknown as Record<string, { value: number }>);
      return Object.fromEntries(
        Object.entries(entries).flatMap(([name, counter]) =>
          typeof counter === "object" && counter && "value" in counter ? [[name, Number(counter.value)]] : [],
        ),
      );
    },
    stop: async () => {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        await once(child, "exit");
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}
