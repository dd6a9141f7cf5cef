import pg from "pg";
import { expect, it } from "vitest";
import { migrate } from "../lib/db/migrate.ts";
import { databaseBefore } from "./support/migration-test.ts";

const MIGRATION = "20261128191153_update_cancels_window";

// Windows cancelled before IncidentUpdate.cancelsWindow existed were recognised by time alone; the
// migration must mark the update that really cancelled each one, and nothing else.
it("marks the update that cancelled each window: the one its audit row names, else the newest at its time", async () => {
  const url = await databaseBefore(MIGRATION);

  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const t = (minute: number) => new Date(Date.UTC(2026, 0, 1, 12, minute));
    const window = (id: string, cancelledAt: Date | null) =>
      client.query(
        `INSERT INTO "Incident" (id, kind, name, status, impact, "startedAt", "cancelledAt", "updatedAt")
         VALUES ($1, 'maintenance', $1, 'completed', 'maintenance', $2, $3, now())`,
        [id, t(0), cancelledAt],
      );
    const update = (id: string, incidentId: string, status: string, at: Date, createdAt: Date) =>
      client.query(
        `INSERT INTO "IncidentUpdate" (id, "incidentId", status, body, "displayAt", "createdAt", "updatedAt")
         VALUES ($1, $2, $3::"IncidentStatus", $1, $4, $5, now())`,
        [id, incidentId, status, at, createdAt],
      );
    const cancellationAudited = (incidentId: string, updateId: string) =>
      client.query(
        `INSERT INTO "AuditLog" (action, "targetType", "targetId", after) VALUES ('maintenance.cancelled', 'incident', $1, $2)`,
        [incidentId, JSON.stringify({ updateId })],
      );
    // Audited, and a note was later given the same time as the cancellation.
    await window("w1", t(30));
    await update("w1-start", "w1", "in_progress", t(0), t(0));
    await update("w1-cancel", "w1", "completed", t(30), t(30));
    await update("w1-note", "w1", "completed", t(30), t(31));
    await cancellationAudited("w1", "w1-cancel");
    // Audited, but the old editor moved `cancelledAt` onto another update's time.
    await window("w2", t(40));
    await update("w2-cancel", "w2", "completed", t(20), t(20));
    await update("w2-note", "w2", "completed", t(40), t(41));
    await cancellationAudited("w2", "w2-cancel");
    // No audit row: two completed updates at its time; the newest is taken.
    await window("w3", t(50));
    await update("w3-older", "w3", "completed", t(50), t(50));
    await update("w3-newer", "w3", "completed", t(50), t(52));
    // Completed, not cancelled.
    await window("w4", null);
    await update("w4-done", "w4", "completed", t(10), t(10));
  } finally {
    await client.end();
  }

  expect(await migrate(url)).toEqual([MIGRATION]);
  const check = new pg.Client({ connectionString: url });
  await check.connect();
  try {
    const marked = await check.query<{ id: string }>(`SELECT id FROM "IncidentUpdate" WHERE "cancelsWindow" ORDER BY id`);
    expect(marked.rows.map((r) => r.id)).toEqual(["w1-cancel", "w2-cancel", "w3-newer"]);
    const cancelled = await check.query<{ id: string; cancelledAt: Date | null }>(
      `SELECT id, "cancelledAt" FROM "Incident" ORDER BY id`,
    );
    expect(cancelled.rows.map((r) => [r.id, r.cancelledAt?.toISOString() ?? null])).toEqual([
      ["w1", "2026-01-01T12:30:00.000Z"],
      ["w2", "2026-01-01T12:20:00.000Z"],
      ["w3", "2026-01-01T12:50:00.000Z"],
      ["w4", null],
    ]);
  } finally {
    await check.end();
  }
});
