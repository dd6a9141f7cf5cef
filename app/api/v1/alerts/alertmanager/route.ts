import { handleAlertWebhook } from "@/lib/alerts/alert-webhook.ts";
import { withJsonErrors } from "@/lib/http/json-errors.ts";

// Prometheus Alertmanager's webhook receiver (webhook_configs, payload version 4).
export const dynamic = "force-dynamic";

export const POST = withJsonErrors((request: Request) => handleAlertWebhook(request, "alertmanager"));
