import { encode } from "next-auth/jwt";
import { describe, expect, it, vi } from "vitest";
import { cacheKeyFor } from "./cache-policy.ts";
import { hasValidStaffSession } from "./staff-cookie.ts";

const secret = "staff-cookie-test-secret";

describe("hasValidStaffSession", () => {
  it("accepts a session token next-auth made with this secret, whole or in chunks", async () => {
    const token = await encode({ secret, token: { sub: "u1" }, maxAge: 3600 });
    expect(hasValidStaffSession(`theme=dark; next-auth.session-token=${token}`, secret)).toBe(true);
    expect(hasValidStaffSession(`__Secure-next-auth.session-token=${token}`, secret)).toBe(true);
    const half = Math.floor(token.length / 2);
    expect(
      hasValidStaffSession(
        `next-auth.session-token.0=${token.slice(0, half)}; next-auth.session-token.1=${token.slice(half)}`,
        secret,
      ),
    ).toBe(true);
  });

  it("refuses a made-up cookie, another secret's token, a tampered one and an expired one", async () => {
    const token = await encode({ secret, token: { sub: "u1" }, maxAge: 3600 });
    const other = await encode({ secret: "another-secret", token: { sub: "u1" }, maxAge: 3600 });
    const expired = await encode({ secret, token: { sub: "u1" }, maxAge: -60 });
    const tampered = `${token.slice(0, -3)}${token.endsWith("AAA") ? "BBB" : "AAA"}`;
    for (const value of ["abc", "a.b.c.d.e", other, expired, tampered, ""]) {
      expect(hasValidStaffSession(`next-auth.session-token=${value}`, secret), value.slice(0, 20)).toBe(false);
    }
    expect(hasValidStaffSession(`next-auth.session-token=${token}`, undefined)).toBe(false);
    expect(hasValidStaffSession(undefined, secret)).toBe(false);
  });

  it("lets only a real session skip the public cache", async () => {
    // Undone before the next test (unstubEnvs in vitest.config.ts).
    vi.stubEnv("NEXTAUTH_SECRET", secret);
    const token = await encode({ secret, token: { sub: "u1" }, maxAge: 3600 });
    const get = (cookie: string) => cacheKeyFor({ method: "GET", url: "/", headers: { cookie } });
    expect(get("next-auth.session-token=abc")).toBe("/");
    expect(get(`next-auth.session-token=${token}`)).toBeNull();
  });
});
