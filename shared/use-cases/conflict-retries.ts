/**
 * The one conflict-and-retry loop of the use cases (the ledger's effects, referral links and
 * attributions, the click counters). A use case reads, decides and commits; a store reports a lost race
 * as a `WriteConflictError` (shared/data/write-conflicts.ts) naming the writes that lost (a failed
 * optimistic condition, or another transaction holding an item). The loop runs the whole
 * read-decide-commit again from fresh reads, up to `limits.optimisticRetriesMax` times with back-off,
 * then gives up with a `TransientError` (the caller retries later: the queue, the stream's event source
 * mapping, or the HTTP client after a 503). `onConflict` learns from the conflict (which period was
 * settled meanwhile, which random code was taken) or settles it (the payment was recorded under another
 * event id).
 */
import { backoff } from "../data/backoff.ts";
import { WriteConflictError } from "../data/write-conflicts.ts";
import { TransientError } from "../errors.ts";
import { limits } from "../limits.ts";

/** What `onConflict` returns to end the loop with a result instead of deciding again. */
export interface Settled<T> {
  readonly settled: T;
}

export async function decideUntilCommitted<T>(
  what: string,
  decideAndCommit: (attempt: number) => Promise<T>,
  onConflict: (conflict: WriteConflictError) => Promise<Settled<T> | undefined> | Settled<T> | undefined = () => undefined,
  retriesMax: number = limits.optimisticRetriesMax,
): Promise<T> {
  for (let attempt = 0; attempt <= retriesMax; attempt += 1) {
    try {
      return await decideAndCommit(attempt);
    } catch (error) {
      if (!(error instanceof WriteConflictError)) throw error;
      const settled = await onConflict(error);
      if (settled) return settled.settled;
      await backoff(attempt);
    }
  }
  throw new TransientError(`${what}: still conflicting after ${retriesMax} retries`);
}
