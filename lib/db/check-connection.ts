import pg from "pg";

/** Connects once to give a clear message when the database cannot be reached. */
export async function checkConnection(connectionString: string): Promise<void> {
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    const where = (() => {
      try {
        const u = new URL(connectionString);
        return `${u.hostname}:${u.port || 5432}${u.pathname}`;
      } catch {
        return "DATABASE_URL";
      }
    })();
    const reason =
      e.code === "ECONNREFUSED"
        ? "nothing is listening there"
        : e.code === "ENOTFOUND"
          ? "that host name does not resolve"
          : e.code === "3D000"
            ? "that database does not exist (create it first)"
            : e.code === "28P01" || e.code === "28000"
              ? "the user name or password was refused"
              : e.message || e.code || "connection failed";
    throw new Error(`Cannot connect to the PostgreSQL in DATABASE_URL (${where}): ${reason}.`);
  } finally {
    await client.end().catch(() => {});
  }
}
