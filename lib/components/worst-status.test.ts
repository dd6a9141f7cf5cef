import { describe, expect, it } from "vitest";
import { worstComponentStatus } from "./worst-status.ts";

describe("worstComponentStatus", () => {
  it("is operational for an empty or healthy group", () => {
    expect(worstComponentStatus([])).toBe("operational");
    expect(worstComponentStatus(["operational", "operational"])).toBe("operational");
  });

  it("picks the worst outage whatever the order", () => {
    expect(worstComponentStatus(["major_outage", "degraded_performance", "operational"])).toBe("major_outage");
    expect(worstComponentStatus(["operational", "partial_outage", "degraded_performance"])).toBe("partial_outage");
  });

  it("ranks unplanned trouble above maintenance, and maintenance above operational", () => {
    expect(worstComponentStatus(["under_maintenance", "degraded_performance"])).toBe("degraded_performance");
    expect(worstComponentStatus(["operational", "under_maintenance"])).toBe("under_maintenance");
  });
});
