import { cookies } from "next/headers";
import { decode, encode } from "next-auth/jwt";
import { secondsLeft } from "./session-claims.ts";

/** next-auth's session cookie: secure (and `__Secure-` named) whenever NEXTAUTH_URL is https. */
function sessionCookie(): { name: string; secure: boolean } {
  const secure = (process.env.NEXTAUTH_URL ?? "").startsWith("https://");
  return { name: `${secure ? "__Secure-" : ""}next-auth.session-token`, secure };
}

/**
 * After a change that ended every session of the account (its version was bumped), re-issues the
 * one session this request belongs to with the new version, keeping its sign-in time, so the
 * person who made the change stays signed in here and everywhere else is signed out. For server
 * actions and route handlers (cookies can be set there). False when there is no session to carry.
 */
export async function reissueSession(sessionVersion: number): Promise<boolean> {
  const secret = process.env.NEXTAUTH_SECRET;
  if (!secret) return false;
  const { name, secure } = sessionCookie();
  const jar = await cookies();
  const chunked = jar
    .getAll()
    .filter((cookie) => cookie.name.startsWith(`${name}.`))
    .sort((a, b) => Number(a.name.slice(name.length + 1)) - Number(b.name.slice(name.length + 1)));
  const raw = jar.get(name)?.value ?? (chunked.length ? chunked.map((cookie) => cookie.value).join("") : undefined);
  const token = raw ? await decode({ token: raw, secret }).catch(() => null) : null;
  if (!token) return false;
  const left = secondsLeft(token.signedInAt);
  if (left <= 0) return false;
  const value = await encode({ token: { ...token, sessionVersion }, secret, maxAge: left });
  for (const chunk of chunked) jar.delete(chunk.name);
  jar.set(name, value, { httpOnly: true, sameSite: "lax", path: "/", secure, maxAge: left });
  return true;
}
