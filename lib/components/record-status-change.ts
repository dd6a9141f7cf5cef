import type { DbOrTx } from "../db/client.ts";
import type { ComponentStatus } from "../domain.ts";

type StatusChangeSource = "manual" | "incident" | "maintenance" | "import" | "seed";

/**
 * Records that a component had `status` from `at` on, and keeps the component's current status
 * equal to its newest change, so that a back-dated change never overrides a later one.
 */
export async function recordStatusChange(
  db: DbOrTx,
  change: {
    componentId: string;
    status: ComponentStatus;
    at: Date;
    source: StatusChangeSource;
    incidentId?: string;
    incidentUpdateId?: string;
  },
): Promise<void> {
  await db.componentStatusChange.create({ data: change });
  await syncCurrentStatuses(db, [change.componentId]);
}

/**
 * Several changes at once (a batch of writes in one transaction): one statement, whatever their
 * number. Inserted in the given order (ids ascending), so that of two changes of one component at
 * the same instant the later one is the newer in its history; each component's current status is
 * then its newest change, as syncCurrentStatuses sets it.
 */
export async function recordStatusChanges(
  db: DbOrTx,
  changes: { componentId: string; status: ComponentStatus; at: Date; source: StatusChangeSource }[],
): Promise<void> {
  if (changes.length === 0) return;
  const componentIds = [...new Set(changes.map((change) => change.componentId))];
  // Raw, with one array per column: a statement of the same text for any number of rows (Prisma's
  // createMany built and compiled a new query per batch size, the most of a status batch's time).
  // The insert and the sync in one round trip: the UPDATE does not see the rows its own statement
  // inserts, so the newest change is taken from them and from the newest stored one. Components
  // are locked as syncCurrentStatuses locks them (in id order, FOR NO KEY UPDATE).
  await db.$executeRaw`WITH inserted AS (
      INSERT INTO "ComponentStatusChange" ("componentId", status, at, source, "createdAt")
      SELECT component_id, status, at, source, statement_timestamp()
      FROM unnest(
        ${changes.map((change) => change.componentId)}::text[],
        ${changes.map((change) => change.status)}::text[]::"ComponentStatus"[],
        ${changes.map((change) => change.at.toISOString())}::text[]::timestamptz[],
        ${changes.map((change) => change.source)}::text[]::"StatusChangeSource"[]
      ) WITH ORDINALITY AS change(component_id, status, at, source, n)
      ORDER BY n
      RETURNING id, "componentId", status, at
    )
    UPDATE "Component" AS component SET "updatedAt" = ${new Date()}, status = (
      SELECT newest.status FROM (
        SELECT i.status, i.at, i.id FROM inserted i WHERE i."componentId" = component.id
        UNION ALL
        (SELECT c.status, c.at, c.id FROM "ComponentStatusChange" c WHERE c."componentId" = component.id
          ORDER BY c.at DESC, c.id DESC LIMIT 1)
      ) AS newest
      ORDER BY newest.at DESC, newest.id DESC LIMIT 1)
    FROM (SELECT id FROM "Component" WHERE id = ANY(${componentIds}::text[]) ORDER BY id FOR NO KEY UPDATE) AS locked
    WHERE component.id = locked.id`;
}

/**
 * Locks components until the transaction ends, in id order and as an UPDATE would (FOR NO KEY
 * UPDATE: a history row inserted meanwhile, which holds its component FOR KEY SHARE, does not wait
 * for it). The writers of several components (status writes, incident updates, reorders, deletions)
 * take them this way before changing any, so that two of them never each hold a component the other
 * waits for. Returns the components that still exist, in id order. (The Statuspage import, run by
 * an admin alone, writes in the export's order.)
 */
export async function lockComponents(
  db: DbOrTx,
  componentIds: readonly string[],
): Promise<{ id: string; name: string; status: ComponentStatus }[]> {
  if (componentIds.length === 0) return [];
  return db.$queryRaw<{ id: string; name: string; status: ComponentStatus }[]>`
    SELECT id, name, status::text AS status FROM "Component" WHERE id = ANY(${[...new Set(componentIds)]}::text[]) ORDER BY id FOR NO KEY UPDATE`;
}

/** Sets components' current statuses to their newest recorded changes (after history was moved or removed). */
export async function syncCurrentStatuses(db: DbOrTx, componentIds: readonly string[]): Promise<void> {
  if (componentIds.length === 0) return;
  // One statement (this runs in every status change, at the write API's rate): the newest change
  // by instant, then by id, as `findFirst` ordered [at desc, id desc] would find it. Several rows
  // are locked in id order (two such statements cannot each hold what the other waits for), and
  // as an UPDATE locks them (FOR NO KEY UPDATE: a history row inserted meanwhile, which holds the
  // component FOR KEY SHARE, does not wait for it, nor it for that).
  await db.$executeRaw`UPDATE "Component" AS component SET "updatedAt" = ${new Date()}, status = coalesce(
      (SELECT c.status FROM "ComponentStatusChange" c WHERE c."componentId" = component.id ORDER BY c.at DESC, c.id DESC LIMIT 1),
      'operational')
    FROM (SELECT id FROM "Component" WHERE id = ANY(${[...componentIds]}::text[]) ORDER BY id FOR NO KEY UPDATE) AS locked
    WHERE component.id = locked.id`;
}

/** The status a component's history gives it at `at`; null before its first change. */
export async function recordedStatusAt(db: DbOrTx, componentId: string, at: Date): Promise<ComponentStatus | null> {
  const change = await db.componentStatusChange.findFirst({
    where: { componentId, at: { lte: at } },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    select: { status: true },
  });
  return change?.status ?? null;
}

/** The status a component had at `at` by its history (its current status when it has none). */
export async function statusAt(db: DbOrTx, componentId: string, at: Date): Promise<ComponentStatus | null> {
  const recorded = await recordedStatusAt(db, componentId, at);
  if (recorded) return recorded;
  const component = await db.component.findUnique({ where: { id: componentId }, select: { status: true } });
  return component?.status ?? null;
}
