import type dns from "node:dns";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWebhookReceiver, type WebhookReceiver } from "../../tests/support/webhook-receiver.ts";
import { addressProblem, safePost, urlProblem } from "./safe-post.ts";

const strict = { allowPrivate: false };
const lax = { allowPrivate: true };

/** A resolver that answers `address` for every name, as a rebinding DNS server would. */
const resolvingTo = (address: string): typeof dns.lookup =>
  ((_host: string, _options: unknown, callback: (error: null, addresses: dns.LookupAddress[]) => void) =>
    callback(null, [{ address, family: address.includes(":") ? 6 : 4 }])) as unknown as typeof dns.lookup;

let receiver: WebhookReceiver;
beforeAll(async () => {
  receiver = await startWebhookReceiver();
});
afterAll(() => receiver.close());

describe("webhook targets", () => {
  it("must be https, with no credentials, and not a loopback name", () => {
    expect(urlProblem("http://hooks.example.com/x", strict)).toMatch(/https/);
    expect(urlProblem("ftp://hooks.example.com/x", strict)).toMatch(/https/);
    expect(urlProblem("https://user:pw@hooks.example.com/x", strict)).toMatch(/user name/);
    expect(urlProblem("https://localhost/x", strict)).toBeTruthy();
    expect(urlProblem("https://api.localhost/x", strict)).toBeTruthy();
    expect(urlProblem("not a url", strict)).toMatch(/full URL/);
    expect(urlProblem("https://hooks.example.com/x", strict)).toBeNull();
    // The setting for tests and internal deployments allows plain http and private hosts.
    expect(urlProblem("http://127.0.0.1:9/x", lax)).toBeNull();
  });

  it("refuse loopback, private, link-local, multicast and metadata addresses, also inside IPv6", () => {
    for (const address of [
      "127.0.0.1",
      "10.1.2.3",
      "172.16.0.1",
      "192.168.1.1",
      "100.64.0.1",
      "::1",
      "fd00::1",
      "::ffff:10.0.0.1",
      "::ffff:a00:1",
      "64:ff9b::a00:1",
    ]) {
      expect(addressProblem(address, strict), address).toMatch(/private or loopback/);
      expect(addressProblem(address, lax), address).toBeNull();
    }
    for (const address of [
      "169.254.169.254",
      "0.0.0.0",
      "224.0.0.1",
      "255.255.255.255",
      "fe80::1",
      "ff02::1",
      "::",
      "::ffff:169.254.169.254",
    ]) {
      // Even where private addresses are allowed: nothing legitimate lives there.
      expect(addressProblem(address, lax), address).toMatch(/reserved, link-local or multicast/);
    }
    for (const address of ["93.184.216.34", "2606:4700:4700::1111", "8.8.8.8"])
      expect(addressProblem(address, strict)).toBeNull();
    expect(urlProblem("https://169.254.169.254/latest/meta-data", lax)).toBeTruthy();
    expect(urlProblem("https://[::1]/x", strict)).toBeTruthy();
    expect(urlProblem("https://10.0.0.1/x", strict)).toBeTruthy();
  });

  it("check the address a name resolves to when connecting, so DNS rebinding fails", async () => {
    const result = await safePost("https://hooks.example.com/x", "{}", {}, { ...strict, lookup: resolvingTo("10.0.0.5") });
    expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/Refused: 10\.0\.0\.5 is a private/) });
    const metadata = await safePost("https://hooks.example.com/x", "{}", {}, { ...lax, lookup: resolvingTo("169.254.169.254") });
    expect(metadata).toMatchObject({ ok: false, error: expect.stringMatching(/Refused: 169\.254\.169\.254/) });
  });

  it("never follow a redirect, and give up on an endpoint that does not answer", async () => {
    receiver.behaviour.set("/moved", 302);
    const moved = await safePost(receiver.url("/moved"), "{}", {}, lax);
    expect(moved).toMatchObject({ ok: false, status: 302 });
    expect(receiver.received.filter((r) => r.path === "/moved")).toHaveLength(1);
    receiver.behaviour.set("/slow", "hang");
    const slow = await safePost(receiver.url("/slow"), "{}", {}, { ...lax, timeoutMs: 300 });
    expect(slow).toMatchObject({ ok: false, error: expect.stringMatching(/did not answer/) });
    const fine = await safePost(receiver.url("/fine"), '{"a":1}', { "x-test": "1" }, lax);
    expect(fine).toEqual({ ok: true, status: 204 });
    expect(receiver.received.find((r) => r.path === "/fine")?.body).toBe('{"a":1}');
    // Without the setting, the same local receiver is refused before any request is made.
    expect(await safePost(receiver.url("/never"), "{}", {}, strict)).toMatchObject({ ok: false });
    expect(receiver.received.some((r) => r.path === "/never")).toBe(false);
  });
});
