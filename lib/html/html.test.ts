import { describe, expect, it } from "vitest";
import { escapeHtml, html, trustedHtml } from "./html.ts";

describe("html templates", () => {
  it("escape every character that could end text or a quoted attribute", () => {
    expect(escapeHtml(`<script>alert("x") & 'y'</script>`)).toBe(
      "&lt;script&gt;alert(&quot;x&quot;) &amp; &#39;y&#39;&lt;/script&gt;",
    );
  });

  it("escape interpolated text in content and attributes, and keep markup that is already Html", () => {
    const name = `"><img src=x onerror=alert(1)>`;
    const out = html`<a title="${name}">${name}</a>${html`<b>${"bold & brave"}</b>`}`;
    expect(out.value).toBe(
      '<a title="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;">&quot;&gt;&lt;img src=x onerror=alert(1)&gt;</a><b>bold &amp; brave</b>',
    );
  });

  it("join arrays, print numbers, and leave nothing for null, undefined and false", () => {
    expect(html`<ul>${[1, 2].map((n) => html`<li>${n}</li>`)}</ul>${null}${undefined}${false}${0}`.value).toBe(
      "<ul><li>1</li><li>2</li></ul>0",
    );
  });

  it("keep trusted markup as it is", () => {
    expect(html`<div>${trustedHtml("<p>ok</p>")}</div>`.value).toBe("<div><p>ok</p></div>");
  });
});
