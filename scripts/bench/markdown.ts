// `npm run bench -- --markdown`: the render time of the hostile texts of issue 13 (which are shown
// as plain text now) and of texts at each markdown limit, the slowest accepted ones. Each is
// rendered fresh (the renderer keeps what it rendered, keyed by the text) after a warm-up: on this
// thread alone, as markdownToHtml does when nothing was prerendered, and as pages render it, parsed
// in the render worker (prerenderMarkdown), where what counts is the serving thread's longest stall.
import { monitorEventLoopDelay } from "node:perf_hooks";
import { HOSTILE_MARKDOWN } from "../../lib/markdown/hostile-inputs.ts";
import { MARKDOWN_LIMITS, markdownLimitProblem } from "../../lib/markdown/limits.ts";
import { markdownToHtml } from "../../lib/markdown/markdown-to-html.ts";
import { prerenderMarkdown } from "../../lib/markdown/render-pool.ts";

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

/** The serving thread's longest stall (ms) while a page prerenders the text and then renders it. */
async function stallWhilePrerendered(source: string): Promise<{ stall: number; wall: number }> {
  let best = { stall: Number.POSITIVE_INFINITY, wall: Number.POSITIVE_INFINITY };
  for (let run = 0; run < 3; run++) {
    const text = `${source}\n\n${" ".repeat(run)}.,`;
    const delay = monitorEventLoopDelay({ resolution: 1 });
    delay.enable();
    const wallStart = performance.now();
    await prerenderMarkdown([text]);
    const renderStart = performance.now();
    markdownToHtml(text);
    const render = performance.now() - renderStart;
    const wall = performance.now() - wallStart;
    delay.disable();
    // The histogram counts a stall as its length plus the 1 ms resolution.
    const stall = Math.max(render, delay.max / 1e6 - 1);
    if (stall < best.stall) best = { stall, wall };
  }
  return best;
}

export async function benchMarkdown(): Promise<void> {
  for (let i = 0; i < 20; i++) markdownToHtml(`${realistic}${i}`);
  await prerenderMarkdown(Array.from({ length: 20 }, (_, i) => `${realistic}${i},`));
  const rows: [string, string, ReturnType<typeof time>, { stall: number; wall: number } | null][] = [];
  for (const [name, source] of Object.entries(HOSTILE_MARKDOWN)) rows.push([name, "plain text", time(source), null]);
  for (const [name, source] of Object.entries(AT_THE_LIMITS)) {
    const parsed = markdownLimitProblem(source) === null;
    rows.push([name, parsed ? "markdown" : "plain text", time(source), parsed ? await stallWhilePrerendered(source) : null]);
  }
  console.log("\nMarkdown renders (best of 3, fresh text each time): on this thread; as pages render (parsed in the worker)");
  for (const [name, how, { wall, cpu, size }, worker] of rows)
    console.log(
      `  ${name.padEnd(46)} ${how.padEnd(10)} ${wall.toFixed(1).padStart(8)} ms  (cpu ${cpu.toFixed(1).padStart(6)} ms)  ${String(size).padStart(6)} chars of HTML` +
        (worker
          ? `;  worker: serving thread stalls ${worker.stall.toFixed(1)} ms, ready after ${worker.wall.toFixed(1)} ms`
          : ""),
    );
  const worst = (how: string) => Math.max(...rows.filter((row) => row[1] === how).map((row) => row[2].wall));
  const worstStall = Math.max(...rows.map((row) => row[3]?.stall ?? 0));
  console.log(
    `  worst hostile (plain text): ${worst("plain text").toFixed(1)} ms; worst accepted markdown: ${worst("markdown").toFixed(1)} ms on this thread, ${worstStall.toFixed(1)} ms of serving-thread stall as pages render it`,
  );
}
