import { markdownToHtml } from "@/lib/markdown/markdown-to-html.ts";

/**
 * Staff-written markdown (GFM). Raw HTML is dropped and URLs other than relative, http(s),
 * mailto and tel ones are removed (lib/markdown), so nothing a staff member writes can run in a
 * customer's browser.
 */
export function Markdown({ source, className = "" }: { source: string; className?: string }) {
  // biome-ignore lint/security/noDangerouslySetInnerHtml: inert HTML from markdownToHtml
  return <div className={`markdown ${className}`} dangerouslySetInnerHTML={{ __html: markdownToHtml(source) }} />;
}
