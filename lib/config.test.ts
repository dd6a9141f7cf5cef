import { describe, expect, it } from "vitest";
import { ConfigError, readConfig } from "./config.ts";

describe("readConfig", () => {
  it("has working defaults", () => {
    expect(readConfig({})).toMatchObject({ port: 3000, databaseUrl: undefined, seedDemo: true });
  });

  it.each([
    [{ PORT: "http" }, /PORT must be a whole number/],
    [{ PORT: "70000" }, /PORT must be a whole number/],
    [{ DATABASE_URL: "localhost:5432" }, /DATABASE_URL must start with postgresql/],
    [{ DATABASE_URL: "not a url" }, /DATABASE_URL is not a valid URL/],
    [
      { DATABASE_URL: "postgresql://db/upstate", DATABASE_REPLICA_URL: "replica:5432" },
      /DATABASE_REPLICA_URL must start with postgresql/,
    ],
    [{ DATABASE_REPLICA_URL: "postgresql://replica/upstate" }, /set DATABASE_URL too/],
    [
      { PUBLIC_URL: "status.example.com" },
      /PUBLIC_URL "status.example.com" is not usable: Enter a URL such as https:\/\/status.example.com/,
    ],
    [{ PUBLIC_URL: "ftp://example.com" }, /PUBLIC_URL "ftp:\/\/example.com" is not usable: The URL must start with http/],
    [{ ADMIN_EMAIL: "ops@example.com" }, /ADMIN_EMAIL and ADMIN_PASSWORD together/],
    [{ ADMIN_EMAIL: "ops", ADMIN_PASSWORD: "long-enough" }, /not an email address/],
    [{ ADMIN_EMAIL: "ops@example.com", ADMIN_PASSWORD: "short" }, /at least 8 characters/],
    [{ SEED_DEMO: "maybe" }, /SEED_DEMO must be 1 or 0/],
    [{ UPSTATE_BOOTSTRAP_API_KEY: "x".repeat(31) }, /UPSTATE_BOOTSTRAP_API_KEY must be at least 32 characters/],
    [{ UPSTATE_API_RATE_LIMIT: "lots" }, /UPSTATE_API_RATE_LIMIT must be a whole number/],
  ])("refuses %o with a clear message", (env, message) => {
    expect(() => readConfig(env)).toThrow(ConfigError);
    expect(() => readConfig(env)).toThrow(message);
  });
});
