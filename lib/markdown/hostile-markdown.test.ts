import { describe, expect, it } from "vitest";
import { HOSTILE_MARKDOWN } from "./hostile-inputs.ts";
import { MARKDOWN_LIMITS, markdownLimitProblem, measureMarkdown } from "./limits.ts";
import { markdownText } from "./markdown-text.ts";
import { markdownToHtml } from "./markdown-to-html.ts";

const writeSchema = markdownText({ what: "the message", maxLength: 20_000, emptyMessage: "Write a message." });

describe("hostile markdown", () => {
  it.each(Object.entries(HOSTILE_MARKDOWN))("refuses %s at write time, naming the limit", (_name, source) => {
    const result = writeSchema.safeParse(source);
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.message).toMatch(/under 20,000 characters|at most|under [\d,]+ cells/);
  });

  it.each(Object.entries(HOSTILE_MARKDOWN))(
    "renders %s as stored text without parsing it: plain paragraphs no bigger than the text",
    (_name, source) => {
      const html = markdownToHtml(source);
      expect(html.startsWith("<p>")).toBe(true);
      expect(html).not.toMatch(/<(ul|ol|blockquote|table|strong|em|sup|section)[ >]/);
      // Escaping `<`/`>`/`&` and `<br>` for line breaks are the only growth.
      expect(html.length).toBeLessThanOrEqual(source.length * 5 + 100);
    },
  );

  it("names the limit a text goes over", () => {
    expect(markdownLimitProblem(`${"- ".repeat(20)}x`)).toBe("Lists and quotes may be nested 10 levels deep at most.");
    expect(markdownLimitProblem(`${"[^1] ".repeat(101)}\n\n[^1]: x`)).toBe("Use at most 100 footnote references.");
    expect(markdownLimitProblem("a".repeat(101), 100)).toBe("Keep it under 100 characters.");
    expect(writeSchema.safeParse(`${"> ".repeat(11)}x`).error?.issues[0]?.message).toBe(
      "In the message: Lists and quotes may be nested 10 levels deep at most.",
    );
  });

  it("accepts what staff really write: nesting a few levels, code blocks with deep indentation, tables", () => {
    const honest = [
      "## Summary",
      "- one\n  - two\n    - three\n      1. four",
      "> quoted\n> > twice",
      `\`\`\`yaml\n${Array.from({ length: 40 }, (_, i) => `${" ".repeat(i * 2)}- key_${i}: value_*${i}*`).join("\n")}\n\`\`\``,
      "| a | b |\n|---|---|\n| 1 | 2 |",
      "Footnote[^1].\n\n[^1]: The note.",
      "Password ******** and `snake_case_name` and [a link](https://example.com).",
    ].join("\n\n");
    expect(markdownLimitProblem(honest)).toBeNull();
    expect(writeSchema.safeParse(honest).success).toBe(true);
    const html = markdownToHtml(honest);
    expect(html).toContain("<ol>");
    expect(html).toContain("<table>");
    expect(html).toContain('<code class="language-yaml">');
  });

  it("measures nesting by markers and indentation, quotes included", () => {
    expect(measureMarkdown("- a\n  - b\n    - c").nesting).toBe(3);
    expect(measureMarkdown("> - > 1. x").nesting).toBe(4);
    expect(measureMarkdown("```\n          - deep in code\n```").nesting).toBe(0);
    // A fence inside a quote does not hide what follows the quote.
    expect(measureMarkdown(`> \`\`\`\n${"- ".repeat(30)}x`).nesting).toBeGreaterThan(MARKDOWN_LIMITS.nesting);
  });
});

function randomMarkdown(random: () => number, length: number): string {
  const pieces = [
    "- ",
    "* ",
    "1. ",
    "> ",
    "  ",
    "*",
    "**",
    "_",
    "~~",
    "[",
    "](",
    ")",
    "![",
    "[^1]",
    "[^a]: ",
    "\n",
    "\n\n",
    "|",
    "|-",
    "`",
    "```\n",
    "text ",
    "x",
  ];
  let out = "";
  while (out.length < length) out += pieces[Math.floor(random() * pieces.length)];
  return out;
}

describe("random nesting of lists, quotes, emphasis, links and footnotes", () => {
  it("renders every text it accepts, and the HTML stays within a bound of the text's length", () => {
    let seed = 13;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    for (let round = 0; round < 60; round++) {
      const source = randomMarkdown(random, 50 + Math.floor(random() * 2000));
      const html = markdownToHtml(source);
      expect(typeof html).toBe("string");
      // Footnote references and table cells grow the most: a few hundred characters each, capped by the limits.
      expect(html.length, source.slice(0, 200)).toBeLessThanOrEqual(source.length * 40 + 50_000);
    }
  }, 180_000);
});
