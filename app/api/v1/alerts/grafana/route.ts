import { handleAlertWebhook } from "@/lib/alerts/alert-webhook.ts";
import { withJsonErrors } from "@/lib/http/json-errors.ts";

// Grafana's unified alerting contact point of type Webhook (payload version 1).
export const dynamic = "force-dynamic";

export const POST = withJsonErrors((request: Request) => handleAlertWebhook(request, "grafana"));
