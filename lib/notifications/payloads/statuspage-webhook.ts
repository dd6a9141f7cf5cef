import type { ApiComponent, ApiIncident } from "../../public-api/queries.ts";
import { PAGE_ID } from "../../public-api/statuspage-v2.ts";
import { publicUrl } from "../../urls/public-url.ts";
import type { MessageContext } from "../message-context.ts";

// Statuspage's two webhook bodies, key for key and type for type (the real payloads are in
// tests/fixtures/statuspage/webhooks/), so that receivers written for Statuspage (Zulip's
// integration, FireHydrant, …) read Upstate's unchanged. Webhook instants are UTC, as Statuspage
// sends them.

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

const iso = (date: Date | null | undefined) => (date ? date.toISOString() : null);

function meta(context: MessageContext, unsubscribeUrl: string): Json {
  return {
    unsubscribe: unsubscribeUrl,
    documentation: publicUrl({ pagePublicUrl: context.publicBase, path: "/subscriptions/webhooks" }),
    generated_at: new Date().toISOString(),
  };
}

function page(context: MessageContext): Json {
  return { id: PAGE_ID, status_indicator: context.overall.indicator, status_description: context.overall.description };
}

function component(c: ApiComponent): Json {
  return {
    status: c.status,
    name: c.name,
    created_at: iso(c.createdAt),
    updated_at: iso(c.updatedAt),
    position: c.position,
    description: c.description,
    showcase: c.showUptime,
    id: c.id,
    page_id: PAGE_ID,
    group_id: c.groupId,
  };
}

function incident(context: MessageContext, incident: ApiIncident): Json {
  const isMaintenance = incident.kind === "maintenance";
  return {
    name: incident.name,
    status: !isMaintenance && incident.postmortem ? "postmortem" : incident.status,
    created_at: iso(incident.createdAt),
    updated_at: iso(incident.updatedAt),
    monitoring_at: iso(incident.monitoringAt),
    resolved_at: iso(incident.resolvedAt),
    impact: incident.impact,
    shortlink: publicUrl({ pagePublicUrl: context.publicBase, path: `/incidents/${incident.id}` }),
    postmortem_ignored: false,
    postmortem_body: incident.postmortem?.body ?? null,
    postmortem_body_last_updated_at: iso(incident.postmortem?.updatedAt),
    postmortem_published_at: iso(incident.postmortem?.publishedAt),
    postmortem_notified_subscribers: context.kind === "postmortem",
    postmortem_notified_twitter: false,
    backfilled: false,
    scheduled_for: iso(incident.scheduledFor),
    scheduled_until: iso(incident.scheduledUntil),
    scheduled_remind_prior: context.kind === "maintenance_reminder",
    scheduled_reminded_at: context.kind === "maintenance_reminder" ? new Date().toISOString() : null,
    impact_override: incident.impactOverride,
    scheduled_auto_in_progress: incident.autoStart,
    scheduled_auto_completed: incident.autoComplete,
    id: incident.id,
    page_id: PAGE_ID,
    // Newest first, as Statuspage sends them.
    incident_updates: incident.updates.map((update) => ({
      status: update.status,
      body: update.body,
      created_at: iso(update.createdAt),
      wants_twitter_update: false,
      twitter_updated_at: null,
      updated_at: iso(update.updatedAt),
      display_at: iso(update.displayAt),
      affected_components: update.changes.map((change) => ({
        code: change.componentId ?? change.id,
        name: change.componentName,
        old_status: change.oldStatus,
        new_status: change.newStatus,
      })),
      custom_tweet: null,
      deliver_notifications: update.deliverNotifications,
      id: update.id,
      incident_id: incident.id,
    })),
    components: context.data.components.filter((c) => incident.componentIds.includes(c.id)).map(component),
  };
}

/** The body POSTed to a webhook subscriber for this notification, or null if it has none. */
export function statuspageWebhookBody(context: MessageContext, unsubscribeUrl: string): Json | null {
  if (context.incident)
    return { meta: meta(context, unsubscribeUrl), page: page(context), incident: incident(context, context.incident) };
  const change = context.componentChange;
  const changed = change && context.data.components.find((c) => c.id === change.componentId);
  if (change && changed) {
    return {
      meta: meta(context, unsubscribeUrl),
      page: page(context),
      component: component(changed),
      component_update: {
        old_status: change.oldStatus,
        new_status: change.newStatus,
        created_at: change.at.toISOString(),
        component_type: "Component",
        id: `${context.notificationId}`,
        component_id: change.componentId,
      },
    };
  }
  return null;
}
