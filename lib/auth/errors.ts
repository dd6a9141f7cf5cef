/** What `signIn` reports when the rate limit refused an attempt (next-auth passes the message on). */
export const RATE_LIMITED_ERROR = "RateLimited";
