/**
 * Processes an SQS batch and reports partial failures (the event source mapping must enable
 * ReportBatchItemFailures), like Powertools' BatchProcessor plus two things it lacks: bounded
 * concurrency, and ordering per key.
 *
 * Records are grouped by `groupOf` (billing events: the customer account). Groups run concurrently,
 * at most `concurrency` at a time; the records of one group run one after another in arrival order.
 * When a record fails, the later records of its group are reported as failed without being tried,
 * so they are retried after it and keep their order. A failure never affects another group, and
 * nothing here throws: the worst outcome is that every record is reported as failed.
 *
 * Why not @aws-lambda-powertools/batch (the dependency is dropped): its BatchProcessor runs records
 * all at once or one by one, with no key to hold back an account's later records after a failure;
 * its SqsFifoPartialProcessor can skip a group on error, but the group is the record's FIFO
 * MessageGroupId (billing-events is a standard queue, the account is inside the body) and it runs the
 * whole batch sequentially, which would lose the concurrency across accounts the consumer figures
 * (docs/benchmarks.md) depend on.
 */
import type { SQSBatchResponse, SQSRecord } from "aws-lambda";
import { assert } from "../../shared/domain/assert.ts";

export interface PartialBatchOptions {
  readonly concurrency: number;
  readonly groupOf: (record: SQSRecord) => string;
  readonly processRecord: (record: SQSRecord) => Promise<void>;
  /** Told about each failed record (for the log). */
  readonly onFailure?: (record: SQSRecord, error: unknown) => void;
}

export async function processPartialBatch(records: readonly SQSRecord[], options: PartialBatchOptions): Promise<SQSBatchResponse> {
  assert(Number.isInteger(options.concurrency) && options.concurrency >= 1, "concurrency must be a positive integer");
  const groups = new Map<string, SQSRecord[]>();
  for (const record of records) {
    let key: string;
    try {
      key = options.groupOf(record);
    } catch {
      key = `message:${record.messageId}`;
    }
    const group = groups.get(key) ?? [];
    group.push(record);
    groups.set(key, group);
  }
  const pending = [...groups.values()];
  const failed = new Set<string>();

  async function worker(): Promise<void> {
    for (let group = pending.shift(); group; group = pending.shift()) {
      let blocked = false;
      for (const record of group) {
        if (blocked) {
          failed.add(record.messageId);
          continue;
        }
        try {
          await options.processRecord(record);
        } catch (error) {
          failed.add(record.messageId);
          blocked = true;
          try {
            options.onFailure?.(record, error);
          } catch {
            // a failing logger must not fail the batch
          }
        }
      }
    }
  }

  await Promise.all(Array.from({ length: Math.min(options.concurrency, pending.length) }, () => worker()));
  return {
    batchItemFailures: records.filter((record) => failed.has(record.messageId)).map((record) => ({ itemIdentifier: record.messageId })),
  };
}
