/**
 * A short, jittered pause before retrying a transaction that lost a race on a hot item
 * (TransactionConflict): growing with the attempt, capped at 200 ms, so concurrent writers spread out.
 */
export async function backoff(attempt: number): Promise<void> {
  const milliseconds = Math.min(200, 5 * 2 ** attempt) * (0.5 + Math.random());
  await new Promise((resolve) => setTimeout(resolve, milliseconds));
}
