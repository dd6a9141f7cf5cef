import { describe, expect, it } from "vitest";
import { resolveOidcProfile } from "./oidc-profile.ts";

describe("resolveOidcProfile", () => {
  it("uses the ID token alone when it names the email and whether it is verified", async () => {
    let asked = false;
    const token = { sub: "1", email: "ann@example.com", email_verified: true, name: "Ann" };
    const profile = await resolveOidcProfile(token, async () => {
      asked = true;
      return {};
    });
    expect(profile).toEqual(token);
    expect(asked).toBe(false);
  });

  it("asks userinfo whether an ID token's email is verified when the token does not say", async () => {
    const token = { sub: "1", email: "ann@example.com", name: "Ann" };
    const verified = await resolveOidcProfile(token, async () => ({ sub: "1", email: "ann@example.com", email_verified: true }));
    expect(verified).toEqual({ ...token, email_verified: true });
    const silent = await resolveOidcProfile(token, async () => ({ sub: "1", email: "other@example.com" }));
    expect(silent).toEqual({ ...token, email: "other@example.com", email_verified: undefined });
  });

  it("reads the email from userinfo when the ID token has none", async () => {
    const profile = await resolveOidcProfile({ sub: "1" }, async () => ({
      sub: "1",
      email: "ann@example.com",
      email_verified: false,
      name: "Ann",
    }));
    expect(profile).toEqual({ sub: "1", email: "ann@example.com", email_verified: false, name: "Ann" });
  });

  it("ignores userinfo about another subject", async () => {
    const profile = await resolveOidcProfile({ sub: "1" }, async () => ({ sub: "2", email: "mallory@example.com" }));
    expect(profile.email).toBeUndefined();
  });
});
