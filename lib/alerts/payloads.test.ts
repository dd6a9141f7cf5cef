import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { InvalidError } from "../errors.ts";
import { parseAlertWebhook } from "./payloads.ts";

const fixture = (name: string) =>
  JSON.parse(readFileSync(path.resolve(import.meta.dirname, "../../tests/fixtures", name), "utf8")) as Record<string, unknown>;

function fieldErrors(run: () => unknown): Record<string, string> {
  try {
    run();
  } catch (error) {
    if (error instanceof InvalidError) return error.fieldErrors;
    throw error;
  }
  throw new Error("expected an InvalidError");
}

describe("alert webhook bodies", () => {
  it("read a body recorded from Alertmanager 0.25, firing then resolved", () => {
    const [firing] = parseAlertWebhook("alertmanager", fixture("alertmanager/webhook-firing.json"));
    expect(firing).toEqual({
      fingerprint: "eedd11a0dfc8c689",
      status: "firing",
      labels: { alertname: "AuthKitDown", service: "authkit", severity: "critical" },
      annotations: { summary: "AuthKit is down" },
      startsAt: expect.any(Date),
      resolvedAt: null,
    });
    const [resolved] = parseAlertWebhook("alertmanager", fixture("alertmanager/webhook-resolved.json"));
    expect(resolved?.status).toBe("resolved");
    expect(resolved?.fingerprint).toBe(firing?.fingerprint);
    expect(resolved?.startsAt.getTime()).toBe(firing?.startsAt.getTime());
    expect(resolved?.resolvedAt?.getTime()).toBeGreaterThan(firing!.startsAt.getTime());
  });

  it("read Grafana's unified alerting body, its own fields read past", () => {
    const alerts = parseAlertWebhook("grafana", fixture("grafana/webhook-firing.json"));
    expect(alerts.map((alert) => [alert.fingerprint, alert.status, alert.labels.severity])).toEqual([
      ["4b1ad8a8f1c83e7d", "firing", "critical"],
      ["9c0e27e1d3b2a615", "resolved", "warning"],
    ]);
    expect(alerts[0]?.startsAt.toISOString()).toBe("2026-11-30T20:12:40.177Z");
    expect(alerts[1]?.resolvedAt?.toISOString()).toBe("2026-11-30T20:10:10.000Z");
  });

  it("take an alert whose endsAt has passed as resolved, whatever its status says", () => {
    const body = fixture("alertmanager/webhook-firing.json");
    const alert = { ...(body.alerts as object[])[0], endsAt: "2020-01-01T00:00:00Z" };
    const [parsed] = parseAlertWebhook("alertmanager", { ...body, alerts: [alert] });
    expect(parsed?.status).toBe("resolved");
    expect(parsed?.resolvedAt?.toISOString()).toBe("2020-01-01T00:00:00.000Z");
  });

  it("name the field that is wrong", () => {
    const body = fixture("alertmanager/webhook-firing.json");
    const first = (body.alerts as Record<string, unknown>[])[0]!;
    expect(fieldErrors(() => parseAlertWebhook("alertmanager", { ...body, alerts: "no" }))).toHaveProperty("alerts");
    expect(fieldErrors(() => parseAlertWebhook("alertmanager", { ...body, version: "3" }))).toHaveProperty("version");
    expect(fieldErrors(() => parseAlertWebhook("grafana", body))).toHaveProperty("version");
    const { fingerprint: _dropped, ...withoutFingerprint } = first;
    expect(fieldErrors(() => parseAlertWebhook("alertmanager", { ...body, alerts: [withoutFingerprint] }))).toHaveProperty([
      "alerts.0.fingerprint",
    ]);
    expect(
      fieldErrors(() => parseAlertWebhook("alertmanager", { ...body, alerts: [{ ...first, startsAt: "soon" }] })),
    ).toHaveProperty(["alerts.0.startsAt"]);
    expect(
      fieldErrors(() => parseAlertWebhook("alertmanager", { ...body, alerts: [{ ...first, labels: { a: 1 } }] })),
    ).toHaveProperty(["alerts.0.labels.a"]);
    expect(fieldErrors(() => parseAlertWebhook("alertmanager", null))).toHaveProperty("form");
  });
});
