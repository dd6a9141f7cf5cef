import { describe, expect, it } from "vitest";
import { ownDatabase } from "../../tests/support/db.ts";
import { makeApiKey, makeComponent } from "../../tests/support/factories.ts";
import { READ_PUBLIC_CHANGE_COUNTER } from "../cache/public-change.ts";
import type { ComponentStatus } from "../domain.ts";
import { ForbiddenError, InvalidError, NotFoundError } from "../errors.ts";
import { QUEUES } from "../jobs/queue.ts";
import { applyComponentStatusWrites } from "./core/apply-component-status.ts";
import { submitComponentStatus } from "./status-write-batches.ts";

// Status writes gathered into shared transactions (the write API's bursts): each write must come
// out as it would alone, in the order it arrived.

describe("component status writes in batches", () => {
  it("a burst from two keys: each write applied in order, refused alone, audited and notified once", async () => {
    const { db } = await ownDatabase();
    const writer = await makeApiKey(db, { scopes: ["components"], name: "pager" });
    const reader = await makeApiKey(db, { scopes: ["read"], name: "dashboard" });
    const api = await makeComponent(db, { name: "API" });
    const web = await makeComponent(db, { name: "Web" });
    const counter = async () => Number((await db.$queryRawUnsafe<{ value: string }[]>(READ_PUBLIC_CHANGE_COUNTER))[0]!.value);
    const countBefore = await counter();

    const sequence: [string, ComponentStatus][] = [
      [api.id, "degraded_performance"],
      [web.id, "major_outage"],
      [api.id, "major_outage"],
      [api.id, "major_outage"], // already so by the write before it: no change
      [web.id, "operational"],
      [api.id, "partial_outage"],
    ];
    const results = await Promise.allSettled([
      ...sequence.map(([componentId, status]) => submitComponentStatus({ db, actor: writer, input: { componentId, status } })),
      submitComponentStatus({ db, actor: reader, input: { componentId: api.id, status: "operational" } }),
      submitComponentStatus({ db, actor: writer, input: { componentId: "no-such-component", status: "operational" } }),
    ]);
    expect(results.slice(0, sequence.length).map((r) => (r.status === "fulfilled" ? r.value.changed : r.reason))).toEqual([
      true,
      true,
      true,
      false,
      true,
      true,
    ]);
    const [refused, missing] = results.slice(sequence.length);
    expect(refused?.status === "rejected" && refused.reason).toBeInstanceOf(ForbiddenError);
    expect(missing?.status === "rejected" && missing.reason).toBeInstanceOf(NotFoundError);

    const history = async (componentId: string) =>
      (
        await db.componentStatusChange.findMany({
          where: { componentId, source: "manual" },
          orderBy: [{ at: "asc" }, { id: "asc" }],
        })
      ).map((change) => change.status);
    expect(await history(api.id)).toEqual(["degraded_performance", "major_outage", "partial_outage"]);
    expect(await history(web.id)).toEqual(["major_outage", "operational"]);
    const stored = await db.component.findMany({ where: { id: { in: [api.id, web.id] } }, orderBy: { name: "asc" } });
    expect(stored.map((c) => c.status)).toEqual(["partial_outage", "operational"]);

    const audit = await db.auditLog.findMany({ where: { action: "component.status_set" }, orderBy: { id: "asc" } });
    expect(audit.map((row) => [row.targetId, row.apiKeyId, row.actorEmail, row.before, row.after])).toEqual([
      [api.id, writer.id, "api-key:pager", { status: "operational" }, { status: "degraded_performance" }],
      [web.id, writer.id, "api-key:pager", { status: "operational" }, { status: "major_outage" }],
      [api.id, writer.id, "api-key:pager", { status: "degraded_performance" }, { status: "major_outage" }],
      [web.id, writer.id, "api-key:pager", { status: "major_outage" }, { status: "operational" }],
      [api.id, writer.id, "api-key:pager", { status: "major_outage" }, { status: "partial_outage" }],
    ]);
    const notifications = await db.notification.findMany({ where: { kind: "component" }, select: { id: true, data: true } });
    expect(notifications).toHaveLength(5);
    const jobs = await db.$queryRaw<{ key: string }[]>`
      SELECT singleton_key AS key FROM pgboss.job WHERE name = ${QUEUES.fanOut}`;
    expect(jobs.map((job) => job.key).sort()).toEqual(notifications.map((n) => n.id).sort());
    // The first write went alone, the rest (arriving while it was written) together: two
    // transactions told the public pages, not five.
    expect(await counter()).toBe(countBefore + 2);
  });

  it("applies writes of one transaction in order, counting the ones before as the status they start from", async () => {
    const { db } = await ownDatabase();
    const key = await makeApiKey(db, { scopes: ["components"] });
    const search = await makeComponent(db, { status: "major_outage" });
    const outcomes = await db.$transaction((tx) =>
      applyComponentStatusWrites(tx, [
        { actor: key, input: { componentId: search.id, status: "major_outage", deliverNotifications: true } },
        { actor: key, input: { componentId: search.id, status: "operational", deliverNotifications: false } },
        { actor: key, input: { componentId: search.id, status: "operational", deliverNotifications: true } },
      ]),
    );
    expect(outcomes).toEqual([{ changed: false }, { changed: true }, { changed: false }]);
    expect((await db.component.findUniqueOrThrow({ where: { id: search.id } })).status).toBe("operational");
    // The one change asked not to tell subscribers.
    expect(await db.notification.count({ where: { componentId: search.id } })).toBe(0);
  });

  it("refuses an invalid status before it joins a batch", async () => {
    const { db } = await ownDatabase();
    const key = await makeApiKey(db, { scopes: ["components"] });
    const component = await makeComponent(db);
    expect(() =>
      submitComponentStatus({ db, actor: key, input: { componentId: component.id, status: "on_fire" as ComponentStatus } }),
    ).toThrow(InvalidError);
  });

  it("answers each write with a read made after its batch committed, once for the writes that ask the same read", async () => {
    const { db } = await ownDatabase();
    const writer = await makeApiKey(db, { scopes: ["components"] });
    const components = await Promise.all([makeComponent(db), makeComponent(db), makeComponent(db)]);
    let reads = 0;
    const readAfter = {
      key: "statuses",
      read: async () => {
        reads++;
        const rows = await db.component.findMany({ where: { id: { in: components.map((c) => c.id) } } });
        return new Map(rows.map((row) => [row.id, row.status]));
      },
    };
    const written = await Promise.all(
      components.map((component) =>
        submitComponentStatus({ db, actor: writer, input: { componentId: component.id, status: "major_outage" }, readAfter }),
      ),
    );
    // The first write goes alone (nothing waits to fill a batch); the two arriving meanwhile share the next.
    expect(reads).toBe(2);
    for (const [index, component] of components.entries()) {
      expect(written[index]!.changed).toBe(true);
      expect(written[index]!.read.get(component.id)).toBe("major_outage");
    }
    const refused = await submitComponentStatus({
      db,
      actor: writer,
      input: { componentId: "no-such-component", status: "operational" },
      readAfter,
    }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(NotFoundError);
    expect(reads).toBe(2);
  });
});
