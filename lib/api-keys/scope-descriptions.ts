import type { ApiScope } from "../auth/actor.ts";

/** What each scope lets a key do, in the admin's words (lib/auth/policy.ts decides). */
export const SCOPE_DESCRIPTIONS: Record<ApiScope, string> = {
  read: "read the page, its incidents, maintenance and components through the API",
  incidents: "create, update, resolve and delete incidents; postmortems, timelines and templates",
  components: "set component statuses (alerts from Alertmanager or Grafana need this), add, edit and delete components",
  maintenance: "schedule, change, start, complete and cancel maintenance",
  subscribers: "list, add and remove subscribers",
  admin: "all of the above, plus page settings and alert mappings (never staff accounts or API keys)",
};
