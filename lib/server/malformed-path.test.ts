import { describe, expect, it } from "vitest";
import { hasMalformedPath } from "./malformed-path.ts";

describe("hasMalformedPath", () => {
  it("finds percent-encoding in the path that does not decode, and ignores the query", () => {
    for (const bad of ["/api/auth/signout%E0", "/incidents/%E0%A4%A", "/api/%", "/a%zz"])
      expect(hasMalformedPath(bad), bad).toBe(true);
    for (const ok of ["/", "/incidents/abc", "/caf%C3%A9", "/api/auth/signout?callbackUrl=%E0%A4%A", undefined]) {
      expect(hasMalformedPath(ok), String(ok)).toBe(false);
    }
  });
});
