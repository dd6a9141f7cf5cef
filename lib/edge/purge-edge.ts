import { isValidTag } from "./cache-tags.ts";
import type { PurgeTarget } from "./purge-target.ts";

// One purge of the edge by cache tags (lib/edge/cache-tags.ts), over HTTP. Throws when any part
// of it failed, with a message fit for the admin (never the token).

/** The header a Varnish `BAN` names its tags in, space-separated (deploy/varnish/upstate.vcl). */
export const VARNISH_TAGS_HEADER = "x-upstate-purge-tags";

// The documented limits per request: Fastly takes 256 keys, Cloudflare 100 tags.
const FASTLY_BATCH = 256;
const CLOUDFLARE_BATCH = 100;
const TIMEOUT_MS = 10_000;

export async function purgeEdge(target: PurgeTarget, tags: readonly string[]): Promise<void> {
  const invalid = tags.find((tag) => !isValidTag(tag));
  if (invalid !== undefined) throw new Error(`not a cache tag: "${invalid}"`);
  if (tags.length === 0) return;
  if (target.kind === "varnish") {
    const failures: string[] = [];
    await Promise.all(
      target.addresses.map(async ({ host, port }) => {
        try {
          const response = await fetch(`http://${host}:${port}/`, {
            method: "BAN",
            headers: { [VARNISH_TAGS_HEADER]: tags.join(" ") },
            signal: AbortSignal.timeout(TIMEOUT_MS),
          });
          await response.arrayBuffer();
          if (!response.ok) failures.push(`${host}:${port} answered ${response.status}`);
        } catch (error) {
          failures.push(`${host}:${port}: ${reason(error)}`);
        }
      }),
    );
    if (failures.length) throw new Error(`Varnish ban failed: ${failures.join("; ")}`);
    return;
  }
  if (target.kind === "fastly") {
    for (const batch of batches(tags, FASTLY_BATCH)) {
      await post(
        `${target.apiOrigin}/service/${target.serviceId}/purge`,
        { "fastly-key": target.token },
        { surrogate_keys: batch },
        "Fastly",
      );
    }
    return;
  }
  for (const batch of batches(tags, CLOUDFLARE_BATCH)) {
    const answer = await post(
      `${target.apiOrigin}/client/v4/zones/${target.zoneId}/purge_cache`,
      { authorization: `Bearer ${target.token}` },
      { tags: batch },
      "Cloudflare",
    );
    if ((answer as { success?: unknown } | null)?.success !== true)
      throw new Error("Cloudflare purge failed: the answer did not say success");
  }
}

async function post(url: string, auth: Record<string, string>, body: object, service: string): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { ...auth, accept: "application/json", "content-type": "application/json" },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    throw new Error(`${service} purge failed: ${reason(error)}`);
  }
  const text = await response.text();
  if (!response.ok) throw new Error(`${service} purge failed: HTTP ${response.status} ${text.slice(0, 200)}`);
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function* batches<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let start = 0; start < items.length; start += size) yield items.slice(start, start + size);
}

function reason(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: unknown }).cause;
    return cause instanceof Error ? `${error.message} (${cause.message})` : error.message;
  }
  return String(error);
}
