// Statements of one transaction that do not read each other's results, handed to its connection
// together: the driver sends each the moment the one before it is answered, instead of after the
// code awaiting it has run again. Under load that hop, not the statement, was most of a short
// transaction's time (the write API's status batches: four inserts after the components' lock).

/**
 * Runs the statements (started by the caller, on one transaction) to the end, every one of them,
 * and resolves with their results; if any failed, rejects with the first failure, and only once
 * the rest have ended, so that the transaction is never rolled back under a statement still queued.
 */
export async function queuedTogether<T extends readonly unknown[]>(
  statements: [...{ [K in keyof T]: Promise<T[K]> }],
): Promise<T> {
  const settled = await Promise.allSettled(statements);
  for (const result of settled) if (result.status === "rejected") throw result.reason;
  return settled.map((result) => (result as PromiseFulfilledResult<unknown>).value) as unknown as T;
}
