import { describe, expect, it } from "vitest";
import { readDeliverNotifications, readRemindBeforeMinutes } from "./notify-fields.ts";

describe("the Notify subscribers box and the reminder select, as the actions read them", () => {
  it("a ticked box notifies; an unticked one is absent from the form and does not", () => {
    expect(readDeliverNotifications({ deliverNotifications: "yes" })).toBe(true);
    expect(readDeliverNotifications({ message: "Fixed." })).toBe(false);
  });

  it("the reminder is minutes, null for none, and left to the default when absent", () => {
    expect(readRemindBeforeMinutes({ remindBeforeMinutes: "1440" })).toBe(1440);
    expect(readRemindBeforeMinutes({ remindBeforeMinutes: "none" })).toBeNull();
    expect(readRemindBeforeMinutes({})).toBeUndefined();
    expect(readRemindBeforeMinutes({ remindBeforeMinutes: "1e9" })).toBeNaN();
  });
});
