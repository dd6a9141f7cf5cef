import type { Actor } from "../auth/actor.ts";
import { authorize } from "../auth/policy.ts";
import { type Db, type DbOrTx, inTransaction } from "../db/client.ts";
import { type Evaluation, evaluateComponent } from "./core/evaluate-component.ts";
import { labelsMatch, storedMatchers } from "./matchers.ts";
import { type AlertSource, type IncomingAlert, parseAlertWebhook } from "./payloads.ts";

export type ReceiveAlertsResult = {
  received: number;
  /** What the alerts did to each component they concern. */
  components: { componentId: string; result: Evaluation }[];
};

/**
 * Records a webhook's alerts and brings the components they map to in line, in one transaction.
 * An alert is one firing spell per (source, fingerprint, startsAt): a re-sent webhook changes
 * nothing, and a resolved spell stays resolved whatever arrives late for it.
 */
export async function receiveAlerts(options: {
  db: Db;
  /** The API key the webhook came with (the policy decides who may: the `components` scope). */
  actor: Actor;
  input: { source: AlertSource; body: unknown };
}): Promise<ReceiveAlertsResult> {
  const alerts = parseAlertWebhook(options.input.source, options.input.body);
  return inTransaction(options.db, async (tx) => {
    await authorize(tx, options.actor, "component.status");
    // The same order in every transaction, so two webhooks never wait on each other in a circle.
    const ordered = [...alerts].sort((a, b) => a.fingerprint.localeCompare(b.fingerprint));
    for (const alert of ordered) await recordAlert(tx, options.input.source, alert);
    // Resolved spells are kept a week, long enough for any re-send to find its spell resolved.
    await tx.$executeRaw`DELETE FROM "ReceivedAlert" WHERE "resolvedAt" < now() - interval '7 days'`;
    const componentIds = await componentsConcerned(tx, alerts);
    const components: ReceiveAlertsResult["components"] = [];
    for (const componentId of componentIds) {
      const result = await evaluateComponent(tx, { componentId, actor: options.actor });
      components.push({ componentId, result });
    }
    return { received: alerts.length, components };
  });
}

async function recordAlert(tx: DbOrTx, source: AlertSource, alert: IncomingAlert): Promise<void> {
  const labels = JSON.stringify(alert.labels);
  const annotations = JSON.stringify(alert.annotations);
  // A spell that resolved stays resolved (its first resolution time is kept); a firing re-send
  // only says it was seen again.
  await tx.$executeRaw`
    INSERT INTO "ReceivedAlert" (source, fingerprint, "startsAt", "resolvedAt", labels, annotations, "firstSeenAt", "lastSeenAt")
    VALUES (${source}, ${alert.fingerprint}, ${alert.startsAt}, ${alert.resolvedAt}, ${labels}::jsonb, ${annotations}::jsonb, now(), now())
    ON CONFLICT (source, fingerprint, "startsAt") DO UPDATE SET
      "resolvedAt" = coalesce("ReceivedAlert"."resolvedAt", excluded."resolvedAt"),
      labels = CASE WHEN "ReceivedAlert"."resolvedAt" IS NULL THEN excluded.labels ELSE "ReceivedAlert".labels END,
      annotations = CASE WHEN "ReceivedAlert"."resolvedAt" IS NULL THEN excluded.annotations ELSE "ReceivedAlert".annotations END,
      "lastSeenAt" = now()`;
}

/** The components of the mappings any of these alerts match, in a stable order (for locking). */
async function componentsConcerned(tx: DbOrTx, alerts: IncomingAlert[]): Promise<string[]> {
  const mappings = await tx.alertMapping.findMany({ select: { componentId: true, matchers: true } });
  const ids = new Set<string>();
  for (const mapping of mappings) {
    const matchers = storedMatchers(mapping.matchers);
    if (alerts.some((alert) => labelsMatch(matchers, alert.labels))) ids.add(mapping.componentId);
  }
  return [...ids].sort();
}
