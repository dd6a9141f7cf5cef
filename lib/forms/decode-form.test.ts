import { describe, expect, it } from "vitest";
import { z } from "zod";
import { fieldErrorsOf } from "../../tests/support/field-errors.ts";
import {
  fieldOfPath,
  formDecoder,
  groupPrefixedFields,
  quickTime,
  readIntent,
  requireConfirmation,
  requiredWallTime,
  text,
  wallTime,
  zonedFormDecoder,
} from "./decode-form.ts";

describe("the submitted fields, as decoders read them", () => {
  it("groups `prefix:<key>` fields under their prefix and keeps the others as they are", () => {
    expect(groupPrefixedFields({ name: "Outage", "component:c1": "major_outage", "component:c2": "", "keep:c3": "on" })).toEqual({
      name: "Outage",
      "component:": { c1: "major_outage", c2: "" },
      "keep:": { c3: "on" },
    });
  });

  it("a key holding a colon after the prefix stays whole", () => {
    expect(groupPrefixedFields({ "component:a:b": "x" })).toEqual({ "component:": { "a:b": "x" } });
  });
});

describe("which form field an issue concerns", () => {
  const input = { name: "", components: [{ componentId: "c7", status: "bogus" }] };
  const lists = { components: (change: { componentId: string }) => `component:${change.componentId}` };

  it("a top-level field is itself; an issue about the whole input is the form's", () => {
    expect(fieldOfPath(["name"], input, lists)).toBe("name");
    expect(fieldOfPath([], input, lists)).toBe("form");
  });

  it("an item of a list built from prefixed fields is the field it came from", () => {
    expect(fieldOfPath(["components", 0, "status"], input, lists)).toBe("component:c7");
  });

  it("a list with no field per item, or an issue about the list itself, is the list's field", () => {
    expect(fieldOfPath(["components", 0, "status"], input)).toBe("components");
    expect(fieldOfPath(["components"], input, lists)).toBe("components");
    expect(fieldOfPath(["components", 3, "status"], input, lists)).toBe("components");
  });

  it("an entry of a prefixed group is its own field", () => {
    expect(fieldOfPath(["component:", "c2"], {})).toBe("component:c2");
  });
});

describe("a decoder", () => {
  const decode = formDecoder({
    fields: z.object({ name: text, tags: z.string().optional() }).transform(({ name, tags }) => ({
      name,
      tags: tags ? tags.split(",") : [],
    })),
    input: z.object({ name: z.string().min(1, "Enter a name."), tags: z.array(z.string().max(3, "Too long.")) }),
    lists: { tags: (tag: string) => `tag:${tag}` },
  });

  it("returns the write's input, typed, when the write's schema accepts it", () => {
    expect(decode({ name: "Billing", tags: "a,b" })).toEqual({ name: "Billing", tags: ["a", "b"] });
  });

  it("reports every rule the write's schema breaks at once, keyed by the form's field names", () => {
    expect(fieldErrorsOf(() => decode({ tags: "ok,toolong" }))).toEqual({ name: "Enter a name.", "tag:toolong": "Too long." });
  });
});

describe("a datetime-local field", () => {
  const decode = zonedFormDecoder({
    fields: ({ timeZone }) =>
      z.object({
        at: wallTime(timeZone),
        until: requiredWallTime(timeZone),
        shown: requiredWallTime(timeZone, "Enter the time to show."),
      }),
    input: z.object({ at: z.date().optional(), until: z.date({ error: "Enter when it ends." }), shown: z.date() }),
  });
  const newYork = { timeZone: "America/New_York" };

  it("is read in the page's time zone", () => {
    expect(decode({ at: "2024-07-11T16:01", until: "2024-07-11T17:00", shown: "2024-01-15T09:30" }, newYork)).toEqual({
      at: new Date("2024-07-11T20:01:00Z"),
      until: new Date("2024-07-11T21:00:00Z"),
      shown: new Date("2024-01-15T14:30:00Z"),
    });
  });

  it("empty is now when optional, the write's own message when required, or the form's when it has one", () => {
    expect(decode({ until: "2024-07-11T17:00", shown: "2024-07-11T17:00" }, newYork).at).toBeUndefined();
    expect(fieldErrorsOf(() => decode({ until: "", shown: "2024-07-11T17:00" }, newYork))).toEqual({
      until: "Enter when it ends.",
    });
    expect(fieldErrorsOf(() => decode({ until: "2024-07-11T17:00", shown: " " }, newYork))).toEqual({
      shown: "Enter the time to show.",
    });
  });

  it("refuses text that is no time, and years out of bounds, by name", () => {
    expect(
      fieldErrorsOf(() => decode({ at: "yesterday", until: "2101-01-01T00:00", shown: "2024-07-11T17:00" }, newYork)),
    ).toEqual({
      at: "Enter a date and time, such as 2024-07-11 16:01.",
      until: "Enter a date between 1970 and 2100.",
    });
  });
});

describe("a quickly typed time field", () => {
  const decode = zonedFormDecoder({
    fields: ({ timeZone }) => z.object({ at: quickTime(timeZone) }),
    input: z.object({ at: z.date().optional() }),
  });
  const newYork = { timeZone: "America/New_York" };

  it("reads full wall times in the page's zone, and relative ones from the moment the form arrives", () => {
    expect(decode({ at: "2024-07-11 16:01" }, newYork).at).toEqual(new Date("2024-07-11T20:01:00Z"));
    expect(decode({ at: "2024-07-11T16:01" }, newYork).at).toEqual(new Date("2024-07-11T20:01:00Z"));
    expect(decode({ at: "" }, newYork).at).toBeUndefined();
    const before = Date.now();
    const at = decode({ at: "-15m" }, newYork).at!.getTime();
    expect(at).toBeGreaterThanOrEqual(before - 15 * 60_000);
    expect(at).toBeLessThanOrEqual(Date.now() - 15 * 60_000);
  });

  it("refuses what names no time, and years out of bounds, by name", () => {
    expect(fieldErrorsOf(() => decode({ at: "soon" }, newYork))).toEqual({
      at: "Enter a time such as now, -15m, 16:01 or 2024-07-11 16:01.",
    });
    expect(fieldErrorsOf(() => decode({ at: "2101-01-01 00:00" }, newYork))).toEqual({
      at: "Enter a date between 1970 and 2100.",
    });
  });
});

describe("the pressed button and the confirmation box", () => {
  it("reads the intent among those the form has, falling back to its main button or refusing", () => {
    expect(readIntent({ intent: "delete" }, ["save", "delete"], { fallback: "save" })).toBe("delete");
    expect(readIntent({}, ["save", "delete"], { fallback: "save" })).toBe("save");
    expect(() => readIntent({ intent: "explode" }, ["start", "complete"], { refusal: "Choose what to do." })).toThrow(
      "Choose what to do.",
    );
  });

  it("refuses a deletion whose box is not ticked, next to the box", () => {
    expect(() => requireConfirmation({ confirm: "yes" }, "Confirm the deletion first.")).not.toThrow();
    expect(fieldErrorsOf(() => requireConfirmation({}, "Confirm the deletion first."))).toEqual({
      confirm: "Tick this box to confirm.",
    });
  });
});
