import { z } from "zod";

// Label matchers as Alertmanager writes them (`service="authkit"`, `severity!="info"`,
// `env=~"prod|staging"`). A mapping's matchers must all match an alert's labels. Regular
// expressions are anchored at both ends, as Alertmanager's are.

export const MATCHER_OPERATORS = ["=", "!=", "=~"] as const;
export type MatcherOperator = (typeof MATCHER_OPERATORS)[number];
export type LabelMatcher = { label: string; op: MatcherOperator; value: string };
export type Labels = Record<string, string>;

/** Regexes longer than this are refused: a mapping is typed by staff, not generated. */
export const MAX_REGEX_LENGTH = 200;
/** Label values longer than this are not tried against a regex (nor matched by one). */
export const MAX_MATCHED_VALUE_LENGTH = 1_000;
export const MAX_MATCHERS = 20;

const LABEL_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
// Nested quantifiers such as (a+)+ or (a*)* are how a regex takes exponential time in a
// backtracking engine; refuse them instead of hoping the input is kind.
const NESTED_QUANTIFIER = /\((?:[^()\\]|\\.)*[+*}](?:[^()\\]|\\.)*\)\s*[+*{]/;

export const labelMatcherSchema = z
  .object({
    label: z.string().regex(LABEL_NAME, "A label name is letters, digits and underscores, not starting with a digit."),
    op: z.enum(MATCHER_OPERATORS, { error: "Use =, != or =~." }),
    value: z.string().max(MAX_MATCHED_VALUE_LENGTH, "Keep the value under 1,000 characters."),
  })
  .superRefine((matcher, context) => {
    if (matcher.op !== "=~") return;
    const problem = regexProblem(matcher.value);
    if (problem) context.addIssue({ code: "custom", path: ["value"], message: problem });
  });

/** Why `source` is not accepted as a matcher's regex, or null. */
export function regexProblem(source: string): string | null {
  if (source.length > MAX_REGEX_LENGTH) return `Keep a regular expression under ${MAX_REGEX_LENGTH} characters.`;
  if (NESTED_QUANTIFIER.test(source))
    return "Nested repetition such as (a+)+ can take forever to match; simplify the expression.";
  try {
    new RegExp(source);
  } catch {
    return `Not a valid regular expression: ${source}`;
  }
  return null;
}

const compiled = new Map<string, RegExp>();
function anchored(source: string): RegExp {
  let regex = compiled.get(source);
  if (!regex) {
    regex = new RegExp(`^(?:${source})$`);
    if (compiled.size > 1_000) compiled.clear();
    compiled.set(source, regex);
  }
  return regex;
}

/** Whether one matcher holds for `labels` (a missing label reads as ""; Alertmanager's rule). */
export function matcherHolds(matcher: LabelMatcher, labels: Labels): boolean {
  const value = labels[matcher.label] ?? "";
  switch (matcher.op) {
    case "=":
      return value === matcher.value;
    case "!=":
      return value !== matcher.value;
    case "=~":
      return value.length <= MAX_MATCHED_VALUE_LENGTH && anchored(matcher.value).test(value);
  }
}

/** Whether every matcher holds; an empty list matches nothing (a mapping must say what it wants). */
export function labelsMatch(matchers: readonly LabelMatcher[], labels: Labels): boolean {
  return matchers.length > 0 && matchers.every((matcher) => matcherHolds(matcher, labels));
}

const MATCHER_TEXT = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(=~|!=|=)\s*(?:"((?:[^"\\]|\\.)*)"|([^\s",]*))\s*$/;

/**
 * Reads matchers written one per line or comma-separated (`service="authkit", severity="critical"`).
 * Returns the matchers, or the problem with the first line that is not one.
 */
export function parseMatchers(text: string): { matchers: LabelMatcher[] } | { problem: string } {
  const parts = splitMatchers(text)
    .map((part) => part.trim())
    .filter(Boolean);
  if (parts.length === 0) return { problem: 'Add at least one matcher, such as service="authkit".' };
  if (parts.length > MAX_MATCHERS) return { problem: `Use at most ${MAX_MATCHERS} matchers.` };
  const matchers: LabelMatcher[] = [];
  for (const part of parts) {
    const found = MATCHER_TEXT.exec(part);
    if (!found) return { problem: `Not a matcher: ${part} (write label="value", label!="value" or label=~"regex").` };
    const value = found[3] !== undefined ? found[3].replace(/\\(.)/g, "$1") : (found[4] ?? "");
    const parsed = labelMatcherSchema.safeParse({ label: found[1], op: found[2], value });
    if (!parsed.success) return { problem: `${part}: ${parsed.error.issues[0]?.message ?? "not a matcher"}` };
    matchers.push(parsed.data);
  }
  return { matchers };
}

/** Splits on newlines and on commas outside quotes. */
function splitMatchers(text: string): string[] {
  const parts: string[] = [];
  let current = "";
  let quoted = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (quoted && char === "\\") {
      current += char + (text[index + 1] ?? "");
      index++;
      continue;
    }
    if (char === '"') quoted = !quoted;
    if (!quoted && (char === "," || char === "\n")) {
      parts.push(current);
      current = "";
      continue;
    }
    current += char;
  }
  parts.push(current);
  return parts;
}

/** Writes matchers back as text, as parseMatchers reads them. */
export function formatMatchers(matchers: readonly LabelMatcher[]): string {
  return matchers.map((matcher) => `${matcher.label}${matcher.op}${JSON.stringify(matcher.value)}`).join(", ");
}

/** The matchers stored in a mapping's JSON column (anything else reads as none, matching nothing). */
export function storedMatchers(json: unknown): LabelMatcher[] {
  const parsed = z.array(labelMatcherSchema).safeParse(json);
  return parsed.success ? parsed.data : [];
}
