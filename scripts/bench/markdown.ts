// `npm run bench -- --markdown`: the render time of the hostile texts of issue 13 (which are shown
// as plain text now) and of texts at each markdown limit, the slowest accepted ones. Each is
// rendered fresh (the renderer keeps what it rendered, keyed by the text) after a warm-up.
import { HOSTILE_MARKDOWN } from "../../lib/markdown/hostile-inputs.ts";
import { MARKDOWN_LIMITS, markdownLimitProblem } from "../../lib/markdown/limits.ts";
import { markdownToHtml } from "../../lib/markdown/markdown-to-html.ts";

const fill = (unit: string, length: number) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
const realistic = `## Summary\n\nOn July 11, **AuthKit** returned errors for ~32 minutes ([details](https://example.com/docs), \`code\`).\n\n- one *item*\n  - nested\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n> quoted\n\n`;

const AT_THE_LIMITS: Record<string, string> = {
  "realistic update, 20,000 characters": fill(realistic, 20_000),
  "realistic postmortem, 40,000 characters": fill(realistic, 40_000),
  [`${MARKDOWN_LIMITS.listItemsAndQuotes} list items nested ${MARKDOWN_LIMITS.nesting} deep`]:
    `${"- ".repeat(MARKDOWN_LIMITS.nesting)}x\n`.repeat(MARKDOWN_LIMITS.listItemsAndQuotes / MARKDOWN_LIMITS.nesting),
  [`${MARKDOWN_LIMITS.listItemsAndQuotes} quotes nested ${MARKDOWN_LIMITS.nesting} deep`]:
    `${"> ".repeat(MARKDOWN_LIMITS.nesting)}x\n`.repeat(MARKDOWN_LIMITS.listItemsAndQuotes / MARKDOWN_LIMITS.nesting),
  [`${MARKDOWN_LIMITS.listItemsAndQuotes} list items`]: "- item\n".repeat(MARKDOWN_LIMITS.listItemsAndQuotes),
  [`${MARKDOWN_LIMITS.footnoteReferences} footnote references`]: `${"[^1] ".repeat(MARKDOWN_LIMITS.footnoteReferences - 1)}\n\n[^1]: note`,
  [`${MARKDOWN_LIMITS.emphasisMarks} emphasis marks in one run`]: `${"*".repeat(MARKDOWN_LIMITS.emphasisMarks / 2)}x${"*".repeat(MARKDOWN_LIMITS.emphasisMarks / 2)}`,
  [`${MARKDOWN_LIMITS.brackets} link openers`]: fill("[a](", MARKDOWN_LIMITS.brackets * 4),
  [`${MARKDOWN_LIMITS.backticks} backticks`]: fill("`a``", (MARKDOWN_LIMITS.backticks * 4) / 3),
  "a table at the cell limit": `${"|a".repeat(40)}|\n${"|-".repeat(40)}|\n${"|\n".repeat(MARKDOWN_LIMITS.tableCells / 40 - 3)}`,
};

function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

function time(source: string): { wall: number; cpu: number; size: number } {
  let best = { wall: Number.POSITIVE_INFINITY, cpu: Number.POSITIVE_INFINITY, size: 0 };
  for (let run = 0; run < 3; run++) {
    const text = `${source}\n\n${" ".repeat(run)}.`; // a new text each time: nothing kept
    const wallStart = performance.now();
    const cpuStart = cpuMs();
    const html = markdownToHtml(text);
    const wall = performance.now() - wallStart;
    if (wall < best.wall) best = { wall, cpu: cpuMs() - cpuStart, size: html.length };
  }
  return best;
}

export function benchMarkdown(): void {
  for (let i = 0; i < 20; i++) markdownToHtml(`${realistic}${i}`);
  const rows: [string, string, ReturnType<typeof time>][] = [];
  for (const [name, source] of Object.entries(HOSTILE_MARKDOWN)) rows.push([name, "plain text", time(source)]);
  for (const [name, source] of Object.entries(AT_THE_LIMITS))
    rows.push([name, markdownLimitProblem(source) === null ? "markdown" : "plain text", time(source)]);
  console.log("\nMarkdown renders (best of 3, fresh text each time):");
  for (const [name, how, { wall, cpu, size }] of rows)
    console.log(
      `  ${name.padEnd(46)} ${how.padEnd(10)} ${wall.toFixed(1).padStart(8)} ms  (cpu ${cpu.toFixed(1)} ms)  ${size} chars of HTML`,
    );
  const worst = (how: string) => Math.max(...rows.filter((row) => row[1] === how).map((row) => row[2].wall));
  console.log(
    `  worst hostile (plain text): ${worst("plain text").toFixed(1)} ms; worst accepted markdown: ${worst("markdown").toFixed(1)} ms`,
  );
}
