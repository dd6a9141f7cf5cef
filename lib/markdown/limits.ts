// The markdown parser (micromark, through remark) takes time that grows much faster than the text
// for a few shapes: lists and quotes nested thousands deep (4,801 characters of `- - - …` took
// 12 s), long runs of emphasis or link delimiters, footnote references (each adds a back link to
// its note), tables (every row is padded to the header's width). Staff text is refused past these
// limits when it is written, and the renderer checks the same limits before parsing, so text
// stored before the limits existed (or imported) cannot stall a render either.

export const MARKDOWN_LIMITS = {
  /** The longest text rendered as markdown (a postmortem's limit); longer ones are shown as plain text. */
  length: 100_000,
  /** Lists and quotes inside each other (estimated from each line's markers and indentation). */
  nesting: 10,
  /** List items and quote markers in all (each list item costs the parser far more than its text). */
  listItemsAndQuotes: 1_000,
  /** Footnote references (`[^note]`). */
  footnoteReferences: 100,
  /** Table cells (each row counts as wide as its header). */
  tableCells: 2_000,
  /** Characters that may open or close emphasis (`*`, `~`, and `_` not inside a word) outside code blocks. */
  emphasisMarks: 1_000,
  /** Link and image brackets (`[`) outside code blocks. */
  brackets: 1_000,
  /** Backticks outside code blocks. */
  backticks: 2_000,
} as const;

export type MarkdownMeasure = {
  nesting: number;
  listItemsAndQuotes: number;
  footnoteReferences: number;
  tableCells: number;
  emphasisMarks: number;
  brackets: number;
  backticks: number;
};

const isBlank = (code: number) => code === 32 || code === 9;
const isWordChar = (code: number) =>
  (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;

/**
 * The list and quote markers a line starts with, and how deep it opens lists and quotes: its
 * markers, plus a level per two columns of indentation.
 */
function lineContainers(line: string): { markers: number; depth: number } {
  let markers = 0;
  let columns = 0;
  let i = 0;
  for (;;) {
    while (i < line.length && isBlank(line.charCodeAt(i))) columns += line[i++] === "\t" ? 4 : 1;
    const char = line[i];
    const followedByBlank = (at: number) => at >= line.length || isBlank(line.charCodeAt(at));
    // The one space after a marker belongs to the marker.
    if (char === ">") {
      markers++;
      i += line[i + 1] === " " ? 2 : 1;
      continue;
    }
    if ((char === "-" || char === "*" || char === "+") && followedByBlank(i + 1)) {
      markers++;
      i += line[i + 1] === " " ? 2 : 1;
      continue;
    }
    let digits = i;
    while (digits < line.length && digits - i < 10 && line.charCodeAt(digits) >= 48 && line.charCodeAt(digits) <= 57) digits++;
    if (digits > i && digits - i <= 9 && (line[digits] === "." || line[digits] === ")") && followedByBlank(digits + 1)) {
      markers++;
      i = line[digits + 1] === " " ? digits + 2 : digits + 1;
      continue;
    }
    return { markers, depth: markers + Math.floor(columns / 2) };
  }
}

const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const DELIMITER_ROW = /^\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/;

/** The quantities the limits bound, in one pass over the text. */
export function measureMarkdown(source: string): MarkdownMeasure {
  const measure: MarkdownMeasure = {
    nesting: 0,
    listItemsAndQuotes: 0,
    footnoteReferences: 0,
    tableCells: 0,
    emphasisMarks: 0,
    brackets: 0,
    backticks: 0,
  };
  const lines = source.split(/\r\n?|\n/);
  // A fence that opens at the top level runs to its closing fence or the end of the text, and
  // nothing inside it is markdown. (One inside a list or quote is not skipped: an over-count.)
  let fence: string | null = null;
  let tableColumns = 0;
  for (const line of lines) {
    if (fence !== null) {
      const match = FENCE.exec(line);
      if (match && match[1]![0] === fence[0] && match[1]!.length >= fence.length && match[2]!.trim() === "") fence = null;
      continue;
    }
    const opening = FENCE.exec(line);
    if (opening && !(opening[1]![0] === "`" && opening[2]!.includes("`"))) {
      fence = opening[1]!;
      tableColumns = 0;
      continue;
    }
    const containers = lineContainers(line);
    measure.nesting = Math.max(measure.nesting, containers.depth);
    measure.listItemsAndQuotes += containers.markers;
    const content = line.replace(/^[\s>]*/, "");
    if (content.trim() === "") tableColumns = 0;
    else if (DELIMITER_ROW.test(content) && content.includes("-") && (content.includes("|") || tableColumns > 0)) {
      tableColumns = Math.max(
        1,
        content
          .replace(/^\|/, "")
          .replace(/\|\s*$/, "")
          .split("|").length,
      );
      measure.tableCells += 2 * tableColumns;
    } else if (tableColumns > 0) measure.tableCells += tableColumns;
    for (let i = 0; i < line.length; i++) {
      const char = line[i];
      if (char === "*" || char === "~") measure.emphasisMarks++;
      // `snake_case` never makes emphasis: an underscore inside a word is not counted.
      else if (char === "_" && !(isWordChar(line.charCodeAt(i - 1)) && isWordChar(line.charCodeAt(i + 1))))
        measure.emphasisMarks++;
      else if (char === "`") measure.backticks++;
      else if (char === "[") {
        measure.brackets++;
        if (line[i + 1] === "^") measure.footnoteReferences++;
      }
    }
  }
  return measure;
}

const format = (n: number) => n.toLocaleString("en-US");

/** What is wrong with the text as markdown staff may write, in words for a form; null when nothing is. */
export function markdownLimitProblem(source: string, maxLength: number = MARKDOWN_LIMITS.length): string | null {
  if (source.length > maxLength) return `Keep it under ${format(maxLength)} characters.`;
  const measure = measureMarkdown(source);
  if (measure.nesting > MARKDOWN_LIMITS.nesting)
    return `Lists and quotes may be nested ${MARKDOWN_LIMITS.nesting} levels deep at most.`;
  if (measure.listItemsAndQuotes > MARKDOWN_LIMITS.listItemsAndQuotes)
    return `Use at most ${format(MARKDOWN_LIMITS.listItemsAndQuotes)} list items and quote lines.`;
  if (measure.footnoteReferences > MARKDOWN_LIMITS.footnoteReferences)
    return `Use at most ${MARKDOWN_LIMITS.footnoteReferences} footnote references.`;
  if (measure.tableCells > MARKDOWN_LIMITS.tableCells)
    return `Keep tables under ${format(MARKDOWN_LIMITS.tableCells)} cells in all.`;
  if (measure.emphasisMarks > MARKDOWN_LIMITS.emphasisMarks)
    return `Use at most ${format(MARKDOWN_LIMITS.emphasisMarks)} emphasis marks (*, _ and ~) outside code blocks.`;
  if (measure.brackets > MARKDOWN_LIMITS.brackets)
    return `Use at most ${format(MARKDOWN_LIMITS.brackets)} links, images and [ brackets outside code blocks.`;
  if (measure.backticks > MARKDOWN_LIMITS.backticks)
    return `Use at most ${format(MARKDOWN_LIMITS.backticks)} backticks outside code blocks.`;
  return null;
}
