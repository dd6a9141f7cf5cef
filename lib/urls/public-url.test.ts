import { describe, expect, it } from "vitest";
import { publicUrl, resolvePublicBase } from "./public-url.ts";

const env = (vars: Record<string, string>) => ({ env: vars });

describe("publicUrl", () => {
  it("joins a path to a public URL without a path", () => {
    expect(publicUrl({ ...env({ PUBLIC_URL: "https://status.example.com" }), path: "/incidents/abc" })).toBe(
      "https://status.example.com/incidents/abc",
    );
  });

  it("keeps the public URL's path prefix", () => {
    expect(publicUrl({ ...env({ PUBLIC_URL: "https://example.com/status" }), path: "/history.atom" })).toBe(
      "https://example.com/status/history.atom",
    );
    expect(publicUrl({ ...env({ PUBLIC_URL: "https://example.com/a/b" }), path: "api/v2/summary.json" })).toBe(
      "https://example.com/a/b/api/v2/summary.json",
    );
  });

  it.each(["https://example.com/status/", "https://example.com/status//", "https://example.com//status/"])(
    "never doubles a slash with a trailing or repeated slash in %s",
    (base) => {
      const url = publicUrl({ ...env({ PUBLIC_URL: base }), path: "//incidents//abc" });
      expect(url).toBe("https://example.com/status/incidents/abc");
      expect(url.replace("https://", "")).not.toContain("//");
    },
  );

  it("gives the base itself for an empty path, as Statuspage's page.url reads", () => {
    expect(publicUrl(env({ PUBLIC_URL: "https://example.com/status/" }))).toBe("https://example.com/status");
    expect(publicUrl(env({ PUBLIC_URL: "https://status.example.com/" }))).toBe("https://status.example.com");
    expect(publicUrl({ ...env({ PUBLIC_URL: "https://status.example.com" }), path: "/" })).toBe("https://status.example.com/");
  });

  it("keeps a non-default port and drops a default one", () => {
    expect(publicUrl({ ...env({ PUBLIC_URL: "https://example.com:8443/status" }), path: "/badge.svg" })).toBe(
      "https://example.com:8443/status/badge.svg",
    );
    expect(publicUrl({ ...env({ PUBLIC_URL: "https://example.com:443" }), path: "/badge.svg" })).toBe(
      "https://example.com/badge.svg",
    );
    expect(publicUrl({ ...env({ PUBLIC_URL: "http://example.com:80/" }), path: "/x" })).toBe("http://example.com/x");
  });

  it("keeps a query string on the path intact", () => {
    expect(publicUrl({ ...env({ PUBLIC_URL: "https://example.com/status/" }), path: "/history?page=2&c=a//b" })).toBe(
      "https://example.com/status/history?page=2&c=a//b",
    );
  });

  it("prefers the page settings' public URL over PUBLIC_URL", () => {
    expect(
      publicUrl({ pagePublicUrl: "https://status.acme.test/s", env: { PUBLIC_URL: "https://internal:8080" }, path: "/x" }),
    ).toBe("https://status.acme.test/s/x");
  });

  it("falls back to http://localhost:$PORT, and to port 3000", () => {
    expect(publicUrl({ env: { PORT: "4123" }, path: "/x" })).toBe("http://localhost:4123/x");
    expect(publicUrl({ env: {}, path: "/x" })).toBe("http://localhost:3000/x");
    expect(publicUrl({ pagePublicUrl: "  ", env: { PUBLIC_URL: "" }, path: "/x" })).toBe("http://localhost:3000/x");
  });

  it("lower-cases the host and drops a stray query or fragment from the base", () => {
    expect(resolvePublicBase({ env: { PUBLIC_URL: "https://Status.Example.COM/Status?x=1#top" } })).toBe(
      "https://status.example.com/Status",
    );
  });

  it("takes nothing from the request: a different Host or X-Forwarded-Host cannot leak in", () => {
    // The function has no request input at all; the environment a server runs with (its own
    // host and port) loses to the configured public URL.
    const url = publicUrl({
      pagePublicUrl: "https://status.example.com/acme",
      env: { PUBLIC_URL: "http://10.0.0.5:3000", PORT: "3000", HOST: "10.0.0.5" },
      path: "/incidents/abc",
    });
    expect(url).toBe("https://status.example.com/acme/incidents/abc");
    expect(url).not.toMatch(/10\.0\.0\.5|:3000/);
  });
});
