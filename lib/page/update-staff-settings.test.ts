import { describe, expect, it } from "vitest";
import { ownDatabase } from "../../tests/support/db.ts";
import { makeStaff } from "../../tests/support/factories.ts";
import { ForbiddenError, type InvalidError } from "../errors.ts";
import { staffReminderMinutes } from "../incidents/quiet-incidents.ts";
import { mustEnrolTwoFactor } from "../users/two-factor-requirement.ts";
import { updateStaffSettings } from "./update-staff-settings.ts";

describe("staff settings", () => {
  it("an admin requires two-factor: password accounts without it must enrol, others need not", async () => {
    const { db } = await ownDatabase();
    const admin = await makeStaff(db, { role: "admin" });
    const sso = await makeStaff(db);
    await db.user.update({ where: { id: sso.id }, data: { passwordHash: null } });
    const enrolled = await makeStaff(db);
    await db.user.update({ where: { id: enrolled.id }, data: { totpSecret: "JBSWY3DPEHPK3PXP", totpEnabledAt: new Date() } });
    expect(await mustEnrolTwoFactor(db, admin.id)).toBe(false);
    await updateStaffSettings({ db, actor: admin, input: { requireTwoFactor: true, staffReminderMinutes: 15 } });
    expect(await mustEnrolTwoFactor(db, admin.id)).toBe(true);
    expect(await mustEnrolTwoFactor(db, sso.id)).toBe(false);
    expect(await mustEnrolTwoFactor(db, enrolled.id)).toBe(false);
    expect(await staffReminderMinutes(db)).toBe(15);
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "settings.staff_updated" } });
    expect(audit.after).toEqual({ requireTwoFactor: true, staffReminderMinutes: 15 });
  });

  it("reminders default to 30 minutes, can be off, and take only the listed intervals; editors are refused", async () => {
    const { db } = await ownDatabase();
    const admin = await makeStaff(db, { role: "admin" });
    const editor = await makeStaff(db);
    expect(await staffReminderMinutes(db)).toBe(30);
    await updateStaffSettings({ db, actor: admin, input: { requireTwoFactor: false, staffReminderMinutes: null } });
    expect(await staffReminderMinutes(db)).toBeNull();
    const odd = await updateStaffSettings({
      db,
      actor: admin,
      input: { requireTwoFactor: false, staffReminderMinutes: 7 },
    }).catch((e: unknown) => e);
    expect((odd as InvalidError).fieldErrors).toHaveProperty("staffReminderMinutes");
    await expect(
      updateStaffSettings({ db, actor: editor, input: { requireTwoFactor: false, staffReminderMinutes: 30 } }),
    ).rejects.toBeInstanceOf(ForbiddenError);
  });
});
