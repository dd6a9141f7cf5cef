import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { chmod, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { ROOT_DIR } from "../../lib/config.ts";
import { freePort } from "../../lib/db/embedded.ts";

// A real nginx (Debian's `nginx` package) for tests, balancing Upstate instances with the
// configuration shipped in deploy/nginx/, its ports replaced: the deployment's file, not a copy.

export const NGINX_CONF_FILE = path.join(ROOT_DIR, "deploy/nginx/upstate.conf");

/** Whether nginx is installed; under CI (or REQUIRE_BROWSER_TESTS=1) its absence is an error. */
export function nginxAvailable(): boolean {
  const found = spawnSync("nginx", ["-v"], { stdio: "ignore" }).status === 0;
  if (!found && (process.env.CI === "true" || process.env.REQUIRE_BROWSER_TESTS === "1")) {
    throw new Error("nginx is not installed: the multi-instance test needs Debian's `nginx` package (.ci/run installs it).");
  }
  return found;
}

/**
 * deploy/nginx/upstate.conf with its upstream's instances on `instancePorts` (each port the file
 * names, in order of first appearance, becomes the next of them; the file may list an instance
 * more than once) and its `listen` on `port`. Throws when the file no longer has what this replaces.
 */
export async function nginxConfFor(options: { port: number; instancePorts: readonly number[] }): Promise<string> {
  const conf = await readFile(NGINX_CONF_FILE, "utf8");
  const server = /^(\s*server\s+127\.0\.0\.1:)(\d+)\b/gm;
  const named = [...new Set([...conf.matchAll(server)].map((match) => match[2]!))];
  if (named.length !== options.instancePorts.length) {
    throw new Error(
      `${NGINX_CONF_FILE} names ${named.length} instances (server 127.0.0.1:<port> …;), the test runs ${options.instancePorts.length}`,
    );
  }
  const filled = conf
    .replace(server, (_line, start: string, port: string) => `${start}${options.instancePorts[named.indexOf(port)]}`)
    .replace(/^(\s*listen\s+)127\.0\.0\.1:8080;/m, `$1127.0.0.1:${options.port};`);
  if (!filled.includes(`listen 127.0.0.1:${options.port};`)) {
    throw new Error(`${NGINX_CONF_FILE} no longer listens with "listen 127.0.0.1:8080;"`);
  }
  return filled;
}

/**
 * A whole nginx.conf for a test's nginx in its own folder `dir` (logs, pid, temporary files all
 * there), with `http` holding `httpBody`.
 */
export function nginxMainConf(dir: string, httpBody: string): string {
  return `worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  ${httpBody}
}
`;
}

export type RunningNginx = { port: number; url: string; errorLog: () => Promise<string>; stop: () => Promise<void> };

/** nginx in the foreground, in a temporary folder, with deploy/nginx/upstate.conf inside its `http` block. */
export async function startNginx(options: { instancePorts: readonly number[] }): Promise<RunningNginx> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "upstate-nginx-"));
  // nginx's workers run as an unprivileged user and write their temporary files here.
  await chmod(dir, 0o777);
  const port = await freePort();
  await writeFile(path.join(dir, "upstate.conf"), await nginxConfFor({ port, instancePorts: options.instancePorts }));
  const main = path.join(dir, "nginx.conf");
  await writeFile(main, nginxMainConf(dir, `include ${dir}/upstate.conf;`));
  const child: ChildProcess = spawn("nginx", ["-p", dir, "-c", main, "-g", "daemon off;"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (data: Buffer) => (output += data));
  child.stderr?.on("data", (data: Buffer) => (output += data));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  // Up once it accepts a connection (whatever the instances behind it answer).
  while (
    !(await fetch(`${url}/api/v2/status.json`).then(
      () => true,
      () => false,
    ))
  ) {
    if (child.exitCode !== null) throw new Error(`nginx exited (${child.exitCode}):\n${output}`);
    if (Date.now() > deadline) throw new Error(`nginx did not start within 30 s:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    port,
    url,
    errorLog: () => readFile(path.join(dir, "error.log"), "utf8").catch(() => ""),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        // SIGQUIT would wait for open connections; the test is done with them.
        child.kill("SIGTERM");
        await once(child, "exit");
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}
