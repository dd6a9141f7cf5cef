import { describe, expect, it } from "vitest";
import { INDICATORS } from "@/lib/components/overall-status.ts";
import { statusFaviconUri, statusTitle } from "./status-favicon.ts";

describe("the tab's status", () => {
  it("gives each indicator its own icon, a valid SVG data URI", () => {
    const uris = INDICATORS.map(statusFaviconUri);
    expect(new Set(uris).size).toBe(INDICATORS.length);
    for (const uri of uris) {
      expect(uri.startsWith("data:image/svg+xml,")).toBe(true);
      const svg = decodeURIComponent(uri.slice("data:image/svg+xml,".length));
      expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"[^>]*>.*<\/svg>$/);
    }
  });

  it("prefixes the title with the status only when something is wrong", () => {
    expect(statusTitle({ indicator: "none", description: "All Systems Operational" }, "Acme")).toBe("Acme Status");
    expect(statusTitle({ indicator: "major", description: "Partial System Outage" }, "Acme")).toBe(
      "⚠ Partial System Outage · Acme Status",
    );
    expect(statusTitle({ indicator: "maintenance", description: "Service Under Maintenance" }, "Acme")).toBe(
      "🛠 Service Under Maintenance · Acme Status",
    );
  });
});
