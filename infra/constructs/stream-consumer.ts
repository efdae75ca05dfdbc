/**
 * A function fed by the table's stream (DynamoDB Streams through an event source mapping), filtered to the writes it
 * consumes, in batches, with bounded, bisecting retries and an on-failure queue that receives the description (shard,
 * sequence numbers) of every batch given up on. Two consume it: the click aggregator (infra/catalog.ts
 * `clickAggregator`, the counted clicks of shared/data/click-stream.ts) and the discounts' trigger (`discountTrigger`,
 * the code referrals of shared/data/referral-stream.ts); the local stack polls DynamoDB Local's stream with the same
 * filters and batch sizes (scripts/lib/local-stack.ts).
 */
import { Duration, Stack, Validations } from "aws-cdk-lib";
import type { ITable } from "aws-cdk-lib/aws-dynamodb";
import { FilterCriteria, StartingPosition } from "aws-cdk-lib/aws-lambda";
import { DynamoEventSource, SqsDlq } from "aws-cdk-lib/aws-lambda-event-sources";
import type { NodejsFunction } from "aws-cdk-lib/aws-lambda-nodejs";
import { Queue, QueueEncryption } from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";

/** How the event source mapping feeds the function (the catalog's `clickAggregator`, `discountTrigger`). */
export interface StreamConsumerSettings {
  readonly batchSize: number;
  readonly maxBatchingWindowSeconds: number;
  readonly parallelizationFactor: number;
  /** Retries of a failed batch (bisected each time) before its description goes to the on-failure queue. */
  readonly retryAttempts: number;
  /** Records older than this are not retried but sent to the on-failure queue (the stream keeps 24 hours). */
  readonly maxRecordAgeSeconds: number;
  /** Only so that each event carries the shard id (the click aggregator's checkpoint); no window state is kept. */
  readonly tumblingWindowSeconds?: number;
}

export interface StreamConsumerProps {
  readonly table: ITable;
  readonly consumer: NodejsFunction;
  readonly settings: StreamConsumerSettings;
  /** The mapping's filter: only the writes the function consumes are delivered (and billed). */
  readonly filterPattern: object;
  /** The on-failure queue's name after the stack's (catalog `queueNames`). */
  readonly failuresQueueName: string;
  /** Whose mapping it is, as the cdk-nag justification says it ("the click aggregator's"). */
  readonly owner: string;
}

export class StreamConsumer extends Construct {
  /** Batches the function gave up on: their shard and sequence-number range, to replay from the stream. */
  readonly failures: Queue;

  constructor(scope: Construct, id: string, props: StreamConsumerProps) {
    super(scope, id);
    const { settings } = props;
    this.failures = new Queue(this, "Failures", {
      queueName: `${Stack.of(this).stackName}-${props.failuresQueueName}`,
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.failures).acknowledge({
      id: "AwsSolutions-SQS3",
      reason: `This queue is itself the on-failure destination of ${props.owner} stream event source mapping, which cdk-nag does not recognise as a dead-letter use.`,
    });

    // Grants the function stream read (DescribeStream, GetRecords, GetShardIterator on this stream, ListStreams) and SendMessage on the queue.
    props.consumer.addEventSource(
      new DynamoEventSource(props.table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: settings.batchSize,
        maxBatchingWindow: Duration.seconds(settings.maxBatchingWindowSeconds),
        parallelizationFactor: settings.parallelizationFactor,
        bisectBatchOnError: true,
        retryAttempts: settings.retryAttempts,
        maxRecordAge: Duration.seconds(settings.maxRecordAgeSeconds),
        ...(settings.tumblingWindowSeconds !== undefined ? { tumblingWindow: Duration.seconds(settings.tumblingWindowSeconds) } : {}),
        onFailure: new SqsDlq(this.failures),
        filters: [FilterCriteria.filter(props.filterPattern as Record<string, unknown>)],
      }),
    );
    Validations.of(props.consumer.role!).acknowledge({
      id: "AwsSolutions-IAM5[Resource::*]",
      reason:
        "dynamodb:ListStreams, which the stream event source mapping needs, has no resource-level permissions; every other stream action is on this table's stream only.",
    });
  }
}
