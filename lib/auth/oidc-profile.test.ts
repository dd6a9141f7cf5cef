import { describe, expect, it } from "vitest";
import { resolveOidcProfile } from "./oidc-profile.ts";

describe("resolveOidcProfile", () => {
  it("uses the ID token alone when it names the email", async () => {
    let asked = false;
    const profile = await resolveOidcProfile({ sub: "1", email: "ann@example.com", name: "Ann" }, async () => {
      asked = true;
      return {};
    });
    expect(profile).toEqual({ sub: "1", email: "ann@example.com", name: "Ann" });
    expect(asked).toBe(false);
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
