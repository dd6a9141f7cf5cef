import type { DbOrTx } from "../db/client.ts";
import type { PageSettingsView } from "../page/queries.ts";
import { type ApiGroup, type ApiIncident, getApiPageBaseAndId, type PublicApiData } from "../public-api/queries.ts";
import { PAGE_ID, serializeComponent, serializeComponents, serializeIncident } from "../public-api/statuspage-v2.ts";
import { toIsoInZone, toIsoInZoneOrNull } from "../time/iso-in-zone.ts";
import { publicUrl } from "../urls/public-url.ts";

// Response bodies of the Manage API v1. Incidents and components have the shape of the public
// Status API v2 (Statuspage uses one shape for both), so those serializers are reused; the page,
// groups, postmortems and subscribers have Manage-API-only shapes, built here from plain data.

/** The page and its components, with the page's id in the write API (lib/page/queries.ts `getPageId`). */
export type PageBase = Omit<PublicApiData, "incidents" | "maintenances"> & { pageId: string };

export async function loadPageBase(db: DbOrTx): Promise<PageBase> {
  const { base, pageId } = await getApiPageBaseAndId(db);
  return { ...base, pageId: pageId ?? PAGE_ID };
}

const asData = (base: PageBase): PublicApiData => ({ ...base, incidents: [], maintenances: [] });

/** The public API names the page `upstate`; the write API by its own id, which its paths take. */
function onPage<T extends Record<string, unknown>>(json: T, base: PageBase): T {
  return { ...json, page_id: base.pageId };
}

export function incidentJson(incident: ApiIncident, base: PageBase, extra: { version: number }) {
  const json = serializeIncident(incident, asData(base));
  const components = (json.components as Record<string, unknown>[]).map((component) => onPage(component, base));
  return { ...onPage(json, base), components, version: extra.version };
}

export function componentsJson(base: PageBase) {
  return serializeComponents(asData(base)).map((component) => onPage(component, base));
}

export function componentJson(componentId: string, base: PageBase, extra: { version: number }) {
  const component = base.components.find((c) => c.id === componentId);
  return component ? { ...onPage(serializeComponent(component, asData(base)), base), version: extra.version } : null;
}

export function componentGroupJson(group: ApiGroup, base: PageBase) {
  const zone = base.page.timeZone;
  return {
    id: group.id,
    page_id: base.pageId,
    name: group.name,
    description: group.description,
    components: base.components.filter((c) => c.groupId === group.id).map((c) => c.id),
    position: group.position,
    created_at: toIsoInZone(group.createdAt, zone),
    updated_at: toIsoInZone(group.updatedAt, zone),
  };
}

export type PageRow = PageSettingsView & {
  subscribeChannels: string[];
  mailReplyTo: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
};

export function pageJson(page: PageRow, base: PageBase) {
  const zone = page.timeZone;
  const url = publicUrl({ pagePublicUrl: base.publicBase });
  const offers = (channel: string) => page.subscribeChannels.includes(channel);
  return {
    id: base.pageId,
    created_at: toIsoInZone(page.createdAt, zone),
    updated_at: toIsoInZone(page.updatedAt, zone),
    name: page.name,
    page_description: null,
    headline: null,
    branding: "basic",
    subdomain: null,
    domain: new URL(url).host,
    url,
    support_url: page.supportUrl,
    hidden_from_search: false,
    allow_page_subscribers: page.subscribeChannels.length > 0,
    allow_incident_subscribers: false,
    allow_email_subscribers: offers("email"),
    allow_sms_subscribers: false,
    allow_rss_atom_feeds: true,
    allow_webhook_subscribers: offers("webhook"),
    notifications_from_email: page.mailReplyTo,
    notifications_email_footer: null,
    activity_score: 0,
    twitter_username: null,
    viewers_must_be_team_members: false,
    ip_restrictions: null,
    city: null,
    state: null,
    country: null,
    time_zone: page.timeZone,
    favicon_logo: null,
    transactional_logo: null,
    hero_cover: null,
    email_logo: null,
    twitter_logo: null,
    // Upstate's own settings, beside Statuspage's.
    brand_color: page.brandColor,
    logo_url: page.logoUrl,
    version: page.version,
  };
}

export type PostmortemRow = { body: string; publishedAt: Date | null; updatedAt: Date; version: number };

/** Upstate keeps one text: the draft, which is also what the page shows once published. */
export function postmortemJson(postmortem: PostmortemRow, base: PageBase) {
  const zone = base.page.timeZone;
  const published = postmortem.publishedAt !== null;
  return {
    preview_key: null,
    body: published ? postmortem.body : null,
    body_updated_at: published ? toIsoInZone(postmortem.updatedAt, zone) : null,
    body_draft: postmortem.body,
    body_draft_updated_at: toIsoInZone(postmortem.updatedAt, zone),
    published_at: toIsoInZoneOrNull(postmortem.publishedAt, zone),
    notify_subscribers: false,
    notify_twitter: false,
    custom_tweet: null,
    version: postmortem.version,
  };
}

export type SubscriberRowForApi = {
  id: string;
  channel: string;
  target: string;
  state: string;
  wholePage: boolean;
  componentIds: string[];
  createdAt: Date;
  disabledReason?: string | null;
};

export function subscriberJson(subscriber: SubscriberRowForApi, base: PageBase) {
  const zone = base.page.timeZone;
  return {
    id: subscriber.id,
    mode: subscriber.channel,
    email: subscriber.channel === "email" ? subscriber.target : null,
    endpoint: subscriber.channel === "email" ? null : subscriber.target,
    phone_number: null,
    phone_country: null,
    display_phone_number: null,
    obfuscated_channel_name: null,
    workspace_name: null,
    skip_confirmation_notification: subscriber.state !== "pending",
    quarantined_at: null,
    purge_at: null,
    components: subscriber.wholePage ? [] : subscriber.componentIds,
    page_access_user_id: null,
    created_at: toIsoInZone(subscriber.createdAt, zone),
    // Upstate's: pending (awaiting confirmation), active or disabled.
    state: subscriber.state,
  };
}
