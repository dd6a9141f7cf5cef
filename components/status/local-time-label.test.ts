import { describe, expect, it } from "vitest";
import { localTimeWords } from "./local-time-label.ts";

describe("localTimeWords", () => {
  const winter = new Date("2026-01-15T12:00:00Z");
  const summer = new Date("2026-07-15T12:00:00Z");

  it("says the page's zone is shown and offers the viewer's, each with its abbreviation", () => {
    expect(localTimeWords({ local: false, viewerZone: "Europe/Berlin", pageZone: "America/New_York", now: winter })).toEqual({
      shown: "Times in the page's zone (EST)",
      action: "Show your zone (CET)",
    });
  });

  it("after switching, says the viewer's zone is shown, with daylight-saving names in summer", () => {
    expect(localTimeWords({ local: true, viewerZone: "Europe/Berlin", pageZone: "America/New_York", now: summer })).toEqual({
      shown: "Times in your zone (CEST)",
      action: "Show page's zone (EDT)",
    });
  });
});
