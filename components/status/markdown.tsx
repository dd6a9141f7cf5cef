import type { ReactElement } from "react";
import ReactMarkdown, { type Options } from "react-markdown";
import remarkGfm from "remark-gfm";

const REMARK_PLUGINS: Options["remarkPlugins"] = [[remarkGfm, { singleTilde: false }]];
// An image whose URL the filter removed would be `<img src="">`, which makes browsers fetch the
// page itself again: show its alternative text instead.
const COMPONENTS: Options["components"] = {
  img: ({ src, alt, title }) =>
    src ? (
      // biome-ignore lint/performance/noImgElement: an image from any host a staff member links to
      <img src={src} alt={alt ?? ""} title={title} />
    ) : alt ? (
      <span>{alt}</span>
    ) : null,
};

// Parsing is the costliest part of a page of updates (about a millisecond a body; the home page
// of a busy status page shows hundreds), and a body's rendering depends on its text alone. So on
// the server the rendered tree of each text is kept for the next render, the least recently used
// dropped first. Not in the browser, where an editor's preview would keep every keystroke.
const MAX_KEPT = 4000;
const MAX_KEPT_CHARS = 4_000_000;
const kept = new Map<string, ReactElement>();
let keptChars = 0;

function renderMarkdown(source: string): ReactElement {
  const render = () => ReactMarkdown({ children: source, remarkPlugins: REMARK_PLUGINS, components: COMPONENTS, skipHtml: true });
  if (typeof window !== "undefined") return render();
  const hit = kept.get(source);
  if (hit) {
    kept.delete(source);
    kept.set(source, hit);
    return hit;
  }
  const element = render();
  kept.set(source, element);
  keptChars += source.length;
  for (const [oldest] of kept) {
    if (kept.size <= MAX_KEPT && keptChars <= MAX_KEPT_CHARS) break;
    kept.delete(oldest);
    keptChars -= oldest.length;
  }
  return element;
}

/**
 * Staff-written markdown (GFM), rendered on the server. Raw HTML is dropped, and URLs other than
 * http(s), mailto and relative ones are removed by react-markdown's default URL filter, so
 * nothing a staff member writes can run in a customer's browser.
 */
export function Markdown({ source, className = "" }: { source: string; className?: string }) {
  return <div className={`markdown ${className}`}>{renderMarkdown(source)}</div>;
}
