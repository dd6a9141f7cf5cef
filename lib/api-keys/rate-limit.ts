export const DEFAULT_API_RATE_LIMIT = 600;

/**
 * UPSTATE_API_RATE_LIMIT: a whole number of requests a minute per API key (default 600), or null
 * when it is not one. Here rather than in lib/config.ts, which the app's server bundle cannot
 * load: lib/config.ts refuses a bad value at start with this same function, so requests only
 * ever see a good one.
 */
export function parseApiRateLimit(raw: string | undefined): number | null {
  if (raw === undefined || raw.trim() === "") return DEFAULT_API_RATE_LIMIT;
  const limit = Number(raw);
  return Number.isInteger(limit) && limit >= 1 && limit <= 1_000_000 ? limit : null;
}
