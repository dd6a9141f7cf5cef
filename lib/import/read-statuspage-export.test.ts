import { describe, expect, it } from "vitest";
import { apiBaseOf } from "./read-statuspage-export.ts";

describe("apiBaseOf", () => {
  it.each([
    ["https://www.githubstatus.com", "https://www.githubstatus.com/api/v2/"],
    ["https://www.githubstatus.com/", "https://www.githubstatus.com/api/v2/"],
    ["https://example.com/status//", "https://example.com/status/api/v2/"],
    ["https://discordstatus.com/api/v2", "https://discordstatus.com/api/v2/"],
    ["http://127.0.0.1:8080/api/v2/?x=1#y", "http://127.0.0.1:8080/api/v2/"],
  ])("%s → %s", (source, expected) => {
    expect(apiBaseOf(source)).toBe(expected);
  });
});
