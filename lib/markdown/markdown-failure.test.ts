import { expect, it, vi } from "vitest";

// A rendering that throws (a parser bug, a stack too deep) must not be tried again for every
// visitor: the plain text that stands in for it is kept like any rendering.
const calls = vi.hoisted(() => ({ count: 0 }));
vi.mock("hast-util-to-html", () => ({
  toHtml: () => {
    calls.count++;
    throw new RangeError("Maximum call stack size exceeded");
  },
}));

it("remembers a rendering that failed instead of trying again for every visitor, and logs it once", async () => {
  const { markdownToHtml } = await import("./markdown-to-html.ts");
  const errors = vi.spyOn(console, "error").mockImplementation(() => {});
  const source = "We are *investigating* <errors> & more.\n\nSecond paragraph.";
  const first = markdownToHtml(source);
  for (let visitor = 0; visitor < 5; visitor++) expect(markdownToHtml(source)).toBe(first);
  expect(first).toBe("<p>We are *investigating* &lt;errors&gt; &amp; more.</p>\n<p>Second paragraph.</p>");
  expect(calls.count).toBe(1);
  expect(errors).toHaveBeenCalledTimes(1);
  errors.mockRestore();
});
