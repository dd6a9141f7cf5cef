import { describe, expect, it } from "vitest";
import { ownDatabase } from "../../tests/support/db.ts";
import { makeStaff } from "../../tests/support/factories.ts";
import { ConflictError, ForbiddenError, InvalidError } from "../errors.ts";
import { getPageSettings } from "./queries.ts";
import { updatePageSettings } from "./update-page-settings.ts";

const valid = {
  name: "Acme",
  publicUrl: "https://status.acme.test",
  timeZone: "Europe/Berlin",
  brandColor: "#123abc",
  logoUrl: "",
  supportUrl: "https://acme.test/help",
};

describe("updatePageSettings", () => {
  it("saves valid settings for an admin, refusing a stale version", async () => {
    const { db } = await ownDatabase();
    const admin = await makeStaff(db, { role: "admin" });
    await updatePageSettings({ db, actor: admin, input: { ...valid, version: 0 } });
    expect(await getPageSettings(db)).toMatchObject({
      name: "Acme",
      timeZone: "Europe/Berlin",
      logoUrl: null,
      supportUrl: "https://acme.test/help",
    });
    await updatePageSettings({ db, actor: admin, input: { ...valid, name: "Acme 2", version: 0 } });
    await expect(updatePageSettings({ db, actor: admin, input: { ...valid, name: "Stale", version: 0 } })).rejects.toThrow(
      ConflictError,
    );
    expect((await getPageSettings(db)).name).toBe("Acme 2");
  });

  it("names each wrong field: an unknown time zone, a bad colour, a URL with a query", async () => {
    const { db } = await ownDatabase();
    const admin = await makeStaff(db, { role: "admin" });
    const error = await updatePageSettings({
      db,
      actor: admin,
      input: { ...valid, version: 0, timeZone: "Mars/Olympus", brandColor: "red", publicUrl: "https://x.test/?a=1" },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidError);
    expect(Object.keys((error as InvalidError).fieldErrors).sort()).toEqual(["brandColor", "publicUrl", "timeZone"]);
  });

  it("refuses a URL whose path is not the one Upstate was built to serve under", async () => {
    const { db } = await ownDatabase();
    const admin = await makeStaff(db, { role: "admin" });
    // These tests run a build served at the host's root (no path in PUBLIC_URL).
    const error = await updatePageSettings({
      db,
      actor: admin,
      input: { ...valid, version: 0, publicUrl: "https://acme.test/status" },
    }).catch((e: unknown) => e);
    expect((error as InvalidError).fieldErrors).toEqual({
      publicUrl: "Upstate is served at the root of its host: leave the path out, or set PUBLIC_URL with the path and restart.",
    });
    await updatePageSettings({ db, actor: admin, input: { ...valid, version: 0, publicUrl: "https://acme.test/" } });
    expect((await getPageSettings(db)).publicUrl).toBe("https://acme.test/");
  });

  it("refuses editors", async () => {
    const { db } = await ownDatabase();
    const editor = await makeStaff(db);
    await expect(updatePageSettings({ db, actor: editor, input: { ...valid, version: 0 } })).rejects.toThrow(ForbiddenError);
  });
});

describe("subscription settings", () => {
  it("saves the open channels, sender name and reply-to address, and refuses header tricks", async () => {
    const { db } = await ownDatabase();
    const admin = await makeStaff(db, { role: "admin" });
    await updatePageSettings({
      db,
      actor: admin,
      input: {
        ...valid,
        version: 0,
        subscribeChannels: ["email", "slack"],
        mailSenderName: "Acme Status",
        mailReplyTo: "Help@Acme.test",
      },
    });
    expect(await db.pageSettings.findUniqueOrThrow({ where: { id: 1 } })).toMatchObject({
      subscribeChannels: ["email", "slack"],
      mailSenderName: "Acme Status",
      mailReplyTo: "help@acme.test",
    });
    const error = await updatePageSettings({
      db,
      actor: admin,
      input: {
        ...valid,
        version: 0,
        mailSenderName: "Acme\r\nBcc: all@example.com",
        mailReplyTo: "nobody",
        subscribeChannels: ["fax"] as never,
      },
    }).catch((e: unknown) => e);
    expect(Object.keys((error as InvalidError).fieldErrors).sort()).toEqual([
      "mailReplyTo",
      "mailSenderName",
      "subscribeChannels.0",
    ]);
    // Closing every channel is allowed; leaving the fields out keeps what is stored.
    await updatePageSettings({ db, actor: admin, input: { ...valid, version: 0, subscribeChannels: [], mailReplyTo: "" } });
    expect(await db.pageSettings.findUniqueOrThrow({ where: { id: 1 } })).toMatchObject({
      subscribeChannels: [],
      mailSenderName: "Acme Status",
      mailReplyTo: null,
    });
  });
});
