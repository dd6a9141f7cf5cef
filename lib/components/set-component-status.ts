import type { Actor } from "../auth/actor.ts";
import { type Db, inTransaction } from "../db/client.ts";
import { parseInput } from "../errors.ts";
import { applyComponentStatus } from "./core/apply-component-status.ts";
import { type SetComponentStatusInput, setComponentStatusSchema } from "./schemas.ts";

/** Sets a component's status now, outside any incident; recorded in its history like any change. */
export async function setComponentStatus(options: { db: Db; actor: Actor; input: SetComponentStatusInput }): Promise<void> {
  const input = parseInput(setComponentStatusSchema, options.input);
  await inTransaction(options.db, async (tx) => {
    await applyComponentStatus(tx, { actor: options.actor, input });
  });
}
