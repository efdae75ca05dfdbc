/**
 * The click aggregator: adds the counted clicks of one stream batch to the codes' and the days' counters
 * (shared/domain/click-aggregation.ts plans, shared/data/click-counter-store.ts writes). Exactly once per
 * click under any redelivery: each transaction moves the shard's checkpoint on the condition that it has
 * not moved since it was read, and records at or below the checkpoint are skipped.
 *
 * A record that is not a readable counted click cannot be counted and is set aside (logged by name);
 * a click on a code that has no code item is dropped the same way. A lost race (another delivery moved
 * the checkpoint, another transaction held a counter) is decided again from a fresh checkpoint in the
 * one retry loop (conflict-retries.ts); anything else is thrown: the event source mapping retries the
 * batch (bisecting it), and the checkpoint makes the retry apply only what had not committed.
 */

import type { ClickCounterStore } from "../data/click-counter-store.ts";
import { type ClickAggregationChunk, planClickAggregation, type StreamedClick } from "../domain/click-aggregation.ts";
import { logger } from "../observability.ts";
import { streamedClickRecordSchema } from "../schemas/click-stream.ts";
import { decideUntilCommitted } from "./conflict-retries.ts";

/** Built at the edge (functions/wiring/click-aggregator.ts). */
export interface ClickAggregatorDependencies {
  readonly clickCounterStore: ClickCounterStore;
}

export interface ClickAggregationSummary {
  readonly records: number;
  /** Clicks added to the counters by this delivery. */
  readonly applied: number;
  /** Records applied by an earlier delivery (at or below the checkpoint). */
  readonly redelivered: number;
  /** Records that are not a readable counted click. */
  readonly unreadable: number;
  /** Clicks on codes that have no code item. */
  readonly codeMissing: number;
  /** TransactWriteItems that committed. */
  readonly transactions: number;
}

/** The counted clicks among stream records (as Lambda delivers them), and how many were unreadable. */
export function readStreamedClicks(records: readonly unknown[]): { clicks: StreamedClick[]; unreadable: number } {
  const clicks: StreamedClick[] = [];
  let unreadable = 0;
  for (const record of records) {
    const parsed = streamedClickRecordSchema.safeParse(record);
    if (!parsed.success) {
      unreadable += 1;
      logger.error("stream record is not a counted click; not counted", {
        reason: "click_record_unreadable",
        issues: parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`),
      });
      continue;
    }
    const { SequenceNumber, NewImage } = parsed.data.dynamodb;
    clicks.push({ sequenceNumber: SequenceNumber, code: NewImage.code.S, day: NewImage.day.S });
  }
  return { clicks, unreadable };
}

export async function aggregateClicks(
  dependencies: ClickAggregatorDependencies,
  batch: { readonly shardId: string; readonly records: readonly unknown[] },
): Promise<ClickAggregationSummary> {
  const store = dependencies.clickCounterStore;
  const { clicks, unreadable } = readStreamedClicks(batch.records);
  let applied = 0;
  let transactions = 0;
  let codeMissing = 0;
  let redelivered = 0;
  const missingCodes = new Set<string>();

  await decideUntilCommitted("click counters", async () => {
    const appliedThrough = await store.readCheckpoint(batch.shardId);
    const plan = planClickAggregation(
      clicks.filter((click) => !missingCodes.has(click.code)),
      appliedThrough,
    );
    redelivered = plan.redelivered - applied; // what this delivery applied itself is not a redelivery
    let checkpoint = appliedThrough;
    for (const planned of plan.chunks) {
      let chunk: ClickAggregationChunk = planned;
      // Not a retry: each turn drops the codes found missing (fewer every time) and applies the rest.
      for (;;) {
        const outcome = await store.applyChunk(batch.shardId, checkpoint, chunk);
        if (outcome.kind === "applied") break;
        for (const code of outcome.codes) missingCodes.add(code);
        const dropped = chunk.increments.filter((increment) => missingCodes.has(increment.code));
        const droppedClicks = dropped.reduce((sum, increment) => sum + increment.clicks, 0);
        codeMissing += droppedClicks;
        logger.error("clicks on a code without a code item; not counted", {
          reason: "click_code_missing",
          codes: [...new Set(dropped.map((increment) => increment.code))],
          clicks: droppedClicks,
        });
        // The checkpoint still moves past them, in the same transaction as the rest of the chunk.
        chunk = { ...chunk, increments: chunk.increments.filter((increment) => !missingCodes.has(increment.code)) };
      }
      transactions += 1;
      applied += chunk.increments.reduce((sum, increment) => sum + increment.clicks, 0);
      checkpoint = chunk.lastSequenceNumber;
    }
  });
  return { records: batch.records.length, applied, redelivered: Math.max(0, redelivered), unreadable, codeMissing, transactions };
}
