import { defineConfig } from "prisma/config";

// Prisma's CLI is used here only for `prisma generate` (the native schema engine cannot be
// downloaded on our machines); migrations are applied by lib/db/migrate.ts.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "" },
});
