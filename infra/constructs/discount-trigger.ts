/**
 * The discounts' trigger's event source: the table's stream, filtered to the writes of code referrals
 * (shared/data/referral-stream.ts), into the decide-discounts function in batches (infra/catalog.ts
 * discountTrigger), with bounded, bisecting retries and an on-failure queue that receives the
 * description (shard, sequence numbers) of every batch given up on.
 */
import { Duration, Stack, Validations } from "aws-cdk-lib";
import type { ITable } from "aws-cdk-lib/aws-dynamodb";
import { FilterCriteria, StartingPosition } from "aws-cdk-lib/aws-lambda";
import { DynamoEventSource, SqsDlq } from "aws-cdk-lib/aws-lambda-event-sources";
import type { NodejsFunction } from "aws-cdk-lib/aws-lambda-nodejs";
import { Queue, QueueEncryption } from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import { codeReferralStreamFilterPattern } from "../../shared/data/referral-stream.ts";
import { discountTrigger, queueNames } from "../catalog.ts";

export interface DiscountTriggerProps {
  readonly table: ITable;
  readonly trigger: NodejsFunction;
}

export class DiscountTrigger extends Construct {
  /** Batches the trigger gave up on: their shard and sequence-number range, to replay from the stream. */
  readonly failures: Queue;

  constructor(scope: Construct, id: string, props: DiscountTriggerProps) {
    super(scope, id);
    this.failures = new Queue(this, "Failures", {
      queueName: `${Stack.of(this).stackName}-${queueNames.discountTriggerFailures}`,
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.failures).acknowledge({
      id: "AwsSolutions-SQS3",
      reason:
        "This queue is itself the on-failure destination of the discounts' stream event source mapping, which cdk-nag does not recognise as a dead-letter use.",
    });

    // Grants the function stream read (DescribeStream, GetRecords, GetShardIterator on this stream, ListStreams) and SendMessage on the queue.
    props.trigger.addEventSource(
      new DynamoEventSource(props.table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: discountTrigger.batchSize,
        maxBatchingWindow: Duration.seconds(discountTrigger.maxBatchingWindowSeconds),
        parallelizationFactor: discountTrigger.parallelizationFactor,
        bisectBatchOnError: true,
        retryAttempts: discountTrigger.retryAttempts,
        maxRecordAge: Duration.seconds(discountTrigger.maxRecordAgeSeconds),
        onFailure: new SqsDlq(this.failures),
        filters: [FilterCriteria.filter(codeReferralStreamFilterPattern as unknown as Record<string, unknown>)],
      }),
    );
    Validations.of(props.trigger.role!).acknowledge({
      id: "AwsSolutions-IAM5[Resource::*]",
      reason:
        "dynamodb:ListStreams, which the stream event source mapping needs, has no resource-level permissions; every other stream action is on this table's stream only.",
    });
  }
}
