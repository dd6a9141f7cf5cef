import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getDb } from "../db/client.ts";
import { clientIp } from "./client-ip.ts";
import { RATE_LIMITED_ERROR } from "./errors.ts";
import { signInWithPassword } from "./sign-in-with-password.ts";

declare module "next-auth" {
  interface Session {
    user: { id: string; email: string; name: string };
  }
}

const SESSION_HOURS = 12;

/**
 * next-auth's configuration: staff sign in with email and password, sessions are JWTs in
 * http-only cookies (secure ones whenever NEXTAUTH_URL is https). The token carries only the user
 * id; role and enabled state are read from the database at every request (lib/auth/load-staff.ts).
 */
export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: SESSION_HOURS * 3600 },
  pages: { signIn: "/admin/sign-in", error: "/admin/sign-in" },
  providers: [
    CredentialsProvider({
      id: "credentials",
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        const result = await signInWithPassword({
          db: getDb(),
          input: { email: credentials?.email, password: credentials?.password },
          ip: clientIp(req.headers ?? {}, Number(process.env.UPSTATE_TRUSTED_PROXIES ?? 0) || 0),
        });
        if (result.ok) return { id: result.actor.id, email: result.actor.email, name: result.actor.name };
        if (result.reason === "rate_limited") throw new Error(RATE_LIMITED_ERROR);
        return null;
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) token.sub = user.id;
      return token;
    },
    session({ session, token }) {
      return { ...session, user: { id: token.sub ?? "", email: token.email ?? "", name: token.name ?? "" } };
    },
  },
};
