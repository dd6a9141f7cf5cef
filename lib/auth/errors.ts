/** What `signIn` reports when the throttle refused an attempt (next-auth passes the message on). */
export const RATE_LIMITED_ERROR = "RateLimited";

/** The error message for a refused attempt, carrying the seconds to wait (not an instant: clocks differ). */
export function rateLimitedError(retryAt: Date, now = new Date()): string {
  return `${RATE_LIMITED_ERROR}:${Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / 1000))}`;
}

/** The seconds to wait from a `rateLimitedError` message, or null for any other error. */
export function readRateLimited(error: string | null | undefined): number | null {
  const match = /^RateLimited(?::(\d+))?$/.exec(error ?? "");
  if (!match) return null;
  return match[1] ? Number(match[1]) : 60;
}

/** How long to wait, in words: "8 seconds", "2 minutes". */
export function describeWait(seconds: number): string {
  if (seconds < 90) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minutes`;
}

/** next-auth's id of the OpenID Connect provider (lib/auth/options.ts). */
export const SSO_PROVIDER_ID = "oidc";

/**
 * What `signIn` reports when the database is gone or busy, or sign-in failed otherwise: codes
 * only, since next-auth puts the error in a URL, and an internal message there would name the
 * database server.
 */
export const DATABASE_UNAVAILABLE_ERROR = "DatabaseUnavailable";
export const DATABASE_BUSY_ERROR = "DatabaseBusy";
export const SIGN_IN_FAILED_ERROR = "SignInFailed";

/** What the sign-in page says for the error codes above, or null for a code it does not know. */
export function signInErrorMessage(code: string | undefined): string | null {
  switch (code) {
    case RATE_LIMITED_ERROR:
      return "Too many failed attempts. Wait 15 minutes, then try again.";
    case DATABASE_UNAVAILABLE_ERROR:
      return "The database cannot be reached, so nobody can sign in right now. Try again in a moment.";
    case DATABASE_BUSY_ERROR:
      return "The database is busy, so signing in did not finish. Try again in a moment.";
    case SIGN_IN_FAILED_ERROR:
      return "Signing in failed on the server. Try again in a moment.";
    default:
      return null;
  }
}

/** The sign-in page's `error` when single sign-on refused an email its provider did not verify. */
export const EMAIL_NOT_VERIFIED_ERROR = "EmailNotVerified";

/** What `signIn` reports when the password was right and the account's two-factor code is still needed. */
export const SECOND_FACTOR_REQUIRED = "SecondFactorRequired";
/** ... or when the code given was wrong, already used, or not a recovery code of the account. */
export const SECOND_FACTOR_WRONG = "SecondFactorWrong";
