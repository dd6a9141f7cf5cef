import { describe, expect, it } from "vitest";
import { adminCallbackPath, isAcceptableCallbackUrl, isSafeCallbackUrl, sameSiteRedirect } from "./safe-callback-url.ts";

const site = "https://status.example.com";

describe("callback URLs", () => {
  it("accepts paths on this site and URLs with its origin", () => {
    for (const ok of ["/admin", "/status/admin/sign-in?x=1", `${site}/admin`, `${site}`]) {
      expect(isSafeCallbackUrl(ok, site), ok).toBe(true);
    }
  });

  it("refuses other hosts, other schemes, junk and what browsers read differently", () => {
    for (const bad of [
      "//evil.com",
      "/\\evil.com",
      "https://evil.com/admin",
      "https://status.example.com.evil.com/",
      "javascript:alert(1)",
      "data:text/html,x",
      "admin",
      "%E0%A4%A",
      "/admin\n/x",
      `/${"a".repeat(3000)}`,
      "",
      42,
      undefined,
    ]) {
      expect(isSafeCallbackUrl(bad, site), String(bad).slice(0, 40)).toBe(false);
    }
  });

  it("hands next-auth only paths and http(s) URLs, which its redirect callback then keeps on the site", () => {
    for (const ok of ["/admin", "//evil.com", "https://evil.com/x", "http://127.0.0.1:3000/admin"]) {
      expect(isAcceptableCallbackUrl(ok), ok).toBe(true);
    }
    for (const bad of ["javascript:alert(1)", "not a url", "%E0%A4%A", "/\\evil.com", `/${"a".repeat(3000)}`, "", null]) {
      expect(isAcceptableCallbackUrl(bad), String(bad).slice(0, 40)).toBe(false);
    }
  });

  it("redirects only within the site, and never throws", () => {
    expect(sameSiteRedirect({ url: "/admin/sign-in", baseUrl: site })).toBe(`${site}/admin/sign-in`);
    expect(sameSiteRedirect({ url: `${site}/x`, baseUrl: site })).toBe(`${site}/x`);
    expect(sameSiteRedirect({ url: "//evil.com", baseUrl: site })).toBe(site);
    expect(sameSiteRedirect({ url: "not a url", baseUrl: site })).toBe(site);
    expect(sameSiteRedirect({ url: "/x", baseUrl: "nonsense" })).toBe("/");
  });

  it("keeps a sign-in's deep link to an admin page, and nothing else", () => {
    for (const [asked, kept] of [
      ["/admin/incidents/abc123", "/admin/incidents/abc123"],
      ["/admin/incidents/abc123?tab=updates#u1", "/admin/incidents/abc123?tab=updates#u1"],
      ["/admin", "/admin"],
      ["/admin/maintenance/x/./y", "/admin/maintenance/x/y"],
    ]) {
      expect(adminCallbackPath(asked), asked).toBe(kept);
    }
    for (const bad of [
      "//evil.com",
      "//evil.com/admin",
      "/\\evil.com",
      "/admin\\..\\..\\evil.com",
      "https://evil.com/admin",
      "http://evil.com",
      "%2F%2Fevil.com",
      "/%2F%2Fevil.com",
      "/%5Cevil.com",
      "/admin%2F..%2F..%2Fevil",
      "/admin/../evil",
      "/admin/%2e%2e/evil",
      "/administrator",
      "/admin/sign-in?callbackUrl=/admin",
      "/admin\t/x",
      "/\tevil.com",
      "javascript:alert(1)",
      "",
      undefined,
      ["/admin/x"],
    ]) {
      expect(adminCallbackPath(bad), String(bad)).toBe("/admin");
    }
  });
});
