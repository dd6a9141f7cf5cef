// The names of the fields a form repeats for each item (a component, a channel). The forms build
// them with these; their decoders (beside, in lib/forms/*-forms.ts) read them back grouped by
// prefix (decode-form.ts#groupPrefixedFields). No zod here: client components import this.

/** The status select of one component in an update's component changes (empty: no change). */
export const COMPONENT_CHANGE = "component:";
export const componentChangeField = (componentId: string) => `${COMPONENT_CHANGE}${componentId}`;

/** The "keep at its status" box of one affected component, when resolving an incident. */
export const KEEP_COMPONENT = "keep:";
export const keepComponentField = (componentId: string) => `${KEEP_COMPONENT}${componentId}`;

/** The box of one component a maintenance window puts under maintenance. */
export const AFFECTS_COMPONENT = "affects:";
export const affectsComponentField = (componentId: string) => `${AFFECTS_COMPONENT}${componentId}`;

/** The box of one channel visitors may subscribe with, in the page settings. */
export const SUBSCRIBE_CHANNEL = "channel:";
export const subscribeChannelField = (channel: string) => `${SUBSCRIBE_CHANNEL}${channel}`;

/** The box of one scope a new API key gets, on the API keys page. */
export const API_KEY_SCOPE = "scope:";
export const apiKeyScopeField = (scope: string) => `${API_KEY_SCOPE}${scope}`;

/** The box that chooses one component for the components page's bulk status change. */
export const BULK_COMPONENT = "bulk:";
export const bulkComponentField = (componentId: string) => `${BULK_COMPONENT}${componentId}`;
/** The box that chooses every component of a group for the bulk status change. */
export const BULK_GROUP = "bulkgroup:";
export const bulkGroupField = (groupId: string) => `${BULK_GROUP}${groupId}`;
