import { describe, expect, it } from "vitest";
import { base32Decode, base32Encode, hotp, matchTotp, otpauthUri, TOTP_STEP_SECONDS, totpCode, totpStep } from "./totp.ts";
import { hashRecoveryCode, looksLikeRecoveryCode, newRecoveryCodes, RECOVERY_CODE_COUNT } from "./totp-recovery-codes.ts";

const RFC_KEY = Buffer.from("12345678901234567890", "ascii");

describe("TOTP", () => {
  it("gives RFC 4226's HOTP test values", () => {
    const expected = ["755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489"];
    expect(expected.map((_, counter) => hotp(RFC_KEY, counter))).toEqual(expected);
  });

  it("gives RFC 6238's SHA-1 test values (8 digits, 30-second steps)", () => {
    const vectors: [number, string][] = [
      [59, "94287082"],
      [1111111109, "07081804"],
      [1111111111, "14050471"],
      [1234567890, "89005924"],
      [2000000000, "69279037"],
      [20000000000, "65353130"],
    ];
    for (const [seconds, code] of vectors) {
      expect(hotp(RFC_KEY, totpStep(new Date(seconds * 1000)), 8), String(seconds)).toBe(code);
    }
  });

  it("reads and writes base32 as authenticator apps do", () => {
    const secret = base32Encode(RFC_KEY);
    expect(secret).toBe("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    expect(base32Decode(secret.toLowerCase().replace(/(.{4})/g, "$1 "))?.equals(RFC_KEY)).toBe(true);
    expect(base32Decode("not base32!")).toBeNull();
    // The 6-digit code of the RFC's 59 s instant is the last six digits of its 8-digit one.
    expect(totpCode(secret, new Date(59_000))).toBe("287082");
  });

  it("accepts the code of the step before and after now, and no further", () => {
    const secret = base32Encode(RFC_KEY);
    const now = new Date(1111111111 * 1000);
    const step = totpStep(now);
    const at = (offsetSteps: number) => new Date(now.getTime() + offsetSteps * TOTP_STEP_SECONDS * 1000);
    expect(matchTotp(secret, totpCode(secret, now), now)).toBe(step);
    expect(matchTotp(secret, totpCode(secret, at(-1)), now)).toBe(step - 1);
    expect(matchTotp(secret, totpCode(secret, at(1)), now)).toBe(step + 1);
    expect(matchTotp(secret, totpCode(secret, at(-2)), now)).toBeNull();
    expect(matchTotp(secret, totpCode(secret, at(2)), now)).toBeNull();
    expect(matchTotp(secret, ` ${totpCode(secret, now).replace(/^(...)/, "$1 ")} `, now)).toBe(step);
    for (const junk of ["", "12345", "1234567", "abcdef", 123456, null]) expect(matchTotp(secret, junk, now)).toBeNull();
  });

  it("writes an otpauth URI apps read, naming the issuer and account", () => {
    const uri = new URL(otpauthUri({ secret: "JBSWY3DPEHPK3PXP", account: "ops@example.com", issuer: "Upstate" }));
    expect(uri.protocol).toBe("otpauth:");
    expect(uri.host).toBe("totp");
    expect(decodeURIComponent(uri.pathname)).toBe("/Upstate:ops@example.com");
    expect(Object.fromEntries(uri.searchParams)).toMatchObject({
      secret: "JBSWY3DPEHPK3PXP",
      issuer: "Upstate",
      digits: "6",
      period: "30",
    });
  });
});

describe("recovery codes", () => {
  it("makes ten distinct codes that do not look like TOTP codes, hashed however they are typed", () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(new Set(codes).size).toBe(RECOVERY_CODE_COUNT);
    for (const code of codes) {
      expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
      expect(looksLikeRecoveryCode(code)).toBe(true);
      expect(hashRecoveryCode(code.toUpperCase().replace("-", " "))).toBe(hashRecoveryCode(code));
    }
    expect(looksLikeRecoveryCode("123456")).toBe(false);
  });
});
