// Upstate can be published under a path of another site (`https://example.com/status`), behind a
// proxy that passes that path on unchanged. The path comes from PUBLIC_URL when the app is built
// (Next's `basePath`, see next.config.js, which applies the same rule) and is inlined in the
// bundles as UPSTATE_BASE_PATH, so pages and components prefix their own links with `withBase`.

/** The path part of a public URL without its trailing slash: "" at a host's root. */
export function basePathOf(publicUrl: string | undefined): string {
  if (!publicUrl?.trim()) return "";
  return new URL(publicUrl.trim()).pathname.replace(/\/{2,}/g, "/").replace(/\/+$/, "");
}

/**
 * The base path this build serves under: inlined at build time by next.config.js in Next's
 * bundles; in the server `npm start` runs in front of them (not bundled: the write API's handler
 * and its thread among others), PUBLIC_URL's path, from which the build took it (a start with
 * another path rebuilds first, lib/server/build.ts).
 */
export const BASE_PATH: string = process.env.UPSTATE_BASE_PATH ?? publicUrlPath();

function publicUrlPath(): string {
  try {
    return basePathOf(process.env.PUBLIC_URL);
  } catch {
    // Not a URL: the server's start refuses it with its own message (lib/config.ts).
    return "";
  }
}

/** A root-relative link (`/incidents/abc`) as the browser must request it: `/status/incidents/abc`. */
export function withBase(path: string): string {
  if (!BASE_PATH) return path;
  return path === "/" ? BASE_PATH : `${BASE_PATH}${path}`;
}
