// Statements of one transaction that do not read each other's results, issued together: Prisma
// runs a transaction's queries issued in the same tick as one batch, one after another on its
// connection, without a turn back through the code awaiting each. Under load that turn, not the
// statement, was most of a short transaction's time (the write API's status batches: four inserts
// after the components' lock). Once one statement of such a batch fails, Prisma runs none of the
// later ones (they resolve with nothing), so a failure here must fail the transaction: the
// caller's transaction is rolled back by the rejection, never committed with part of the group.

/**
 * Awaits every statement (started by the caller, on one transaction) and resolves with their
 * results; if any failed, rejects with the first failure, only once the rest have settled, so that
 * the transaction is never rolled back under a statement still queued.
 */
export async function queuedTogether<T extends readonly unknown[]>(
  statements: [...{ [K in keyof T]: Promise<T[K]> }],
): Promise<T> {
  const settled = await Promise.allSettled(statements);
  for (const result of settled) if (result.status === "rejected") throw result.reason;
  return settled.map((result) => (result as PromiseFulfilledResult<unknown>).value) as unknown as T;
}
