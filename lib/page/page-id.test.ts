import { describe, expect, it } from "vitest";
import { ownDatabase } from "../../tests/support/db.ts";
import { getPageId } from "./queries.ts";

describe("getPageId", () => {
  it("is null before the page exists, then a stable 12-character id", async () => {
    const { db } = await ownDatabase();
    expect(await getPageId(db)).toBeNull();
    await db.pageSettings.create({ data: { id: 1, name: "Acme" } });
    const id = await getPageId(db);
    expect(id).toMatch(/^[0-9a-f]{12}$/);
    await db.pageSettings.update({ where: { id: 1 }, data: { name: "Acme Inc." } });
    expect(await getPageId(db)).toBe(id);
  });
});
