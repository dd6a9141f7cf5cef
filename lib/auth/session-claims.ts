/** How long a session lasts from sign-in, whatever happens meanwhile (README, "Sessions"). */
export const SESSION_SECONDS = 12 * 3600;

/**
 * What a session token says beyond the user id: the account's session version when it was made
 * (a bump ends every older session) and when its holder signed in (the absolute lifetime).
 */
export type SessionClaims = { userId?: string; sessionVersion?: unknown; signedInAt?: unknown };

/** Seconds since the epoch, the unit of JWT times. */
export const epochSeconds = (now: Date = new Date()) => Math.floor(now.getTime() / 1000);

/** Seconds a token signed in at `signedInAt` has left to live: never more than the lifetime. */
export function secondsLeft(signedInAt: unknown, now: Date = new Date()): number {
  if (typeof signedInAt !== "number" || !Number.isFinite(signedInAt)) return 0;
  return Math.min(SESSION_SECONDS, signedInAt + SESSION_SECONDS - epochSeconds(now));
}
