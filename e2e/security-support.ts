import { type APIRequestContext, expect, request } from "@playwright/test";
import { createDb, type Db } from "../lib/db/client.ts";

/** Work on the e2e server's database through the real domain functions. */
export async function withDb<T>(work: (db: Db) => Promise<T>): Promise<T> {
  const db = createDb(process.env.E2E_DATABASE_URL!);
  try {
    return await work(db);
  } finally {
    await db.$disconnect();
  }
}

/** A request context signed in as this account through next-auth's own credentials endpoint. */
export async function signedInContext(baseURL: string, account: { email: string; password: string }): Promise<APIRequestContext> {
  const context = await request.newContext({ baseURL });
  const { csrfToken } = (await (await context.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const response = await context.post("/api/auth/callback/credentials", {
    form: { csrfToken, email: account.email, password: account.password, json: "true" },
    maxRedirects: 0,
  });
  expect(response.status(), await response.text()).toBeLessThan(400);
  const session = (await (await context.get("/api/auth/session")).json()) as { user?: { email?: string } };
  expect(session.user?.email).toBe(account.email);
  return context;
}

/** The Cookie header a context sends to the server. */
export async function cookieHeader(context: APIRequestContext): Promise<string> {
  const { cookies } = await context.storageState();
  return cookies.map((c) => `${c.name}=${c.value}`).join("; ");
}
