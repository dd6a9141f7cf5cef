import { describe, expect, it } from "vitest";
import { buildBadgeSvg } from "./badge.ts";
import { buildEmbedScript } from "./embed-script.ts";

describe("buildBadgeSvg", () => {
  it("shows the overall status in its colour, readable by screen readers", () => {
    const svg = buildBadgeSvg({ status: { indicator: "major", description: "Partial System Outage" } });
    expect(svg).toContain('aria-label="status: Partial System Outage"');
    expect(svg).toContain("<title>status: Partial System Outage</title>");
    expect(svg).toContain('fill="#e8590c"');
  });

  it("grows with its text and escapes it", () => {
    const short = buildBadgeSvg({ status: { indicator: "none", description: "OK" } });
    const long = buildBadgeSvg({ status: { indicator: "none", description: "All Systems Operational" }, label: "<a&b>" });
    const width = (svg: string) => Number(/width="(\d+)"/.exec(svg)?.[1]);
    expect(width(long)).toBeGreaterThan(width(short));
    expect(long).toContain("&lt;a&amp;b&gt;");
    expect(long).not.toContain("<a&b>");
  });
});

describe("buildEmbedScript", () => {
  it("fetches the summary and links to the page at the public URL, path prefix kept", () => {
    const script = buildEmbedScript({ publicBase: "https://example.com/status" });
    expect(script).toContain('"https://example.com/status/api/v2/summary.json"');
    expect(script).toContain('"https://example.com/status/"');
  });

  it("is valid JavaScript, and puts untrusted text in with textContent only", () => {
    const script = buildEmbedScript({ publicBase: "https://example.com/\u2028x" });
    expect(() => new Function(script)).not.toThrow();
    expect(script).not.toContain("innerHTML");
  });
});
