import { afterEach, describe, expect, it, vi } from "vitest";

// next.config.js decides the security headers when it is loaded (at build), from PUBLIC_URL.
async function headersFor(publicUrl: string | undefined) {
  vi.resetModules();
  vi.stubEnv("PUBLIC_URL", publicUrl);
  // @ts-expect-error: a JavaScript file without types
  const config = (await import("../next.config.js")).default as {
    headers: () => Promise<{ source: string; headers: { key: string; value: string }[] }[]>;
  };
  const [rule] = await config.headers();
  return { source: rule!.source, headers: Object.fromEntries(rule!.headers.map((h) => [h.key.toLowerCase(), h.value])) };
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("security headers", () => {
  it("pin https with HSTS only when the public URL is https", async () => {
    expect((await headersFor("https://status.example.com")).headers["strict-transport-security"]).toBe(
      "max-age=31536000; includeSubDomains",
    );
    expect((await headersFor("http://localhost:3000")).headers["strict-transport-security"]).toBeUndefined();
    expect((await headersFor(undefined)).headers["strict-transport-security"]).toBeUndefined();
  });

  it("apply to every path, with a policy that forbids framing, plugins and foreign form targets", async () => {
    const { source, headers } = await headersFor("https://status.example.com/status");
    expect(source).toBe("/:path*");
    expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(headers["content-security-policy"]).toContain("object-src 'none'");
    expect(headers["x-content-type-options"]).toBe("nosniff");
  });
});
