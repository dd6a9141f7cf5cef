import type { DbOrTx } from "../db/client.ts";

/** Failures of one account from one address before that address has to wait between tries. */
export const FREE_FAILURES_PER_ACCOUNT = 5;
/** Failures from one address, whatever the accounts, before it has to wait (slows password spraying). */
export const FREE_FAILURES_PER_ADDRESS = 20;
export const FIRST_DELAY_MS = 1000;
export const MAX_DELAY_MS = 15 * 60_000;
/** A throttle untouched for this long is forgotten: the next failure starts from nothing. */
export const THROTTLE_MEMORY_MS = 24 * 3600_000;

/** The row of an address across all accounts (no email is empty: those are refused unread). */
const ANY_ACCOUNT = "";

/** The wait after the `failures`-th failure: none within the allowance, then 1 s, 2 s, 4 s … capped. */
export function delayAfter(failures: number, free: number): number {
  if (failures < free) return 0;
  return Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.min(failures - free, 30));
}

type Claim = { email: string; ip: string; free: number };

/**
 * Counts this attempt as a failure before the password is checked, unless the address is still
 * waiting, in which case nothing is counted and the time it may retry is returned. Counting first
 * (and undoing it on success, see `clearFailures`) means that many attempts sent at once from one
 * address cannot all slip through before the first failure is written.
 */
export async function claimAttempt(
  tx: DbOrTx,
  options: { email: string; ip: string; now: Date },
): Promise<{ retryAt: Date } | null> {
  const { email, ip, now } = options;
  const claims: Claim[] = [{ email: ANY_ACCOUNT, ip, free: FREE_FAILURES_PER_ADDRESS }];
  if (email) claims.unshift({ email, ip, free: FREE_FAILURES_PER_ACCOUNT });
  // Both rows are locked in a fixed order (the account's, then the address's): attempts for two
  // accounts from one address cannot deadlock. A wait on either refuses the attempt before
  // anything is counted, so a refused attempt never adds to the other row's failures.
  const forgottenBefore = new Date(now.getTime() - THROTTLE_MEMORY_MS);
  for (const claim of claims) {
    // The row is made if missing, so that every attempt locks the same rows in the same order.
    await tx.$executeRaw`
      INSERT INTO "SignInThrottle" (email, ip, failures, "blockedUntil", "updatedAt")
      VALUES (${claim.email}, ${claim.ip}, 0, NULL, ${now}) ON CONFLICT (email, ip) DO NOTHING`;
    const [row] = await tx.$queryRaw<{ blockedUntil: Date | null; updatedAt: Date }[]>`
      SELECT "blockedUntil", "updatedAt" FROM "SignInThrottle" WHERE email = ${claim.email} AND ip = ${claim.ip} FOR UPDATE`;
    if (row?.blockedUntil && row.blockedUntil > now && row.updatedAt >= forgottenBefore) return { retryAt: row.blockedUntil };
  }
  for (const claim of claims) {
    const retryAt = await claimOne(tx, claim, now);
    if (retryAt) return { retryAt };
  }
  return null;
}

async function claimOne(tx: DbOrTx, { email, ip, free }: Claim, now: Date): Promise<Date | null> {
  const forgottenBefore = new Date(now.getTime() - THROTTLE_MEMORY_MS);
  // A row idle past the memory counts from nothing; one whose wait has passed counts on; one still
  // waiting is left alone (the WHERE refuses the update) and reported.
  const claimed = await tx.$queryRaw<{ failures: number }[]>`
    INSERT INTO "SignInThrottle" AS t (email, ip, failures, "blockedUntil", "updatedAt")
    VALUES (${email}, ${ip}, 1, NULL, ${now})
    ON CONFLICT (email, ip) DO UPDATE
      SET failures = CASE WHEN t."updatedAt" < ${forgottenBefore} THEN 1 ELSE t.failures + 1 END,
          "updatedAt" = ${now}
      WHERE t."blockedUntil" IS NULL OR t."blockedUntil" <= ${now} OR t."updatedAt" < ${forgottenBefore}
    RETURNING failures`;
  const failures = claimed[0]?.failures;
  if (failures === undefined) {
    const row = await tx.signInThrottle.findUnique({ where: { email_ip: { email, ip } } });
    return row?.blockedUntil ?? now;
  }
  const delay = delayAfter(failures, free);
  await tx.signInThrottle.update({
    where: { email_ip: { email, ip } },
    data: { blockedUntil: delay ? new Date(now.getTime() + delay) : null },
  });
  return null;
}

/**
 * The password was right: this address's failures for the account are forgotten, and the attempt
 * counted in advance is taken back from the address's total (its other failures stay).
 */
export async function clearFailures(tx: DbOrTx, options: { email: string; ip: string }): Promise<void> {
  const { email, ip } = options;
  await tx.signInThrottle.deleteMany({ where: { email, ip } });
  await tx.$executeRaw`
    UPDATE "SignInThrottle"
    SET failures = failures - 1,
        "blockedUntil" = CASE WHEN failures - 1 < ${FREE_FAILURES_PER_ADDRESS} THEN NULL ELSE "blockedUntil" END
    WHERE email = ${ANY_ACCOUNT} AND ip = ${ip} AND failures > 0`;
}

/** Forgets throttles idle for a day, so guessed emails do not pile up. */
export async function purgeIdleThrottles(db: DbOrTx, now: Date): Promise<void> {
  await db.signInThrottle.deleteMany({ where: { updatedAt: { lt: new Date(now.getTime() - THROTTLE_MEMORY_MS) } } });
}
