/**
 * How counted clicks read from one shard of the table's stream become counter updates: pure, no engine.
 *
 * The aggregator keeps one checkpoint per shard (the sequence number of the last click it applied) and
 * moves it in the same transaction as the counters. A redelivered record (Lambda retries a failed batch,
 * splits it in two, or delivers a batch twice) has a sequence number at or below the checkpoint and is
 * skipped, whatever batch it comes back in. The clicks still to apply are cut, in stream order, into
 * chunks of at most `pairsPerChunkMax` (code, day) pairs, each one transaction: per pair one update of
 * the code's counter and one of the day's, plus the checkpoint, within DynamoDB's 100 actions. A batch on
 * fewer pairs (a viral code: one pair) is one transaction, so a code's counters take one update per
 * batch and shard, however many clicks the batch holds.
 */

/** A counted click as the stream delivered it. */
export interface StreamedClick {
  /** The stream record's sequence number: a decimal string, increasing within a shard. */
  readonly sequenceNumber: string;
  readonly code: string;
  /** The operator-local day the click was counted on (YYYY-MM-DD). */
  readonly day: string;
}

export interface ClickCounterIncrement {
  readonly code: string;
  readonly day: string;
  readonly clicks: number;
}

/** Clicks applied together in one transaction, and the checkpoint it moves to. */
export interface ClickAggregationChunk {
  readonly firstSequenceNumber: string;
  readonly lastSequenceNumber: string;
  readonly increments: readonly ClickCounterIncrement[];
}

export interface ClickAggregationPlan {
  /** Records at or below the checkpoint: applied before, skipped now. */
  readonly redelivered: number;
  readonly chunks: readonly ClickAggregationChunk[];
}

/** Code and day pairs in one transaction: 2 updates each, plus the checkpoint, within DynamoDB's 100 actions. */
export const clickPairsPerTransactionMax = 49;

/** Orders two stream sequence numbers (decimal strings of up to 40 digits: compared as numbers, not as text). */
export function compareSequenceNumbers(left: string, right: string): number {
  const difference = BigInt(left) - BigInt(right);
  return difference < 0n ? -1 : difference > 0n ? 1 : 0;
}

/**
 * The chunks to apply for `clicks` of one shard, given the shard's checkpoint (`appliedThrough`, the last
 * sequence number applied, or undefined for a shard never seen).
 */
export function planClickAggregation(
  clicks: readonly StreamedClick[],
  appliedThrough: string | undefined,
  pairsPerChunkMax: number = clickPairsPerTransactionMax,
): ClickAggregationPlan {
  const ordered = [...clicks].sort((left, right) => compareSequenceNumbers(left.sequenceNumber, right.sequenceNumber));
  const pending = ordered.filter(
    (click) => appliedThrough === undefined || compareSequenceNumbers(click.sequenceNumber, appliedThrough) > 0,
  );
  const chunks: ClickAggregationChunk[] = [];
  let current: { first: string; last: string; counts: Map<string, ClickCounterIncrement> } | undefined;
  const close = () => {
    if (current)
      chunks.push({ firstSequenceNumber: current.first, lastSequenceNumber: current.last, increments: [...current.counts.values()] });
    current = undefined;
  };
  let previous: string | undefined;
  for (const click of pending) {
    // The same record twice in one delivery counts once.
    if (previous !== undefined && compareSequenceNumbers(click.sequenceNumber, previous) === 0) continue;
    previous = click.sequenceNumber;
    const pair = `${click.code}\n${click.day}`;
    if (current && !current.counts.has(pair) && current.counts.size >= pairsPerChunkMax) close();
    current ??= { first: click.sequenceNumber, last: click.sequenceNumber, counts: new Map() };
    current.last = click.sequenceNumber;
    const counted = current.counts.get(pair);
    current.counts.set(pair, { code: click.code, day: click.day, clicks: (counted?.clicks ?? 0) + 1 });
  }
  close();
  return { redelivered: ordered.length - pending.length, chunks };
}
