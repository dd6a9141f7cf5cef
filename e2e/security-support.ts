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

/**
 * Signs a request context in as this account through next-auth's credentials endpoint, the
 * requests the sign-in form makes; a page's `page.request` shares the page's cookies.
 */
export async function postSignIn(context: APIRequestContext, account: { email: string; password: string }): Promise<void> {
  const csrf = await context.get("/api/auth/csrf");
  expect(csrf.status(), await csrf.text()).toBe(200);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await context.post("/api/auth/callback/credentials", {
    form: { csrfToken, email: account.email, password: account.password, code: "", json: "true" },
    maxRedirects: 0,
  });
  const body = await response.text();
  expect(response.status(), `signing in as ${account.email}: ${body}`).toBe(200);
  // A refused sign-in is also a 200, whose URL carries `error=`.
  expect((JSON.parse(body) as { url?: string }).url ?? "", `signing in as ${account.email}`).not.toContain("error=");
}

/** A request context signed in as this account through next-auth's own credentials endpoint. */
export async function signedInContext(baseURL: string, account: { email: string; password: string }): Promise<APIRequestContext> {
  const context = await request.newContext({ baseURL });
  await postSignIn(context, account);
  const session = (await (await context.get("/api/auth/session")).json()) as { user?: { email?: string } };
  expect(session.user?.email).toBe(account.email);
  return context;
}

/** The Cookie header a context sends to the server. */
export async function cookieHeader(context: APIRequestContext): Promise<string> {
  const { cookies } = await context.storageState();
  return cookies.map((c) => `${c.name}=${c.value}`).join("; ");
}
