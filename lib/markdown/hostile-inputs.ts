// Inputs that once stalled a render for seconds (issue 13). Their render times are printed by
// `npm run bench -- --markdown`; lib/markdown/hostile-markdown.test.ts checks the shape and size of what comes out.
export const HOSTILE_MARKDOWN: Record<string, string> = {
  "nested list, 4,801 characters": `${"- ".repeat(2400)}x`,
  "nested list, 20,001 characters": `${"- ".repeat(10_000)}x`,
  "nested quotes": `${"> ".repeat(5000)}x`,
  "nested ordered lists": `${"1. ".repeat(3000)}x`,
  "emphasis runs": `${"*".repeat(10_000)}x${"*".repeat(10_000)}`,
  "unclosed strong": "**a".repeat(6000),
  "footnote fan-out": `${"[^1] ".repeat(4000)}\n\n[^1]: note`,
  "table padding": `${"|a".repeat(2000)}|\n${"|-".repeat(2000)}|\n${"|\n".repeat(2000)}`,
  "link openers": "[a](".repeat(5000),
  backticks: "`a``".repeat(5000),
};
