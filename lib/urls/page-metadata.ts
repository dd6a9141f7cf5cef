import type { Metadata } from "next";
import { publicUrl, resolvePublicBase } from "./public-url.ts";

/**
 * Canonical and Open Graph tags for every page, from the public URL. `./` makes Next resolve each
 * page's canonical against `metadataBase` with the page's own path. The base ends with a slash so
 * that a path prefix (`https://example.com/status/`) is kept when Next joins the page's path; the
 * home page (`home`) names the base itself, since under a path the URL with the slash redirects.
 */
export function pageMetadata(options: { pageName: string; pagePublicUrl: string | null; home?: boolean }): Metadata {
  const base = resolvePublicBase({ pagePublicUrl: options.pagePublicUrl });
  const self = options.home ? base : "./";
  return {
    metadataBase: new URL(publicUrl({ pagePublicUrl: base, path: "/" })),
    alternates: {
      canonical: self,
      types: {
        "application/atom+xml": publicUrl({ pagePublicUrl: base, path: "/history.atom" }),
        "application/rss+xml": publicUrl({ pagePublicUrl: base, path: "/history.rss" }),
      },
    },
    openGraph: { type: "website", siteName: `${options.pageName} Status`, url: self },
  };
}
