import type { Element, ElementContent, Root, RootContent } from "hast";
import { toHtml } from "hast-util-to-html";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";
import { markdownLimitProblem } from "./limits.ts";

// Staff write updates and postmortems in GitHub-flavoured markdown. What reaches a customer's
// browser must be inert: remark-rehype drops raw HTML (it is not given `allowDangerousHtml`), and
// every URL that is not relative or http(s), mailto or tel is removed below.

/** remark-gfm's options, here and in the render worker (render-pool.ts). */
export const GFM_OPTIONS = {
  // `~32 minutes` is an approximation, not the start of a strikethrough.
  singleTilde: false,
} as const;

const processor = unified().use(remarkParse).use(remarkGfm, GFM_OPTIONS).use(remarkRehype);

declare const inert: unique symbol;
/** HTML that `markdownToHtml` made, and only it: safe to put into a page as it is. */
export type InertHtml = string & { readonly [inert]: true };

const SAFE_SCHEMES = new Set(["http", "https", "mailto", "tel"]);

/** The URL itself when it is relative or has a safe scheme, otherwise null. */
export function safeUrl(url: string): string | null {
  const colon = url.indexOf(":");
  if (colon === -1) return url;
  // A colon after the first `/`, `?` or `#` belongs to the path, query or fragment: relative.
  const firstDelimiter = url.search(/[/?#]/);
  if (firstDelimiter !== -1 && firstDelimiter < colon) return url;
  return SAFE_SCHEMES.has(url.slice(0, colon).trim().toLowerCase()) ? url : null;
}

const URL_PROPERTIES = ["href", "src"] as const;

let allowedImageHosts: Set<string> | undefined;

/**
 * Hosts images may come from: the public URL's (`PUBLIC_URL`) and those in `UPSTATE_IMAGE_HOSTS`
 * (comma-separated). Read once; in the browser (the postmortem preview) neither is known, so only
 * relative images show there.
 */
function imageHosts(): Set<string> {
  if (allowedImageHosts) return allowedImageHosts;
  const env: Record<string, string | undefined> = typeof process === "undefined" ? {} : process.env;
  const hosts = new Set<string>();
  for (const entry of (env.UPSTATE_IMAGE_HOSTS ?? "").split(",")) {
    const host = entry.trim().toLowerCase();
    if (host) hosts.add(host);
  }
  try {
    if (env.PUBLIC_URL) hosts.add(new URL(env.PUBLIC_URL).host.toLowerCase());
  } catch {
    // A malformed PUBLIC_URL stops start-up elsewhere (lib/config.ts).
  }
  allowedImageHosts = hosts;
  return hosts;
}

/** For tests: forget the hosts read from the environment. */
export function resetImageHostsForTests(): void {
  allowedImageHosts = undefined;
  kept.clear();
  keptChars = 0;
}

function isAllowedImage(src: string): boolean {
  const trimmed = src.trim();
  // Relative to the page (not `//host/…`, which is another host): served by Upstate itself.
  if (!/^[a-z][a-z0-9+.-]*:/i.test(trimmed) && !/^[\\/]{2}/.test(trimmed)) return true;
  let url: URL;
  try {
    url = new URL(trimmed, "https://upstate.invalid/");
  } catch {
    return false;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return false;
  const hosts = imageHosts();
  return hosts.has(url.host.toLowerCase()) || hosts.has(url.hostname.toLowerCase());
}

function makeInert(children: Array<RootContent | ElementContent>): void {
  for (let i = children.length - 1; i >= 0; i--) {
    const child = children[i]!;
    if (child.type === "raw") children.splice(i, 1);
    if (child.type !== "element") continue;
    for (const name of URL_PROPERTIES) {
      const value = child.properties[name];
      if (value !== undefined && (typeof value !== "string" || safeUrl(value) === null)) delete child.properties[name];
    }
    // An image without its URL would be `<img>` fetching nothing useful (or, as `src=""`, the
    // page itself again): its alternative text stands in for it.
    if (child.tagName === "img" && child.properties.src === undefined) {
      const alt = typeof child.properties.alt === "string" ? child.properties.alt : "";
      const standIn: Element = { type: "element", tagName: "span", properties: {}, children: [{ type: "text", value: alt }] };
      children.splice(i, 1, ...(alt ? [standIn] : []));
      continue;
    }
    // An image from another host is fetched by every visitor's browser, telling that host who
    // reads the page and when: it becomes a link the visitor may follow instead.
    if (child.tagName === "img" && typeof child.properties.src === "string" && !isAllowedImage(child.properties.src)) {
      const alt = typeof child.properties.alt === "string" && child.properties.alt ? child.properties.alt : "image";
      const link: Element = {
        type: "element",
        tagName: "a",
        properties: { href: child.properties.src, rel: ["nofollow", "noreferrer"] },
        children: [{ type: "text", value: alt }],
      };
      children.splice(i, 1, link);
      continue;
    }
    makeInert(child.children);
  }
}

// GFM footnotes get the same ids in every text (`user-content-fn-1`, `footnote-label`), and a page
// shows many texts: each text's footnote ids and the links to them take a prefix of their own.
const FOOTNOTE_ID = /^(user-content-|footnote-label$)/;

function textPrefix(source: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < source.length; i++) hash = Math.imul(hash ^ source.charCodeAt(i), 0x01000193);
  return `t${(hash >>> 0).toString(36)}-`;
}

function prefixFootnoteIds(children: Array<RootContent | ElementContent>, prefix: string): void {
  for (const child of children) {
    if (child.type !== "element") continue;
    const { id, href, ariaDescribedBy } = child.properties;
    if (typeof id === "string" && FOOTNOTE_ID.test(id)) child.properties.id = prefix + id;
    if (typeof href === "string" && href.startsWith("#") && FOOTNOTE_ID.test(href.slice(1)))
      child.properties.href = `#${prefix}${href.slice(1)}`;
    if (Array.isArray(ariaDescribedBy)) child.properties.ariaDescribedBy = ariaDescribedBy.map((ref) => prefix + ref);
    prefixFootnoteIds(child.children, prefix);
  }
}

function escapeText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** The text as it was typed: paragraphs at blank lines, nothing parsed (its cost is linear). */
function plainTextHtml(source: string): InertHtml {
  return source
    .split(/(?:\r?\n[ \t]*){2,}/)
    .filter((paragraph) => paragraph.trim() !== "")
    .map((paragraph) => `<p>${escapeText(paragraph.trim()).replace(/\r?\n/g, "<br>\n")}</p>`)
    .join("\n") as InertHtml;
}

const reportedFailures = new Set<string>();

/** The text as plain paragraphs, logged once: what stands in for a rendering that failed. */
export function failedRenderingHtml(source: string, error: unknown): InertHtml {
  const key = textPrefix(source);
  if (!reportedFailures.has(key)) {
    if (reportedFailures.size >= 1000) reportedFailures.clear();
    reportedFailures.add(key);
    console.error(`Markdown could not be rendered (${source.length} characters, ${key}); shown as plain text:`, error);
  }
  return plainTextHtml(source);
}

/** Whether the text is parsed at all: text over the limits (stored before they existed, or imported) is shown as typed. */
export function isParsedAsMarkdown(source: string): boolean {
  return markdownLimitProblem(source) === null;
}

/** The HTML of a parsed text's tree (from remark-rehype, here or in the render worker). */
export function htmlFromTree(tree: Root, source: string): InertHtml {
  makeInert(tree.children);
  prefixFootnoteIds(tree.children, textPrefix(source));
  return toHtml(tree) as InertHtml;
}

function render(source: string): InertHtml {
  if (!isParsedAsMarkdown(source)) return plainTextHtml(source);
  try {
    return htmlFromTree(processor.runSync(processor.parse(source)) as Root, source);
  } catch (error) {
    // Kept like any rendering (below), so the next visitor gets the plain text at once.
    return failedRenderingHtml(source, error);
  }
}

// Parsing costs about a millisecond a body, and the home page of a busy status page shows hundreds
// of them, the same ones on every render: the HTML of recent texts is kept, least recently used
// dropped first.
const MAX_KEPT = 4000;
const MAX_KEPT_CHARS = 4_000_000;
const kept = new Map<string, InertHtml>();
let keptChars = 0;

/** The kept rendering of a text, if any (made most recently used). */
export function keptRendering(source: string): InertHtml | undefined {
  const hit = kept.get(source);
  if (hit !== undefined) {
    kept.delete(source);
    kept.set(source, hit);
  }
  return hit;
}

/**
 * Staff-written markdown (GFM) as inert HTML. On the server, pages render their texts in the
 * render worker first (`prerenderMarkdown`, render-pool.ts), so this finds them kept.
 */
export function markdownToHtml(source: string): InertHtml {
  const hit = keptRendering(source);
  if (hit !== undefined) return hit;
  return keepRendering(source, render(source));
}

/** Keeps a text's rendering for the next call (server only), and returns it. */
export function keepRendering(source: string, markup: InertHtml): InertHtml {
  // In the browser (the postmortem editor's preview) every keystroke would be kept.
  if (typeof window !== "undefined") return markup;
  if (kept.has(source)) return markup;
  kept.set(source, markup);
  keptChars += source.length;
  for (const [oldest] of kept) {
    if (kept.size <= MAX_KEPT && keptChars <= MAX_KEPT_CHARS) break;
    kept.delete(oldest);
    keptChars -= oldest.length;
  }
  return markup;
}
