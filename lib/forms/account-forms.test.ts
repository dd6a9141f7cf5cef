import { describe, expect, it } from "vitest";
import type { InvalidError } from "../errors.ts";
import { decodeAcceptInvitation, decodeChangePassword, decodeInvitation, decodeStaffSettings } from "./account-forms.ts";

const fieldErrors = (decode: () => unknown) => {
  try {
    decode();
  } catch (error) {
    return (error as InvalidError).fieldErrors;
  }
  throw new Error("decoded without an error");
};

describe("account form decoders", () => {
  it("read the staff settings: a ticked box, an interval or off", () => {
    expect(decodeStaffSettings({ requireTwoFactor: "on", staffReminderMinutes: "30" })).toEqual({
      requireTwoFactor: true,
      staffReminderMinutes: 30,
    });
    expect(decodeStaffSettings({ staffReminderMinutes: "off" })).toEqual({ requireTwoFactor: false, staffReminderMinutes: null });
    expect(fieldErrors(() => decodeStaffSettings({ staffReminderMinutes: "7" }))).toHaveProperty("staffReminderMinutes");
  });

  it("key password errors to the field that shows them", () => {
    expect(
      fieldErrors(() => decodeChangePassword({ currentPassword: "", newPassword: "short", confirmPassword: "short" })),
    ).toEqual({
      currentPassword: "Enter your current password.",
      newPassword: "Use at least 8 characters.",
    });
    expect(
      fieldErrors(() =>
        decodeAcceptInvitation({ token: "t", name: "A", password: "long-enough-1", confirmPassword: "other-one-22" }),
      ),
    ).toEqual({ confirmPassword: "The two passwords differ." });
  });

  it("read an invitation's email and role", () => {
    expect(decodeInvitation({ email: "a@example.com", role: "admin" })).toEqual({ email: "a@example.com", role: "admin" });
    expect(fieldErrors(() => decodeInvitation({ email: "nope", role: "editor" }))).toHaveProperty("email");
    expect(fieldErrors(() => decodeInvitation({ email: "a@example.com", role: "owner" }))).toHaveProperty("role");
  });
});
