import type { DbOrTx } from "../db/client.ts";
import { InvalidError } from "../errors.ts";

/** Refuses component ids that are not (or no longer) there, as a form opened before a deletion sends. */
export async function assertComponentsExist(tx: DbOrTx, componentIds: readonly string[]): Promise<void> {
  const found = await tx.component.count({ where: { id: { in: [...componentIds] } } });
  if (found !== new Set(componentIds).size) {
    throw new InvalidError("A component was deleted meanwhile: reload the page.", { components: "Unknown component." });
  }
}
