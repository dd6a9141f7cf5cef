import { afterEach, describe, expect, inject, it } from "vitest";
import { getDb } from "./client.ts";
import { freePort } from "./embedded.ts";
import {
  failureReason,
  getPublicDb,
  notePrimaryChange,
  parseWalPosition,
  startReadReplica,
  stopReadReplica,
} from "./read-replica.ts";

// The replica itself is exercised in tests/read-replica.test.ts with a real streaming replica;
// here, what public reads do when DATABASE_REPLICA_URL names no usable standby.

describe("parseWalPosition", () => {
  it("orders positions across the high word", () => {
    expect(parseWalPosition("0/FFFFFFFF") < parseWalPosition("1/0")).toBe(true);
    expect(parseWalPosition("16/B374D848")).toBe((0x16n << 32n) | 0xb374d848n);
  });

  it("refuses what is not a position", () => {
    expect(() => parseWalPosition("16-B374D848")).toThrow(/not a WAL position/);
  });
});

describe("a burst of changes", () => {
  afterEach(() => stopReadReplica());

  it("reads the primary's position twice, not once per change, and waits for the read after the last change", async () => {
    const reads: ((position: bigint) => void)[] = [];
    startReadReplica({
      replicaUrl: "postgresql://postgres@127.0.0.1:1/none",
      log: () => {},
      readPosition: () => new Promise<bigint>((resolve) => reads.push(resolve)),
    });
    expect(reads).toHaveLength(1); // the start's, under way
    for (let i = 0; i < 50; i++) notePrimaryChange();
    expect(reads).toHaveLength(1);
    reads.shift()!(10n);
    // One more read, after the one under way, for every change that came while it ran.
    await expect.poll(() => reads.length).toBe(1);
    reads.shift()!(20n);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(reads).toHaveLength(0);
  });
});

describe("failureReason", () => {
  it("takes the driver's message out of Prisma's", () => {
    const prisma = new Error(
      "\nInvalid `prisma.$queryRaw()` invocation:\n\n\nRaw query failed. Code: `N/A`. Message: `Can't reach database server at 127.0.0.1:1`",
    );
    expect(failureReason(prisma)).toBe("Can't reach database server at 127.0.0.1:1");
    expect(failureReason(new Error("Connection terminated unexpectedly\n"))).toBe("Connection terminated unexpectedly");
  });
});

describe("public reads with a replica that cannot serve them", () => {
  const savedUrl = process.env.DATABASE_URL;
  afterEach(async () => {
    await stopReadReplica();
    await getDb().$disconnect();
    if (savedUrl === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = savedUrl;
  });

  it.each([
    ["is not a standby", async () => inject("databaseUrl"), /it is not a standby/],
    [
      "is not reachable",
      async () => `postgresql://postgres@127.0.0.1:${await freePort()}/upstate`,
      /cannot be read \(Can't reach database server at 127\.0\.0\.1:\d+\)/,
    ],
  ])("go to the primary when the replica %s, logged once", async (_, replicaUrl, message) => {
    process.env.DATABASE_URL = inject("databaseUrl");
    const logged: string[] = [];
    startReadReplica({ replicaUrl: await replicaUrl(), log: (line) => logged.push(line) });
    expect(await getPublicDb()).toBe(getDb());
    expect(await getPublicDb()).toBe(getDb());
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatch(message);
  });
});
