import { z } from "zod";
import { parseInput } from "../errors.ts";
import type { Labels } from "./matchers.ts";

// The webhook bodies of Prometheus Alertmanager (version "4") and of Grafana's unified alerting
// contact point of type webhook (version "1"). Both carry `alerts[]` with `status`, `labels`,
// `annotations`, `startsAt`, `endsAt` and `fingerprint`; Grafana adds fields of its own
// (`values`, `valueString`, `silenceURL`, `dashboardURL`, `orgId`, `state`, `title`, `message`…),
// which are read past. A firing alert's `endsAt` is Go's zero time or a time in the future.

export type AlertSource = "alertmanager" | "grafana";

/** One alert as both tools describe it, reduced to what Upstate acts on. */
export type IncomingAlert = {
  fingerprint: string;
  status: "firing" | "resolved";
  labels: Labels;
  annotations: Labels;
  startsAt: Date;
  /** When it resolved; null while it fires. */
  resolvedAt: Date | null;
};

const MAX_ALERTS = 1_000;
const MAX_LABELS = 100;

const instant = (what: string) =>
  z
    .string({ error: `${what} must be an RFC 3339 time.` })
    .max(64)
    .transform((text, context) => {
      const at = new Date(text);
      if (Number.isNaN(at.getTime())) {
        context.addIssue({ code: "custom", message: `${what} must be an RFC 3339 time.` });
        return z.NEVER;
      }
      return at;
    });

const labelSet = (what: string) =>
  z
    .record(z.string().max(256), z.string({ error: `${what} values must be strings.` }).max(10_000), {
      error: `${what} must be an object of strings.`,
    })
    .refine((record) => Object.keys(record).length <= MAX_LABELS, `${what} may have at most ${MAX_LABELS} entries.`);

const alertSchema = z.object({
  status: z.enum(["firing", "resolved"], { error: 'status must be "firing" or "resolved".' }),
  labels: labelSet("labels"),
  annotations: labelSet("annotations").default({}),
  startsAt: instant("startsAt"),
  endsAt: instant("endsAt").optional(),
  fingerprint: z
    .string({ error: "fingerprint is required." })
    .min(1, "fingerprint is required.")
    .max(128, "fingerprint is too long."),
});

const webhookSchema = (version: string, tool: string) =>
  z.object({
    version: z
      .string({ error: `version is required (${tool} sends "${version}").` })
      .refine((value) => value === version, `version must be "${version}" (${tool}'s webhook format).`),
    status: z.enum(["firing", "resolved"], { error: 'status must be "firing" or "resolved".' }).optional(),
    alerts: z
      .array(alertSchema, { error: "alerts must be a list." })
      .max(MAX_ALERTS, `Send at most ${MAX_ALERTS} alerts at once.`),
  });

const SCHEMAS = {
  alertmanager: webhookSchema("4", "Alertmanager"),
  grafana: webhookSchema("1", "Grafana"),
} as const;

// Go's zero time (0001-01-01T00:00:00Z) and anything before 1970 mean "no end yet".
const isRealEnd = (at: Date | undefined): at is Date => at !== undefined && at.getTime() > 0;

/**
 * Reads a webhook body of `source`; a wrong one throws InvalidError naming the field
 * (`alerts.0.labels`). `now` decides whether an `endsAt` has passed.
 */
export function parseAlertWebhook(source: AlertSource, body: unknown, now = new Date()): IncomingAlert[] {
  const payload = parseInput(SCHEMAS[source], body);
  return payload.alerts.map((alert) => {
    const ended = isRealEnd(alert.endsAt) && alert.endsAt.getTime() <= now.getTime();
    const resolved = alert.status === "resolved" || ended;
    return {
      fingerprint: alert.fingerprint,
      status: resolved ? "resolved" : "firing",
      labels: alert.labels,
      annotations: alert.annotations,
      startsAt: alert.startsAt,
      resolvedAt: resolved ? (isRealEnd(alert.endsAt) ? alert.endsAt : now) : null,
    };
  });
}
