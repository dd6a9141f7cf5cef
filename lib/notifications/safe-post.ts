import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import net from "node:net";

// Webhook URLs come from anonymous visitors, so every request to one is a chance to make this
// server reach somewhere it should not (the cloud metadata service, the database, an admin panel
// on the internal network). The address is checked when the connection is made, after DNS
// resolution, so a name that resolves to a public address when subscribing and to a private one
// later (DNS rebinding) is refused too. No redirect is ever followed.

/** Reached only with UPSTATE_WEBHOOK_ALLOW_PRIVATE=1 (tests, internal deployments). */
const privateRanges = new net.BlockList();
for (const [net4, prefix] of [
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["172.16.0.0", 12],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
] as const) {
  privateRanges.addSubnet(net4, prefix, "ipv4");
}
privateRanges.addAddress("::1", "ipv6");
privateRanges.addSubnet("fc00::", 7, "ipv6");

/** Never reached: nothing legitimate lives there, and the metadata services do. */
const forbiddenRanges = new net.BlockList();
for (const [net4, prefix] of [
  ["0.0.0.0", 8],
  ["169.254.0.0", 16],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const) {
  forbiddenRanges.addSubnet(net4, prefix, "ipv4");
}
// Cloud metadata services inside otherwise private ranges (AWS's IPv6 one, Alibaba's).
forbiddenRanges.addAddress("fd00:ec2::254", "ipv6");
forbiddenRanges.addAddress("100.100.100.200", "ipv4");
forbiddenRanges.addAddress("::", "ipv6");
// IPv4 carried in IPv6 by translation (64:ff9b:1::/48, local) and 6to4 (2002::/16): the inner
// address cannot be checked the same way everywhere, so these are never reached.
forbiddenRanges.addSubnet("64:ff9b:1::", 48, "ipv6");
forbiddenRanges.addSubnet("2002::", 16, "ipv6");
forbiddenRanges.addSubnet("fe80::", 10, "ipv6");
forbiddenRanges.addSubnet("ff00::", 8, "ipv6");
forbiddenRanges.addSubnet("2001:db8::", 32, "ipv6");

export type WebhookPolicy = {
  allowPrivate: boolean;
  /** How names are resolved (dns.lookup; tests give one that answers what they need). */
  lookup?: typeof dns.lookup;
  timeoutMs?: number;
};

export function webhookPolicy(env: Record<string, string | undefined> = process.env): WebhookPolicy {
  return { allowPrivate: env.UPSTATE_WEBHOOK_ALLOW_PRIVATE === "1" };
}

export class UnsafeTargetError extends Error {}

/** An IPv4 address carried inside an IPv6 one (::ffff:10.0.0.1, 64:ff9b::a00:1), or null. */
function embeddedIpv4(address: string): string | null {
  const lower = address.toLowerCase();
  const dotted = /^(?:::ffff:|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (dotted) return dotted[1] ?? null;
  const hex = /^(?:::ffff:|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (!hex) return null;
  const high = Number.parseInt(hex[1] ?? "0", 16);
  const low = Number.parseInt(hex[2] ?? "0", 16);
  return [high >> 8, high & 255, low >> 8, low & 255].join(".");
}

/** Why this address may not be reached, or null when it may. */
export function addressProblem(address: string, policy: WebhookPolicy): string | null {
  const family = net.isIP(address);
  if (family === 0) return `${address} is not an IP address`;
  const inner = family === 6 ? embeddedIpv4(address) : null;
  if (inner) return addressProblem(inner, policy);
  const type = family === 4 ? "ipv4" : "ipv6";
  if (forbiddenRanges.check(address, type)) return `${address} is a reserved, link-local or multicast address`;
  if (privateRanges.check(address, type) && !policy.allowPrivate) return `${address} is a private or loopback address`;
  return null;
}

/** Checks a URL's form (not yet its address): https only, unless private targets are allowed. */
export function urlProblem(text: string, policy: WebhookPolicy): string | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return "Enter a full URL, such as https://example.com/hooks/status.";
  }
  if (url.protocol !== "https:" && !(url.protocol === "http:" && policy.allowPrivate)) return "The URL must start with https://.";
  if (url.username || url.password) return "The URL may not contain a user name or password.";
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (net.isIP(host)) return addressProblem(host, policy) ? "That address cannot receive webhooks." : null;
  if (host === "localhost" || host.endsWith(".localhost")) {
    return policy.allowPrivate ? null : "That address cannot receive webhooks.";
  }
  return null;
}

const TIMEOUT_MS = 10_000;
const MAX_RESPONSE_BYTES = 64 * 1024;

export type PostResult = { ok: true; status: number } | { ok: false; status?: number; error: string };

/**
 * POSTs `body` to `url` under the rules above: resolved address checked at connect time, no
 * redirects, 10 seconds in all, the response read only up to 64 KB and then ignored.
 */
export function safePost(
  url: string,
  body: string,
  headers: Record<string, string>,
  policy: WebhookPolicy = webhookPolicy(),
): Promise<PostResult> {
  const problem = urlProblem(url, policy);
  if (problem) return Promise.resolve({ ok: false, error: problem });
  const target = new URL(url);
  const client = target.protocol === "https:" ? https : http;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: PostResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const request = client.request(
      target,
      {
        method: "POST",
        headers: { "content-type": "application/json", "user-agent": "Upstate-Webhooks/1", ...headers },
        // Every address a name resolves to is checked, and the connection goes to a checked one.
        lookup: (hostname, options, callback) => {
          (policy.lookup ?? dns.lookup)(hostname, { ...options, all: true }, (error, addresses) => {
            if (error) return callback(error, "", 4);
            const list = addresses as dns.LookupAddress[];
            const refused = list.map((entry) => addressProblem(entry.address, policy)).find(Boolean);
            if (refused || list.length === 0) {
              return callback(new UnsafeTargetError(refused ?? `${hostname} has no address`), "", 4);
            }
            const first = list[0] as dns.LookupAddress;
            if ((options as { all?: boolean }).all)
              return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, list);
            callback(null, first.address, first.family);
          });
        },
      },
      (response) => {
        const status = response.statusCode ?? 0;
        let received = 0;
        response.on("data", (chunk: Buffer) => {
          received += chunk.length;
          if (received > MAX_RESPONSE_BYTES) response.destroy();
        });
        const done = () =>
          finish(
            status >= 200 && status < 300
              ? { ok: true, status }
              : { ok: false, status, error: `The endpoint answered HTTP ${status}.` },
          );
        response.on("end", done);
        response.on("close", done);
        response.on("error", done);
      },
    );
    const timeoutMs = policy.timeoutMs ?? TIMEOUT_MS;
    const timer = setTimeout(() => {
      request.destroy();
      finish({ ok: false, error: `The endpoint did not answer within ${timeoutMs / 1000} seconds.` });
    }, timeoutMs);
    request.on("error", (error) => {
      finish({
        ok: false,
        error:
          error instanceof UnsafeTargetError
            ? `Refused: ${error.message}.`
            : `Could not reach the endpoint (${(error as NodeJS.ErrnoException).code ?? error.message}).`,
      });
    });
    request.end(body);
  });
}
