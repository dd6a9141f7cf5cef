import { afterEach, describe, expect, it, vi } from "vitest";
import { markdownToHtml as render, resetImageHostsForTests, safeUrl } from "./markdown-to-html.ts";

describe("markdownToHtml", () => {
  it("renders GFM: headings, lists, links, code and tables", () => {
    const html = render(
      "## Summary\n\n- one\n- two\n\n1. first\n\n[docs](https://example.com/docs) and https://api.workos.com\n\n`code` and\n\n```\nblock\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
    );
    expect(html).toContain("<h2>Summary</h2>");
    expect(html).toContain("<ul>\n<li>one</li>");
    expect(html).toContain("<ol>");
    expect(html).toContain('<a href="https://example.com/docs">docs</a>');
    expect(html).toContain('<a href="https://api.workos.com">https://api.workos.com</a>');
    expect(html).toContain("<code>code</code>");
    expect(html).toContain("<pre><code>block\n</code></pre>");
    expect(html).toContain("<table>");
    expect(html).toContain("<td>2</td>");
  });

  it("keeps a lone tilde as text (~32 minutes), not strikethrough", () => {
    const html = render("resulting in ~32 minutes of unavailability and ~2% of errors");
    expect(html).not.toContain("<del>");
    expect(html).toContain("~32 minutes");
  });

  it.each([
    ["a script tag", "<script>alert(1)</script>hello"],
    ["an event handler", '<img src="x" onerror="alert(1)">'],
    ["an iframe", '<iframe src="https://evil.example"></iframe>'],
    ["inline HTML with a style", '<div style="position:fixed">x</div>'],
    ["an SVG with a script", "<svg><script>alert(1)</script></svg>"],
  ])("drops raw HTML: %s", (_label, source) => {
    const html = render(source);
    expect(html).not.toMatch(/<script|onerror|<iframe|<svg|style=/i);
  });

  it.each([
    ["[click](javascript:alert(1))"],
    ["[click](JAVASCRIPT:alert(1))"],
    ["[click](  javascript:alert(1))"],
    ["[click](vbscript:msgbox(1))"],
    ["[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)"],
    ["![x](javascript:alert(1))"],
    ["<javascript:alert(1)>"],
    ["[click][ref]\n\n[ref]: javascript:alert(1)"],
  ])("removes a dangerous URL: %s", (source) => {
    const html = render(source);
    expect(html).not.toMatch(/(href|src)="\s*(javascript|vbscript|data):/i);
    expect(html).toMatch(/(href|src)="|<p>/);
  });

  it("shows an image whose URL was removed as its text, never as an empty src (a refetch of the page)", () => {
    const html = render("![outage graph](javascript:alert(1)) and ![](javascript:x)");
    expect(html).not.toContain("<img");
    expect(html).toContain("<span>outage graph</span>");
    expect(render("![graph](/graphs/g.png)")).toContain('<img src="/graphs/g.png" alt="graph">');
  });

  it("escapes text that looks like HTML inside code", () => {
    expect(render("`<script>`")).toBe("<p><code>&#x3C;script></code></p>");
  });

  it("renders each text as itself when texts come back (the server keeps recent renderings)", () => {
    const first = render("We are **investigating**.");
    expect(render("We are **monitoring**.")).toContain("<strong>monitoring</strong>");
    expect(render("We are **investigating**.")).toBe(first);
    expect(render("We are *investigating*.")).toContain("<em>investigating</em>");
  });

  it("keeps relative URLs, colons in a path, query or fragment, and http(s), mailto and tel", () => {
    for (const url of ["/incidents/x", "?at=12:00", "#a:b", "https://example.com/a:b", "mailto:ops@example.com", "tel:+1555"]) {
      expect(safeUrl(url), url).toBe(url);
    }
    for (const url of ["page:2", " JavaScript:alert(1)", "file:///etc/passwd", "data:image/png;base64,AA"]) {
      expect(safeUrl(url), url).toBeNull();
    }
  });

  it("gives each text's footnotes ids of its own, which its links still reach", () => {
    const ids = (html: string) => [...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]!);
    const first = render("Slow logins[^1].\n\n[^1]: In one region.");
    const second = render("Errors[^1].\n\n[^1]: For ten minutes.");
    expect(ids(first).filter((id) => ids(second).includes(id))).toEqual([]);
    for (const html of [first, second]) {
      for (const [, target] of html.matchAll(/href="#([^"]+)"/g)) expect(ids(html)).toContain(target);
      for (const [, target] of html.matchAll(/aria-describedby="([^"]+)"/g)) expect(ids(html)).toContain(target);
    }
    expect(render("[top](#summary)")).toContain('href="#summary"');
  });
});

describe("images", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    resetImageHostsForTests();
  });

  it("shows an image from another host as a link with its text, so no visitor's browser fetches it", () => {
    vi.stubEnv("PUBLIC_URL", "https://status.acme.test/status");
    vi.stubEnv("UPSTATE_IMAGE_HOSTS", "");
    resetImageHostsForTests();
    for (const source of [
      "![graph](https://tracker.example/pixel.png?who=visitor)",
      "![graph](//tracker.example/pixel.png)",
      "![graph](HTTP://TRACKER.EXAMPLE/p.png)",
      "![graph][ref]\n\n[ref]: https://tracker.example/p.png",
    ]) {
      const html = render(source);
      expect(html, source).not.toContain("<img");
      expect(html, source).toMatch(/<a href="[^"]*tracker\.example[^"]*" rel="nofollow noreferrer">graph<\/a>/i);
    }
    expect(render("![](https://tracker.example/p.png)")).toContain(">image</a>");
  });

  it("keeps relative images, the public URL's host and the hosts in UPSTATE_IMAGE_HOSTS", () => {
    vi.stubEnv("PUBLIC_URL", "https://status.acme.test/status");
    vi.stubEnv("UPSTATE_IMAGE_HOSTS", " cdn.acme.test , Images.Acme.test:8443");
    resetImageHostsForTests();
    expect(render("![a](/status/a.png)")).toContain('<img src="/status/a.png" alt="a">');
    expect(render("![a](diagrams/a.png)")).toContain('<img src="diagrams/a.png" alt="a">');
    expect(render("![a](https://status.acme.test/a.png)")).toContain('<img src="https://status.acme.test/a.png"');
    expect(render("![a](https://cdn.acme.test/a.png)")).toContain('<img src="https://cdn.acme.test/a.png"');
    expect(render("![a](https://images.acme.test:8443/a.png)")).toContain("<img");
    expect(render("![a](https://acme.test.tracker.example/a.png)")).not.toContain("<img");
  });
});
