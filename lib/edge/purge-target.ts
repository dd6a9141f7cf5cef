// Where Upstate purges the edge cache, from EDGE_PURGE (README: "Running at scale"):
//   varnish://host:port[,host:port]   each Varnish gets a `BAN` by tag (deploy/varnish/upstate.vcl)
//   fastly://<service_id>             Fastly's batch purge by surrogate key (FASTLY_API_TOKEN)
//   cloudflare://<zone_id>            Cloudflare's purge_cache by tags (CLOUDFLARE_API_TOKEN)
// EDGE_PURGE_API_URL replaces the Fastly or Cloudflare API's origin: for tests, which point it at
// a local server that checks each request against the documented API.

export type VarnishAddress = { host: string; port: number };

export type PurgeTarget =
  | { kind: "varnish"; addresses: VarnishAddress[] }
  | { kind: "fastly"; serviceId: string; token: string; apiOrigin: string }
  | { kind: "cloudflare"; zoneId: string; token: string; apiOrigin: string };

export class PurgeTargetError extends Error {}

const FASTLY_API = "https://api.fastly.com";
const CLOUDFLARE_API = "https://api.cloudflare.com";

/** The purge target the environment configures, or null when the edge is not purged. */
export function parsePurgeTarget(env: Record<string, string | undefined> = process.env): PurgeTarget | null {
  const raw = env.EDGE_PURGE?.trim();
  if (!raw) return null;
  const scheme = /^([a-z]+):\/\/(.*)$/.exec(raw);
  if (!scheme) {
    throw new PurgeTargetError(
      `EDGE_PURGE must be varnish://host:port, fastly://<service id> or cloudflare://<zone id>, not "${raw}".`,
    );
  }
  const [, kind, rest] = scheme as unknown as [string, string, string];
  const apiOrigin = (fallback: string) => apiOriginOf(env.EDGE_PURGE_API_URL, fallback);
  if (kind === "varnish") return { kind, addresses: rest.split(",").map((address) => varnishAddress(address.trim(), raw)) };
  if (kind === "fastly") {
    return {
      kind,
      serviceId: identifier(rest, "a Fastly service id"),
      token: token(env, "FASTLY_API_TOKEN"),
      apiOrigin: apiOrigin(FASTLY_API),
    };
  }
  if (kind === "cloudflare") {
    return {
      kind,
      zoneId: identifier(rest, "a Cloudflare zone id"),
      token: token(env, "CLOUDFLARE_API_TOKEN"),
      apiOrigin: apiOrigin(CLOUDFLARE_API),
    };
  }
  throw new PurgeTargetError(`EDGE_PURGE's scheme must be varnish, fastly or cloudflare, not "${kind}".`);
}

/** Where the purges go, for people: never the token. */
export function describePurgeTarget(target: PurgeTarget): string {
  if (target.kind === "varnish") return `Varnish at ${target.addresses.map(({ host, port }) => `${host}:${port}`).join(", ")}`;
  if (target.kind === "fastly") return `Fastly service ${target.serviceId}`;
  return `Cloudflare zone ${target.zoneId}`;
}

function varnishAddress(address: string, raw: string): VarnishAddress {
  const match = /^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+):([0-9]{1,5})\/?$/.exec(address);
  const port = Number(match?.[2]);
  if (!match || port < 1 || port > 65535) {
    throw new PurgeTargetError(
      `EDGE_PURGE lists Varnish addresses as host:port, comma-separated: "${address}" in "${raw}" is not one.`,
    );
  }
  return { host: match[1]!, port };
}

function identifier(value: string, what: string): string {
  const id = value.replace(/\/$/, "");
  if (!/^[A-Za-z0-9]{1,64}$/.test(id))
    throw new PurgeTargetError(`EDGE_PURGE must name ${what} (letters and digits), not "${value}".`);
  return id;
}

function token(env: Record<string, string | undefined>, name: string): string {
  const value = env[name]?.trim();
  if (!value)
    throw new PurgeTargetError(`EDGE_PURGE names ${name.startsWith("FASTLY") ? "Fastly" : "Cloudflare"}: set ${name} too.`);
  return value;
}

function apiOriginOf(override: string | undefined, fallback: string): string {
  if (!override) return fallback;
  try {
    return new URL(override).origin;
  } catch {
    throw new PurgeTargetError(`EDGE_PURGE_API_URL is not a URL: "${override}".`);
  }
}
