import { afterEach, describe, expect, it, vi } from "vitest";
import { keptRendering, markdownToHtml, resetImageHostsForTests } from "./markdown-to-html.ts";
import { prerenderMarkdown, setRenderBudgetForTests } from "./render-pool.ts";

const fill = (unit: string, length: number) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
const realistic =
  "## Summary\n\nOn July 11, **AuthKit** returned errors for ~32 minutes ([details](https://example.com/docs), `code`).\n\n- one *item*\n  - nested\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n> quoted\n\n";

const corpus = [
  realistic,
  "Slow logins[^1] at https://api.workos.com.\n\n[^1]: In one region.",
  "![graph](https://tracker.example/p.png) ![local](/g.png) [click](javascript:alert(1)) <script>alert(1)</script>",
  "```yaml\nkey: value\n```\n\n1. first\n2. second\n\n~~gone~~ and ~32 minutes",
  fill(realistic, 20_000),
];

afterEach(() => {
  setRenderBudgetForTests();
  resetImageHostsForTests();
  vi.restoreAllMocks();
});

describe("prerenderMarkdown", () => {
  it("keeps exactly the HTML the page's own renderer makes, parsed in the worker", async () => {
    setRenderBudgetForTests(120_000); // however busy the machine running the tests
    await prerenderMarkdown(corpus);
    const fromWorker = corpus.map((source) => keptRendering(source));
    resetImageHostsForTests(); // forgets what was kept: the next calls render on this thread
    expect(fromWorker).toEqual(corpus.map((source) => markdownToHtml(source)));
    expect(fromWorker[0]).toContain("<strong>AuthKit</strong>");
  });

  it("leaves this thread free while a text is parsed", async () => {
    setRenderBudgetForTests(120_000);
    const source = `${fill(realistic, 20_000)}\n\nfree`;
    const rendered = prerenderMarkdown([source]);
    let finished = false;
    void rendered.then(() => {
      finished = true;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(finished).toBe(false);
    expect(keptRendering(source)).toBeUndefined();
    await rendered;
    expect(keptRendering(source)).toContain("<table>");
  });

  it("shows a text not parsed within the budget as plain text from then on, logged once, and goes on with the next", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const slow = `${fill(realistic, 20_000)}\n\nslow`;
    setRenderBudgetForTests(1);
    await prerenderMarkdown([slow]);
    setRenderBudgetForTests();
    const shown = markdownToHtml(slow);
    expect(shown.startsWith("<p>## Summary</p>")).toBe(true);
    expect(shown).not.toContain("<table>");
    await prerenderMarkdown([slow, "After the *slow* one."]);
    expect(markdownToHtml(slow)).toBe(shown);
    expect(keptRendering("After the *slow* one.")).toBe("<p>After the <em>slow</em> one.</p>");
    expect(errors.mock.calls.filter((call) => String(call[0]).startsWith("Markdown could not be rendered"))).toHaveLength(1);
  });

  it("leaves text over the limits to the plain-text renderer, without the worker", async () => {
    const hostile = `${"- ".repeat(2400)}x`;
    await prerenderMarkdown([hostile]);
    expect(keptRendering(hostile)).toBeUndefined();
    expect(markdownToHtml(hostile).startsWith("<p>- - -")).toBe(true);
  });
});
