import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { getDb } from "../db/client.ts";
import { withBase } from "../urls/base-path.ts";
import { admitSsoUser } from "./admit-sso-user.ts";
import { clientIp } from "./client-ip.ts";
import { rateLimitedError, SSO_PROVIDER_ID } from "./errors.ts";
import { type OidcProfile, resolveOidcProfile } from "./oidc-profile.ts";
import { signInError } from "./sign-in-error.ts";
import { signInWithPassword } from "./sign-in-with-password.ts";

declare module "next-auth" {
  interface Session {
    user: { id: string; email: string; name: string };
  }
}

const SESSION_HOURS = 12;

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
 * http-only cookies (secure ones whenever NEXTAUTH_URL is https). The token carries only the user
 * id; role and enabled state are read from the database at every request (lib/auth/load-staff.ts).
 */
export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: SESSION_HOURS * 3600 },
  // Absolute paths from the host: next-auth does not add the base path (`/status`) itself.
  pages: { signIn: withBase("/admin/sign-in"), error: withBase("/admin/sign-in") },
  providers: [
    CredentialsProvider({
      id: "credentials",
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        const result = await signInWithPassword({
          db: getDb(),
          input: { email: credentials?.email, password: credentials?.password },
          ip: clientIp(req.headers ?? {}),
        }).catch((error: unknown) => {
          throw signInError(error);
        });
        if (result.ok) return { id: result.actor.id, email: result.actor.email, name: result.actor.name };
        if (result.reason === "rate_limited") throw new Error(rateLimitedError(result.retryAt));
        return null;
      },
    }),
    ...(ssoEnabled() ? [oidcProvider()] : []),
  ],
  callbacks: {
    async signIn({ account, profile }) {
      if (account?.provider !== SSO_PROVIDER_ID) return true;
      const actor = await admitSsoUser({
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
      return actor !== null;
    },
    async jwt({ token, user, account }) {
      if (account?.provider === SSO_PROVIDER_ID && token.email) {
        // signIn admitted this email; the token must name our account, not the provider's subject.
        const staff = await getDb().user.findUnique({ where: { email: token.email.toLowerCase() }, select: { id: true } });
        token.sub = staff?.id ?? "";
      } else if (user) {
        token.sub = user.id;
      }
      return token;
    },
    session({ session, token }) {
      return { ...session, user: { id: token.sub ?? "", email: token.email ?? "", name: token.name ?? "" } };
    },
  },
};
