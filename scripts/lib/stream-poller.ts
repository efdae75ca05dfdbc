/**
 * Plays Lambda's DynamoDB Streams event source mapping on the local stack, on DynamoDB Local's own
 * stream of the table (the way queue-poller.ts plays the SQS mapping):
 *   - every shard is read in order from its oldest record (TRIM_HORIZON), one batch per shard at a time
 *     (parallelization 1), polled 4 times a second like the mapping;
 *   - the mapping's filter is applied before the function sees a record (filtered records are consumed);
 *   - each event carries the shard id and an empty state, as a mapping with a tumbling window sends it;
 *   - a failed batch is retried, split in two each time (bisect on error), at most `retryAttempts`
 *     times, then given up on and logged (the mapping's on-failure destination); the shard moves on.
 *
 * A restarted stack reads the shards from the start again: the aggregator's per-shard checkpoint skips
 * what it had applied, so this is a redelivery, not a double count.
 */
import {
  DescribeStreamCommand,
  type DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  ListStreamsCommand,
  type _Record as StreamRecord,
} from "@aws-sdk/client-dynamodb-streams";
import { localRegion } from "./lambda-runtime.ts";

export interface StreamPollerOptions {
  readonly client: DynamoDBStreamsClient;
  readonly tableName: string;
  /** Who the records go to, for the log ("the click aggregator"). */
  readonly consumerName?: string;
  readonly batchSize: number;
  /** The mapping's filter criteria, as a predicate on the record. */
  readonly filter: (record: StreamRecord) => boolean;
  /** Retries of a failed batch before it is given up on. */
  readonly retryAttempts: number;
  readonly invoke: (event: LambdaStreamEvent) => Promise<unknown>;
  readonly pollIntervalMilliseconds?: number;
  readonly log?: (line: string) => void;
  readonly logError?: (message: string, error: unknown) => void;
}

/** The event Lambda delivers for a DynamoDB stream batch on a mapping with a tumbling window. */
export interface LambdaStreamEvent {
  readonly Records: readonly Record<string, unknown>[];
  readonly shardId: string;
  readonly eventSourceARN: string;
  readonly window: { readonly start: string; readonly end: string };
  readonly state: Record<string, never>;
  readonly isFinalInvokeForWindow: boolean;
  readonly isWindowTerminatedEarly: boolean;
}

export interface StreamPoller {
  /** Reads every shard once (one batch each) and delivers what passes the filter. Returns the records read. */
  pollOnce(): Promise<number>;
  /** Polls until a round reads nothing: everything written before the call has been delivered. */
  drain(): Promise<void>;
}

export interface RunningStreamPoller extends StreamPoller {
  /** Stops polling and waits for the batch in flight. */
  stop(): Promise<void>;
}

/** A stream record as Lambda hands it to the function (the creation time in epoch seconds). */
export function toLambdaStreamRecord(record: StreamRecord, eventSourceArn: string): Record<string, unknown> {
  const created = record.dynamodb?.ApproximateCreationDateTime;
  return {
    eventID: record.eventID,
    eventName: record.eventName,
    eventVersion: record.eventVersion ?? "1.1",
    eventSource: "aws:dynamodb",
    awsRegion: localRegion,
    dynamodb: {
      ...record.dynamodb,
      ...(created ? { ApproximateCreationDateTime: Math.floor(new Date(created).getTime() / 1000) } : {}),
    },
    eventSourceARN: eventSourceArn,
  };
}

interface ShardPosition {
  iterator: string | undefined;
  /** Set when the shard is closed and read to its end. */
  finished: boolean;
}

export function createStreamPoller(options: StreamPollerOptions): StreamPoller {
  const log = options.log ?? (() => {});
  const logError = options.logError ?? ((message, error) => console.error(message, error));
  const positions = new Map<string, ShardPosition>();
  let streamArn: string | undefined;

  async function currentStreamArn(): Promise<string | undefined> {
    const listed = await options.client.send(new ListStreamsCommand({ TableName: options.tableName }));
    const latest = (listed.Streams ?? []).at(-1)?.StreamArn;
    if (latest !== streamArn) {
      streamArn = latest;
      positions.clear();
    }
    return streamArn;
  }

  async function shardIds(arn: string): Promise<string[]> {
    const ids: string[] = [];
    let exclusiveStartShardId: string | undefined;
    do {
      const described = await options.client.send(
        new DescribeStreamCommand({ StreamArn: arn, ExclusiveStartShardId: exclusiveStartShardId }),
      );
      for (const shard of described.StreamDescription?.Shards ?? []) if (shard.ShardId) ids.push(shard.ShardId);
      exclusiveStartShardId = described.StreamDescription?.LastEvaluatedShardId;
    } while (exclusiveStartShardId);
    return ids;
  }

  async function deliver(arn: string, shardId: string, records: readonly StreamRecord[], attemptsLeft: number): Promise<void> {
    const now = new Date();
    const event: LambdaStreamEvent = {
      Records: records.map((record) => toLambdaStreamRecord(record, arn)),
      shardId,
      eventSourceARN: arn,
      window: { start: now.toISOString(), end: now.toISOString() },
      state: {},
      isFinalInvokeForWindow: false,
      isWindowTerminatedEarly: false,
    };
    try {
      await options.invoke(event);
    } catch (error) {
      const message = error instanceof Error ? `${error.name}: ${error.message}` : error;
      if (attemptsLeft <= 0) {
        const first = records[0]?.dynamodb?.SequenceNumber;
        const last = records.at(-1)?.dynamodb?.SequenceNumber;
        logError(`[stream] gave up on ${records.length} records of ${shardId} (sequence ${first}..${last}) after the retries`, message);
        return;
      }
      logError(
        `[stream] ${options.consumerName ?? "the consumer"} failed on ${records.length} records of ${shardId}; retrying${records.length > 1 ? " in halves" : ""}`,
        message,
      );
      if (records.length > 1) {
        const half = Math.ceil(records.length / 2);
        await deliver(arn, shardId, records.slice(0, half), attemptsLeft - 1);
        await deliver(arn, shardId, records.slice(half), attemptsLeft - 1);
      } else await deliver(arn, shardId, records, attemptsLeft - 1);
    }
  }

  async function pollShard(arn: string, shardId: string): Promise<number> {
    let position = positions.get(shardId);
    if (!position) {
      const started = await options.client.send(
        new GetShardIteratorCommand({ StreamArn: arn, ShardId: shardId, ShardIteratorType: "TRIM_HORIZON" }),
      );
      position = { iterator: started.ShardIterator, finished: false };
      positions.set(shardId, position);
    }
    if (position.finished || !position.iterator) {
      position.finished = true;
      return 0;
    }
    const result = await options.client.send(new GetRecordsCommand({ ShardIterator: position.iterator, Limit: options.batchSize }));
    const records = result.Records ?? [];
    const matching = records.filter(options.filter);
    if (matching.length > 0) {
      await deliver(arn, shardId, matching, options.retryAttempts);
      log(`[stream] ${shardId}: ${matching.length} of ${records.length} records to ${options.consumerName ?? "the consumer"}`);
    }
    // Moved on only now: a batch is not skipped because the process stopped half-way through it.
    position.iterator = result.NextShardIterator;
    if (!position.iterator) position.finished = true;
    return records.length;
  }

  async function pollOnce(): Promise<number> {
    const arn = await currentStreamArn();
    if (!arn) return 0;
    let read = 0;
    for (const shardId of await shardIds(arn)) read += await pollShard(arn, shardId);
    return read;
  }

  return {
    pollOnce,
    async drain() {
      while ((await pollOnce()) > 0) {
        // keep reading until a round finds nothing new
      }
    },
  };
}

/** Polls the stream every `pollIntervalMilliseconds` (default 250 ms: Lambda's 4 polls a second) until stopped. */
export function startStreamPoller(options: StreamPollerOptions): RunningStreamPoller {
  const poller = createStreamPoller(options);
  const logError = options.logError ?? ((message, error) => console.error(message, error));
  const interval = options.pollIntervalMilliseconds ?? 250;
  let stopping = false;
  let wake: (() => void) | undefined;
  // One round at a time, whoever asks (the loop, or a test draining): a shard's iterator is read by one reader.
  let chain: Promise<unknown> = Promise.resolve();
  const exclusively = <T>(work: () => Promise<T>): Promise<T> => {
    const next = chain.then(work, work);
    chain = next.catch(() => {});
    return next;
  };

  async function loop(): Promise<void> {
    while (!stopping) {
      const read = await exclusively(poller.pollOnce).catch((error: unknown) => {
        if (!stopping) logError("[stream] polling failed; retrying", error instanceof Error ? `${error.name}: ${error.message}` : error);
        return 0;
      });
      if (stopping) return;
      if (read > 0) continue; // more may be waiting: poll again at once, like the mapping
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, interval);
      });
    }
  }

  const running = loop();
  return {
    pollOnce: () => exclusively(poller.pollOnce),
    drain: async () => {
      while ((await exclusively(poller.pollOnce)) > 0) {
        // until a round finds nothing new
      }
    },
    stop: async () => {
      stopping = true;
      wake?.();
      await running;
    },
  };
}
