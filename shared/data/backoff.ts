/**
 * A short, jittered pause before deciding again after a lost race (shared/use-cases/conflict-retries.ts)
 * or asking again for unprocessed keys (batch-get.ts): growing with the attempt, capped at 200 ms, so
 * concurrent writers spread out.
 */
export async function backoff(attempt: number): Promise<void> {
  const milliseconds = Math.min(200, 5 * 2 ** attempt) * (0.5 + Math.random());
  await new Promise((resolve) => setTimeout(resolve, milliseconds));
}
