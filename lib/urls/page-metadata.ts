import type { Metadata } from "next";
import { publicUrl, resolvePublicBase } from "./public-url.ts";

/**
 * Canonical and Open Graph tags for every page, from the public URL. `./` makes Next resolve each
 * page's canonical against `metadataBase` with the page's own path. The base ends with a slash so
 * that a path prefix (`https://example.com/status/`) is kept when Next joins the page's path.
 */
export function pageMetadata(options: { pageName: string; pagePublicUrl: string | null }): Metadata {
  const base = resolvePublicBase({ pagePublicUrl: options.pagePublicUrl });
  return {
    metadataBase: new URL(publicUrl({ pagePublicUrl: base, path: "/" })),
    alternates: {
      canonical: "./",
      types: {
        "application/atom+xml": publicUrl({ pagePublicUrl: base, path: "/history.atom" }),
        "application/rss+xml": publicUrl({ pagePublicUrl: base, path: "/history.rss" }),
      },
    },
    openGraph: { type: "website", siteName: `${options.pageName} Status`, url: "./" },
  };
}
