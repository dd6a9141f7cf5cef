import { systemActor } from "../auth/actor.ts";
import { type Db, inTransaction } from "../db/client.ts";
import { type Evaluation, evaluateComponent } from "./core/evaluate-component.ts";

export type ReleaseJob = { componentId: string; releaseAt: string };

/**
 * The job queued when a component's alerts all resolved within its minimum hold: at `releaseAt`
 * the component returns to operational, unless its alerts fired again or staff took it over
 * meanwhile. A job for a hold that was since replaced does nothing; under the state row's lock,
 * only one of several instances (or retries) changes anything.
 */
export async function releaseAlertHold(db: Db, job: ReleaseJob): Promise<Evaluation> {
  return inTransaction(db, async (tx) => {
    const state = await tx.componentAlertState.findUnique({
      where: { componentId: job.componentId },
      select: { releaseAt: true },
    });
    if (state?.releaseAt?.toISOString() !== job.releaseAt) return "unchanged";
    return evaluateComponent(tx, { componentId: job.componentId, actor: systemActor("alerts"), requeueHold: true });
  });
}
