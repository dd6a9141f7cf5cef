/** What `signIn` reports when the rate limit refused an attempt (next-auth passes the message on). */
export const RATE_LIMITED_ERROR = "RateLimited";

/** next-auth's id of the OpenID Connect provider (lib/auth/options.ts). */
export const SSO_PROVIDER_ID = "oidc";

/** The sign-in page's `error` when single sign-on refused an email its provider did not verify. */
export const EMAIL_NOT_VERIFIED_ERROR = "EmailNotVerified";
