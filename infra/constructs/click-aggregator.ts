/**
 * The click aggregator's event source: the table's stream, filtered to the writes of counted clicks
 * (shared/data/click-stream.ts), into the aggregate-clicks function in batches (infra/catalog.ts
 * clickAggregator), with bounded, bisecting retries and an on-failure queue that receives the
 * description (shard, sequence numbers) of every batch given up on.
 */
import { Duration, Stack, Validations } from "aws-cdk-lib";
import type { ITable } from "aws-cdk-lib/aws-dynamodb";
import { FilterCriteria, StartingPosition } from "aws-cdk-lib/aws-lambda";
import { DynamoEventSource, SqsDlq } from "aws-cdk-lib/aws-lambda-event-sources";
import type { NodejsFunction } from "aws-cdk-lib/aws-lambda-nodejs";
import { Queue, QueueEncryption } from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import { clickStreamFilterPattern } from "../../shared/data/click-stream.ts";
import { clickAggregator, queueNames } from "../catalog.ts";

export interface ClickAggregationProps {
  readonly table: ITable;
  readonly aggregator: NodejsFunction;
}

export class ClickAggregation extends Construct {
  /** Batches the aggregator gave up on: their shard and sequence-number range, to replay from the stream. */
  readonly failures: Queue;

  constructor(scope: Construct, id: string, props: ClickAggregationProps) {
    super(scope, id);
    this.failures = new Queue(this, "Failures", {
      queueName: `${Stack.of(this).stackName}-${queueNames.clickAggregationFailures}`,
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.failures).acknowledge({
      id: "AwsSolutions-SQS3",
      reason:
        "This queue is itself the on-failure destination of the click aggregator's stream event source mapping, which cdk-nag does not recognise as a dead-letter use.",
    });

    // Grants the function stream read (DescribeStream, GetRecords, GetShardIterator on this stream, ListStreams) and SendMessage on the queue.
    props.aggregator.addEventSource(
      new DynamoEventSource(props.table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: clickAggregator.batchSize,
        maxBatchingWindow: Duration.seconds(clickAggregator.maxBatchingWindowSeconds),
        parallelizationFactor: clickAggregator.parallelizationFactor,
        bisectBatchOnError: true,
        retryAttempts: clickAggregator.retryAttempts,
        maxRecordAge: Duration.seconds(clickAggregator.maxRecordAgeSeconds),
        tumblingWindow: Duration.seconds(clickAggregator.tumblingWindowSeconds),
        onFailure: new SqsDlq(this.failures),
        filters: [FilterCriteria.filter(clickStreamFilterPattern as unknown as Record<string, unknown>)],
      }),
    );
    Validations.of(props.aggregator.role!).acknowledge({
      id: "AwsSolutions-IAM5[Resource::*]",
      reason:
        "dynamodb:ListStreams, which the stream event source mapping needs, has no resource-level permissions; every other stream action is on this table's stream only.",
    });
  }
}
