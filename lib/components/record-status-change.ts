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
  const newest = await db.componentStatusChange.findFirst({
    where: { componentId: change.componentId },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    select: { status: true },
  });
  if (newest) {
    await db.component.update({ where: { id: change.componentId }, data: { status: newest.status } });
  }
}
