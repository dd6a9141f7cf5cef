import { describe, expect, it } from "vitest";
import { cacheKeyFor, declaredKey, isAffected, summaryKeys, withoutEmptySegments } from "./cache-policy.ts";

const get = (url: string, headers: Record<string, string> = {}) => cacheKeyFor({ method: "GET", url, headers });

describe("cacheKeyFor", () => {
  it("caches the public pages, API and feeds", () => {
    expect(get("/")).toBe("/");
    expect(get("/incidents/cmx0h4e3v0009xy7de7f0r0mu")).toBe("/incidents/cmx0h4e3v0009xy7de7f0r0mu");
    expect(get("/api/v2/summary.json")).toBe("/api/v2/summary.json");
    expect(get("/api/v2/incidents/unresolved.json")).toBe("/api/v2/incidents/unresolved.json");
    expect(get("/history.atom")).toBe("/history.atom");
    expect(get("/badge.svg")).toBe("/badge.svg");
  });

  it("keeps only the query parameters that change a page, in a fixed order", () => {
    expect(get("/?utm_source=x")).toBe("/");
    expect(get("/history?component=abc&page=2&junk=1")).toBe("/history?page=2&component=abc");
    expect(get("/history?page=")).toBe("/history");
  });

  it("keeps no value a page cannot have in the key: attackers do not choose the keys", () => {
    expect(get("/history?page=1")).toBe("/history");
    expect(get("/history?page=0")).toBe("/history");
    expect(get("/history?page=02")).toBe("/history");
    expect(get("/history?page=1e3")).toBe("/history");
    expect(get("/history?page=9999999")).toBe("/history");
    expect(get("/history?component=%3Cscript%3E")).toBe("/history");
    expect(get(`/history?component=${"a".repeat(41)}`)).toBe("/history");
    expect(get("/history?component=a&component=b")).toBe("/history?component=a");
  });

  it("caches the API's endpoints, never made-up paths below it", () => {
    expect(get("/api/v2/scheduled-maintenances/upcoming.json")).toBe("/api/v2/scheduled-maintenances/upcoming.json");
    expect(get("/api/v2/made-up.json")).toBeNull();
    expect(get("/api/v2/incidents/made-up.json")).toBeNull();
    expect(get("/unknown")).toBeNull();
  });

  it("does not take `//history` for the home page", () => {
    expect(get("//history")).toBeNull();
    expect(get("/incidents//abc")).toBeNull();
    expect(withoutEmptySegments("//history?page=2")).toBe("/history?page=2");
    expect(withoutEmptySegments("/a///b?next=//x")).toBe("/a/b?next=//x");
  });

  // Signed-in staff (a real session token, not any cookie named like one): staff-cookie.test.ts.
  it("never caches for writes, client navigations or other paths", () => {
    expect(cacheKeyFor({ method: "POST", url: "/", headers: {} })).toBeNull();
    expect(get("/", { rsc: "1" })).toBeNull();
    expect(get("/?_rsc=1x2")).toBeNull();
    expect(get("/admin")).toBeNull();
    expect(get("/api/auth/session")).toBeNull();
    expect(get("/incidents/../admin")).toBeNull();
  });

  it("caches an anonymous visitor with unrelated cookies", () => {
    expect(get("/", { cookie: "theme=dark" })).toBe("/");
    expect(cacheKeyFor({ method: "HEAD", url: "/", headers: {} })).toBe("/");
  });
});

describe("cacheKeyFor under a base path", () => {
  const under = (url: string) => cacheKeyFor({ method: "GET", url, headers: {} }, "/status");

  it("caches the public paths below the base path, keyed by the path the browser asks for", () => {
    expect(under("/status")).toBe("/status");
    expect(under("/status/history?page=2&x=1")).toBe("/status/history?page=2");
    expect(under("/status/incidents/abc")).toBe("/status/incidents/abc");
    expect(under("/status/api/v2/summary.json")).toBe("/status/api/v2/summary.json");
    expect(under("/status/badge.svg")).toBe("/status/badge.svg");
  });

  it("leaves everything else to the app: other paths, the redirecting slash, look-alike prefixes", () => {
    expect(under("/")).toBeNull();
    expect(under("/history")).toBeNull();
    expect(under("/status/")).toBeNull();
    expect(under("/statuses/history")).toBeNull();
    expect(under("/status/admin")).toBeNull();
  });
});

describe("summaryKeys", () => {
  it("lists the fixed public pages, under the base path", () => {
    expect(summaryKeys()).toEqual(expect.arrayContaining(["/", "/history", "/api/v2/summary.json", "/badge.svg"]));
    expect(summaryKeys("/status")).toEqual(expect.arrayContaining(["/status", "/status/history", "/status/api/v2/status.json"]));
  });
});

describe("declaredKey", () => {
  it("reads the key a history page declares, from HTML only", () => {
    const html = Buffer.from('<head><meta name="upstate-cache-key" content="/history?page=2&amp;component=x"/></head>');
    expect(declaredKey(html, "text/html; charset=utf-8")).toBe("/history?page=2&component=x");
    expect(declaredKey(html, "application/json")).toBeNull();
    expect(declaredKey(Buffer.from("<h1>/</h1>"), "text/html")).toBeNull();
  });
});

describe("isAffected", () => {
  it("drops every summary page on any change, but only the changed incidents' pages", () => {
    expect(isAffected("/", { incidentIds: ["a"] })).toBe(true);
    expect(isAffected("/api/v2/summary.json", { incidentIds: ["a"] })).toBe(true);
    expect(isAffected("/incidents/a", { incidentIds: ["a"] })).toBe(true);
    expect(isAffected("/incidents/b", { incidentIds: ["a"] })).toBe(false);
    expect(isAffected("/incidents/b", { all: true })).toBe(true);
  });

  it("tells incident pages from the API's incident lists, under a base path too", () => {
    expect(isAffected("/status/incidents/a", { incidentIds: ["a"] })).toBe(true);
    expect(isAffected("/status/incidents/b", { incidentIds: ["a"] })).toBe(false);
    expect(isAffected("/status/api/v2/incidents/unresolved.json", { incidentIds: ["a"] })).toBe(true);
    expect(isAffected("/api/v2/incidents.json", { incidentIds: ["a"] })).toBe(true);
  });
});
