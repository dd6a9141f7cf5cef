import { describe, expect, it } from "vitest";
import { dayKey, daysBackFrom, formatInstant, isValidTimeZone } from "./format-instant.ts";

describe("formatInstant", () => {
  it("shows the reference postmortem's instant as WorkOS's page does", () => {
    expect(formatInstant(new Date("2024-07-19T15:57:00Z"), "America/New_York")).toBe("Jul 19, 2024 - 11:57 EDT");
    expect(formatInstant(new Date("2024-07-11T20:01:00Z"), "America/New_York")).toBe("Jul 11, 2024 - 16:01 EDT");
  });

  it("switches between EDT and EST across the daylight-saving change", () => {
    // Clocks go back at 02:00 EDT on Nov 3, 2024 (06:00 UTC).
    expect(formatInstant(new Date("2024-11-03T05:59:00Z"), "America/New_York")).toBe("Nov 3, 2024 - 01:59 EDT");
    expect(formatInstant(new Date("2024-11-03T06:00:00Z"), "America/New_York")).toBe("Nov 3, 2024 - 01:00 EST");
    // Clocks go forward at 02:00 EST on Mar 10, 2024 (07:00 UTC).
    expect(formatInstant(new Date("2024-03-10T06:59:00Z"), "America/New_York")).toBe("Mar 10, 2024 - 01:59 EST");
    expect(formatInstant(new Date("2024-03-10T07:00:00Z"), "America/New_York")).toBe("Mar 10, 2024 - 03:00 EDT");
  });

  it("uses 24-hour time with a leading zero and shows midnight as 00", () => {
    expect(formatInstant(new Date("2024-01-05T00:05:00Z"), "UTC")).toBe("Jan 5, 2024 - 00:05 UTC");
  });

  it("names zones outside North America by their own abbreviations, summer and winter", () => {
    expect(formatInstant(new Date("2024-07-11T20:01:00Z"), "Europe/Berlin")).toBe("Jul 11, 2024 - 22:01 CEST");
    expect(formatInstant(new Date("2024-01-11T20:01:00Z"), "Europe/Berlin")).toBe("Jan 11, 2024 - 21:01 CET");
    expect(formatInstant(new Date("2024-07-11T20:01:00Z"), "Europe/London")).toBe("Jul 11, 2024 - 21:01 BST");
    expect(formatInstant(new Date("2024-01-11T20:01:00Z"), "Europe/London")).toBe("Jan 11, 2024 - 20:01 GMT");
    expect(formatInstant(new Date("2024-07-11T20:01:00Z"), "Asia/Kolkata")).toBe("Jul 12, 2024 - 01:31 IST");
    expect(formatInstant(new Date("2024-07-11T20:01:00Z"), "Australia/Sydney")).toBe("Jul 12, 2024 - 06:01 AEST");
    expect(formatInstant(new Date("2024-01-11T20:01:00Z"), "Australia/Sydney")).toBe("Jan 12, 2024 - 07:01 AEDT");
  });

  it("crosses Europe's daylight-saving change on the right minute", () => {
    // Berlin springs forward at 02:00 CET on Mar 31, 2024 (01:00 UTC).
    expect(formatInstant(new Date("2024-03-31T00:59:00Z"), "Europe/Berlin")).toBe("Mar 31, 2024 - 01:59 CET");
    expect(formatInstant(new Date("2024-03-31T01:00:00Z"), "Europe/Berlin")).toBe("Mar 31, 2024 - 03:00 CEST");
  });

  it("falls back to the offset where no English name exists", () => {
    expect(formatInstant(new Date("2024-07-11T20:01:00Z"), "Asia/Tokyo")).toBe("Jul 12, 2024 - 05:01 GMT+9");
    expect(formatInstant(new Date("2024-07-11T20:01:00Z"), "America/Sao_Paulo")).toBe("Jul 11, 2024 - 17:01 GMT-3");
  });
});

describe("dayKey", () => {
  it("gives the calendar day in the page's time zone, not UTC's", () => {
    expect(dayKey(new Date("2024-07-12T02:00:00Z"), "America/New_York")).toBe("2024-07-11");
    expect(dayKey(new Date("2024-07-12T02:00:00Z"), "UTC")).toBe("2024-07-12");
  });
});

describe("isValidTimeZone", () => {
  it("accepts IANA names and refuses anything else", () => {
    expect(isValidTimeZone("America/New_York")).toBe(true);
    expect(isValidTimeZone("Mars/Olympus_Mons")).toBe(false);
    expect(isValidTimeZone("")).toBe(false);
  });
});

describe("daysBackFrom", () => {
  it("walks calendar days, across month ends and a daylight-saving change", () => {
    expect(daysBackFrom("2024-11-04", 3)).toEqual(["2024-11-04", "2024-11-03", "2024-11-02"]);
    expect(daysBackFrom("2024-03-01", 2)).toEqual(["2024-03-01", "2024-02-29"]);
  });
});
