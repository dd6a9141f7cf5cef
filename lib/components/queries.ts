import type { DbOrTx } from "../db/client.ts";

// Reads of the staff components page. Each list is in its own position order; topLevelOrder
// (top-level-order.ts) says how groups and ungrouped components interleave.

const POSITION_ORDER = [{ position: "asc" as const }, { name: "asc" as const }];

/** The groups a component may be put in, for the components page's selects. */
export async function listGroupChoices(db: DbOrTx) {
  return db.componentGroup.findMany({ orderBy: POSITION_ORDER, select: { id: true, name: true } });
}

/** Every component with all its fields, for the components page's editors. */
export async function listComponentsForStaff(db: DbOrTx) {
  return db.component.findMany({ orderBy: POSITION_ORDER });
}
