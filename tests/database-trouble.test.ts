import NextAuth from "next-auth";
import pg from "pg";
import { afterEach, describe, expect, it, vi } from "vitest";
import { authOptions } from "../lib/auth/options.ts";
import { setComponentStatus } from "../lib/components/set-component-status.ts";
import { createDb, inTransaction } from "../lib/db/client.ts";
import { asDatabaseError } from "../lib/db/database-errors.ts";
import { freePort } from "../lib/db/embedded.ts";
import { DatabaseBusyError, DatabaseUnavailableError } from "../lib/errors.ts";
import { toFormState } from "../lib/forms/form-state.ts";
import { getPageSettings } from "../lib/page/queries.ts";
import { ownDatabase } from "./support/db.ts";
import { makeComponent, makeStaff } from "./support/factories.ts";

// Staff actions with PostgreSQL slow or gone: they must end within the app's timeouts with a
// plain-words error (typed text kept), and nothing about the database server may reach a URL.

/** A URL where no PostgreSQL listens: TCP on a free port, or a socket folder that does not exist. */
async function unreachableUrls(): Promise<string[]> {
  return [
    `postgresql://postgres:secret@127.0.0.1:${await freePort()}/upstate`,
    "postgresql://postgres:secret@localhost:5432/upstate?host=%2Fnonexistent%2Fupstate-socket",
  ];
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error("expected a failure");
    },
    (error: unknown) => error,
  );
}

describe("a database holding a lock", () => {
  it("fails a write through lib/ with DatabaseBusyError, writes nothing, and the form keeps what was typed", async () => {
    const { url, db } = await ownDatabase();
    const actor = await makeStaff(db);
    const component = await makeComponent(db, { status: "operational" });
    const holder = new pg.Client({ connectionString: url });
    await holder.connect();
    try {
      await holder.query(`BEGIN; LOCK TABLE "Component" IN ACCESS EXCLUSIVE MODE`);
      const error = await rejection(
        setComponentStatus({ db, actor, input: { componentId: component.id, status: "major_outage" } }),
      );
      expect(error).toBeInstanceOf(DatabaseBusyError);

      const values = { componentId: component.id, status: "major_outage" };
      const state = toFormState(error, values);
      expect(state).toMatchObject({
        status: "error",
        message: "The database is busy (another change is holding a lock); nothing was saved. Try again in a moment.",
        values,
      });
    } finally {
      await holder.query("ROLLBACK");
      await holder.end();
    }
    expect((await db.component.findUniqueOrThrow({ where: { id: component.id } })).status).toBe("operational");
    expect(await db.auditLog.count({ where: { actorId: actor.id } })).toBe(0);
  });

  it("has the app's client give up on locks and long statements (the migration runner's does not)", async () => {
    const { url, db } = await ownDatabase();
    const [settings] = await db.$queryRaw<{ lock: string; statement: string }[]>`
      SELECT current_setting('lock_timeout') AS lock, current_setting('statement_timeout') AS statement`;
    expect(settings).toEqual({ lock: "5s", statement: "10s" });
    const unbounded = createDb(url, { limits: false });
    try {
      const [free] = await unbounded.$queryRaw<{ lock: string }[]>`SELECT current_setting('lock_timeout') AS lock`;
      expect(free!.lock).toBe("0");
    } finally {
      await unbounded.$disconnect();
    }
  });

  it("reports a statement cancelled by its timeout as busy", async () => {
    const { db } = await ownDatabase();
    const error = await rejection(
      inTransaction(db, async (tx) => {
        await tx.$executeRawUnsafe("SET LOCAL statement_timeout = '50ms'");
        await tx.$executeRawUnsafe("SELECT pg_sleep(2)");
      }),
    );
    expect(error).toBeInstanceOf(DatabaseBusyError);
  });
});

describe("an unreachable database", () => {
  it("fails a write through lib/ with DatabaseUnavailableError", async () => {
    for (const url of await unreachableUrls()) {
      const db = createDb(url);
      try {
        const error = await rejection(
          setComponentStatus({
            db,
            actor: { kind: "staff", id: "someone", email: "someone@example.com", name: "Someone", role: "admin" },
            input: { componentId: "c1", status: "major_outage" },
          }),
        );
        expect(error, url).toBeInstanceOf(DatabaseUnavailableError);
      } finally {
        await db.$disconnect();
      }
    }
  });

  it("tells staff in plain words when a read before the write fails, naming no server", async () => {
    const [url] = await unreachableUrls();
    const db = createDb(url!);
    try {
      const raw = await rejection(getPageSettings(db));
      expect(asDatabaseError(raw)).toBeInstanceOf(DatabaseUnavailableError);
      const state = toFormState(raw, { message: "We are looking into it." });
      expect(state.message).toBe(
        "The database cannot be reached; nothing was saved. Try again in a moment, or tell whoever runs Upstate.",
      );
      expect(state.values).toEqual({ message: "We are looking into it." });
      expect(JSON.stringify(state)).not.toMatch(/127\.0\.0\.1|postgres|:\d{2,5}\b/);
    } finally {
      await db.$disconnect();
    }
  });

  it("leaves errors that are not the database's alone", () => {
    expect(asDatabaseError(new Error("timeout"))).toBeUndefined();
    const httpFailure = new TypeError("fetch failed", {
      cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED", syscall: "connect" }),
    });
    expect(asDatabaseError(httpFailure)).toBeUndefined();
  });
});

describe("signing in with the database unreachable", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  /** Calls next-auth's handler with our options as an HTTP request would; what it answered. */
  async function callAuth(request: {
    method: string;
    action: string[];
    body?: Record<string, string>;
    cookies?: Record<string, string>;
  }): Promise<{ status: number; json?: { url?: string; csrfToken?: string }; cookies: Record<string, string> }> {
    const answer: { status: number; json?: { url?: string; csrfToken?: string }; cookies: Record<string, string> } = {
      status: 200,
      cookies: {},
    };
    const res = {
      status(code: number) {
        answer.status = code;
        return res;
      },
      setHeader(name: string, value: string | string[]) {
        if (name.toLowerCase() !== "set-cookie") return res;
        for (const cookie of [value].flat()) {
          const [pair] = cookie.split(";");
          const [cookieName, ...rest] = pair!.split("=");
          answer.cookies[cookieName!] = decodeURIComponent(rest.join("="));
        }
        return res;
      },
      getHeader: () => undefined,
      json(body: { url?: string; csrfToken?: string }) {
        answer.json = body;
      },
      send(body: unknown) {
        answer.json = typeof body === "string" ? JSON.parse(body) : (body as typeof answer.json);
      },
      end() {},
    };
    const req = {
      method: request.method,
      query: { nextauth: request.action },
      body: request.body ?? {},
      cookies: request.cookies ?? {},
      headers: { host: "localhost:3000" },
    };
    await (NextAuth(authOptions) as unknown as (req: unknown, res: unknown) => Promise<void>)(req, res);
    return answer;
  }

  /** A credentials sign-in, posted as the sign-in form posts it. */
  async function signIn() {
    const csrf = await callAuth({ method: "GET", action: ["csrf"] });
    return callAuth({
      method: "POST",
      action: ["callback", "credentials"],
      cookies: csrf.cookies,
      body: {
        csrfToken: csrf.json!.csrfToken!,
        email: "admin@example.com",
        password: "a password",
        callbackUrl: "http://localhost:3000/admin",
        json: "true",
      },
    });
  }

  it("says the database cannot be reached, and the URL it answers names no database server", async () => {
    const [url] = await unreachableUrls();
    vi.stubEnv("DATABASE_URL", url!);
    vi.stubEnv("NEXTAUTH_URL", "http://localhost:3000/api/auth");
    vi.stubEnv("NEXTAUTH_SECRET", "a secret for this test only");
    const response = await signIn();
    const answered = response.json?.url;
    expect(answered).toBeDefined();
    expect(new URL(answered!).searchParams.get("error")).toBe("DatabaseUnavailable");
    expect(decodeURIComponent(answered!)).not.toMatch(/postgres|prisma|reach database|127\.0\.0\.1:\d+/i);
  });
});
