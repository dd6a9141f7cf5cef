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
  await syncCurrentStatus(db, change.componentId);
}

/** Sets a component's current status to its newest recorded change (after history was moved or removed). */
export async function syncCurrentStatus(db: DbOrTx, componentId: string): Promise<void> {
  // One statement (this runs in every status change, at the write API's rate): the newest change
  // by instant, then by id, as `findFirst` ordered [at desc, id desc] would find it.
  await db.$executeRaw`UPDATE "Component" SET "updatedAt" = ${new Date()}, status = coalesce(
      (SELECT c.status FROM "ComponentStatusChange" c WHERE c."componentId" = ${componentId} ORDER BY c.at DESC, c.id DESC LIMIT 1),
      'operational')
    WHERE id = ${componentId}`;
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
