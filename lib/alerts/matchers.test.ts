import { describe, expect, it } from "vitest";
import { formatMatchers, labelsMatch, MAX_REGEX_LENGTH, parseMatchers, regexProblem } from "./matchers.ts";

const parsed = (text: string) => {
  const result = parseMatchers(text);
  if ("problem" in result) throw new Error(result.problem);
  return result.matchers;
};

describe("label matchers", () => {
  it("read Alertmanager's notation, comma- or line-separated, quoted or bare", () => {
    expect(parsed('service="authkit", severity!="info"\nenv=~"prod|staging"\nteam=identity')).toEqual([
      { label: "service", op: "=", value: "authkit" },
      { label: "severity", op: "!=", value: "info" },
      { label: "env", op: "=~", value: "prod|staging" },
      { label: "team", op: "=", value: "identity" },
    ]);
  });

  it("keep commas and escaped quotes inside a quoted value", () => {
    expect(parsed('summary="a, b \\"c\\""')).toEqual([{ label: "summary", op: "=", value: 'a, b "c"' }]);
  });

  it("round-trip through their text form", () => {
    const matchers = parsed('service="authkit", env=~"prod|eu-.*", severity!="info"');
    expect(parsed(formatMatchers(matchers))).toEqual(matchers);
  });

  it("refuse what is not a matcher, naming it", () => {
    expect(parseMatchers("")).toEqual({ problem: expect.stringContaining("at least one matcher") });
    expect(parseMatchers('service=="x"')).toEqual({ problem: expect.stringContaining('service=="x"') });
    expect(parseMatchers('1abc="x"')).toEqual({ problem: expect.stringContaining("Not a matcher") });
  });

  it("refuse long, invalid and catastrophic regular expressions", () => {
    expect(regexProblem("a".repeat(MAX_REGEX_LENGTH + 1))).toMatch(/under 200/);
    expect(regexProblem("(unclosed")).toMatch(/Not a valid/);
    expect(regexProblem("(a+)+$")).toMatch(/Nested repetition/);
    expect(regexProblem("(x*)*")).toMatch(/Nested repetition/);
    expect(regexProblem("prod|staging")).toBeNull();
    expect(parseMatchers('env=~"(a+)+"')).toEqual({ problem: expect.stringContaining("Nested repetition") });
  });

  it("all have to hold; equality, inequality and anchored regexes, a missing label reading as empty", () => {
    const labels = { service: "authkit", severity: "critical", env: "prod-eu" };
    expect(labelsMatch(parsed('service="authkit", severity="critical"'), labels)).toBe(true);
    expect(labelsMatch(parsed('service="authkit", severity="warning"'), labels)).toBe(false);
    expect(labelsMatch(parsed('severity!="info"'), labels)).toBe(true);
    expect(labelsMatch(parsed('env=~"prod-.*"'), labels)).toBe(true);
    // Anchored like Alertmanager's: "prod" alone does not match "prod-eu".
    expect(labelsMatch(parsed('env=~"prod"'), labels)).toBe(false);
    expect(labelsMatch(parsed('team=""'), labels)).toBe(true);
    expect(labelsMatch(parsed('team!=""'), labels)).toBe(false);
    expect(labelsMatch([], labels)).toBe(false);
  });

  it("do not try a regex on a huge label value", () => {
    expect(labelsMatch(parsed('env=~".*"'), { env: "x".repeat(5_000) })).toBe(false);
  });
});
