import { SESSION_SECONDS } from "./session-claims.ts";

// A hint, readable by scripts, that this browser has a staff session: public pages show their
// "Edit in admin" link from it in the browser, so the HTML they send (and caches keep) is the
// same for everyone. It grants nothing: the admin checks the real session.

export const STAFF_HINT_COOKIE = "upstate-staff";

/** The Set-Cookie text that marks (or, `off`, unmarks) this browser as a staff member's. */
export function staffHintCookie(on: boolean): string {
  return `${STAFF_HINT_COOKIE}=${on ? "1" : ""}; Path=/; Max-Age=${on ? SESSION_SECONDS : 0}; SameSite=Lax`;
}

/** Whether a `document.cookie` string carries the hint. */
export function hasStaffHint(cookieText: string): boolean {
  return cookieText.split(";").some((part) => part.trim() === `${STAFF_HINT_COOKIE}=1`);
}
