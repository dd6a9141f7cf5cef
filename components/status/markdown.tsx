import ReactMarkdown from "react-markdown";
import remarkGfm from "remark-gfm";

/**
 * Staff-written markdown (GFM), rendered on the server. Raw HTML is dropped, and URLs other than
 * http(s), mailto and relative ones are removed by react-markdown's default URL filter, so
 * nothing a staff member writes can run in a customer's browser.
 */
export function Markdown({ source, className = "" }: { source: string; className?: string }) {
  return (
    <div className={`markdown ${className}`}>
      <ReactMarkdown remarkPlugins={[[remarkGfm, { singleTilde: false }]]} skipHtml>
        {source}
      </ReactMarkdown>
    </div>
  );
}
