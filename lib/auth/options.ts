import type { NextAuthOptions } from "next-auth";
import { encode } from "next-auth/jwt";
import CredentialsProvider from "next-auth/providers/credentials";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { getDb } from "../db/client.ts";
import { withBase } from "../urls/base-path.ts";
import { admitSsoUser } from "./admit-sso-user.ts";
import { clientIp } from "./client-ip.ts";
import { signOutSession } from "./end-sessions.ts";
import {
  EMAIL_NOT_VERIFIED_ERROR,
  rateLimitedError,
  SECOND_FACTOR_REQUIRED,
  SECOND_FACTOR_WRONG,
  SSO_PROVIDER_ID,
} from "./errors.ts";
import { type OidcProfile, resolveOidcProfile } from "./oidc-profile.ts";
import { sameSiteRedirect } from "./safe-callback-url.ts";
import { epochSeconds, SESSION_SECONDS, secondsLeft } from "./session-claims.ts";
import { signInError } from "./sign-in-error.ts";
import { signInWithPassword } from "./sign-in-with-password.ts";

declare module "next-auth" {
  interface Session {
    user: { id: string; email: string; name: string };
    sessionVersion?: number;
    signedInAt?: number;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    /** The account's session version at sign-in (lib/auth/load-staff.ts). */
    sessionVersion?: number;
    /** When its holder signed in, in seconds: the session's lifetime counts from here. */
    signedInAt?: number;
  }
}

/** Single sign-on is on when OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are all set. */
export function ssoEnabled(env: Record<string, string | undefined> = process.env): boolean {
  return Boolean(env.OIDC_ISSUER && env.OIDC_CLIENT_ID && env.OIDC_CLIENT_SECRET);
}

function oidcProvider(): OAuthConfig<OidcProfile> {
  const issuer = (process.env.OIDC_ISSUER ?? "").replace(/\/+$/, "");
  return {
    id: SSO_PROVIDER_ID,
    name: "single sign-on",
    type: "oauth",
    wellKnown: `${issuer}/.well-known/openid-configuration`,
    authorization: { params: { scope: "openid email profile" } },
    checks: ["pkce", "state"],
    // The ID token is validated; email and name come from it, or from userinfo when it has none.
    idToken: true,
    userinfo: {
      request: ({ tokens, client }) => {
        // next-auth hands over openid-client's TokenSet, whose ID token it has just validated.
        const set = tokens as Extract<Parameters<typeof client.userinfo>[0], object>;
        return resolveOidcProfile(set.claims() as OidcProfile, () => client.userinfo(set));
      },
    },
    clientId: process.env.OIDC_CLIENT_ID,
    clientSecret: process.env.OIDC_CLIENT_SECRET,
    profile: (profile) => ({ id: profile.sub, email: profile.email ?? null, name: profile.name ?? profile.email ?? null }),
  };
}

async function requestIp(): Promise<string> {
  try {
    const { headers } = await import("next/headers");
    return clientIp(Object.fromEntries(await headers()));
  } catch {
    return "unknown";
  }
}

/**
 * next-auth's configuration: staff sign in with email and password, sessions are JWTs in
 * http-only cookies (secure ones whenever NEXTAUTH_URL is https). The token carries the user id,
 * the account's session version and the sign-in time; role, enabled state and version are checked
 * against the database at every request (lib/auth/load-staff.ts).
 */
export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: SESSION_SECONDS },
  jwt: {
    maxAge: SESSION_SECONDS,
    // next-auth re-issues the token whenever the session is read, each time with a full lifetime:
    // its expiry is pinned to the sign-in instead, so a session ends 12 hours after sign-in however
    // busy it is. One past its lifetime is made already expired (beyond the 15 s of clock
    // tolerance decoding allows).
    encode: (params) => {
      const left = secondsLeft(params.token?.signedInAt);
      return encode({ ...params, maxAge: left > 0 ? left : -60 });
    },
  },
  // Absolute paths from the host: next-auth does not add the base path (`/status`) itself.
  pages: { signIn: withBase("/admin/sign-in"), error: withBase("/admin/sign-in") },
  providers: [
    CredentialsProvider({
      id: "credentials",
      name: "Email and password",
      credentials: {
        email: { label: "Email", type: "email" },
        password: { label: "Password", type: "password" },
        code: { label: "Two-factor code", type: "text" },
      },
      async authorize(credentials, req) {
        const result = await signInWithPassword({
          db: getDb(),
          input: { email: credentials?.email, password: credentials?.password, code: credentials?.code },
          ip: clientIp(req.headers ?? {}),
        }).catch((error: unknown) => {
          throw signInError(error);
        });
        if (result.ok) return { id: result.actor.id, email: result.actor.email, name: result.actor.name };
        if (result.reason === "rate_limited") throw new Error(rateLimitedError(result.retryAt));
        if (result.reason === "second_factor") throw new Error(result.wrong ? SECOND_FACTOR_WRONG : SECOND_FACTOR_REQUIRED);
        return null;
      },
    }),
    ...(ssoEnabled() ? [oidcProvider()] : []),
  ],
  callbacks: {
    async signIn({ account, profile }) {
      if (account?.provider !== SSO_PROVIDER_ID) return true;
      const admission = await admitSsoUser({
        db: getDb(),
        profile: {
          email: profile?.email,
          name: profile?.name,
          emailVerified: (profile as OidcProfile | undefined)?.email_verified,
        },
        allowedDomain: process.env.OIDC_ALLOWED_DOMAIN,
        ip: await requestIp(),
      }).catch((error: unknown) => {
        throw signInError(error);
      });
      if (admission.ok) return true;
      // A redirect instead of false, so the sign-in page can say why.
      return admission.reason === "email_not_verified" ? withBase(`/admin/sign-in?error=${EMAIL_NOT_VERIFIED_ERROR}`) : false;
    },
    async jwt({ token, user, account }) {
      // Only at sign-in; later reads keep the claims as they are.
      if (!user) return token;
      // For single sign-on, signIn admitted this email: the token must name our account, not the
      // provider's subject.
      const where =
        account?.provider === SSO_PROVIDER_ID ? { email: (token.email ?? "").toLowerCase() } : { id: String(user.id) };
      const staff = await getDb().user.findUnique({ where, select: { id: true, sessionVersion: true } });
      token.sub = staff?.id ?? "";
      token.sessionVersion = staff?.sessionVersion;
      token.signedInAt = epochSeconds();
      return token;
    },
    session({ session, token }) {
      return {
        ...session,
        user: { id: token.sub ?? "", email: token.email ?? "", name: token.name ?? "" },
        sessionVersion: token.sessionVersion,
        signedInAt: token.signedInAt,
      };
    },
    redirect: sameSiteRedirect,
  },
  events: {
    // Clearing the cookie is not enough: a copy of it would stay valid. Ending the account's
    // sessions in the database makes every copy worthless.
    async signOut({ token }) {
      await signOutSession(getDb(), { userId: token?.sub, sessionVersion: token?.sessionVersion });
    },
  },
};
