/**
 * Resolves once `url` answers 2xx; rejects after `timeoutMs`, or at once when `exited()` says the
 * server process has gone.
 */
export async function waitForServer(url: string, options: { timeoutMs?: number; exited?: () => boolean } = {}): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 120_000;
  const deadline = Date.now() + timeoutMs;
  while (true) {
    if (options.exited?.()) throw new Error(`the server exited before ${url} answered`);
    const ok = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 300));
  }
}
