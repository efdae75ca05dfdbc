/**
 * CloudWatch alarms, all notifying one SNS topic. Each alarm says what an on-call person needs to act
 * on; docs/deploy.md ("Alarms: runbook") has one line per alarm (what it means, what to check, what
 * to do), by the alarm's name:
 *
 * - a queue whose oldest message is older than that queue's limit (a consumer stopped or fell behind),
 * - any message in a dead-letter queue (a billing event, an outbound credit or a scheduled run that
 *   could not be processed),
 * - records a queue consumer reported as failed (partial-batch failures, which are not function errors),
 * - outboxes the outbox relay keeps finding unsent (or no relay run at all),
 * - any function error, and any 5xx from the API (the API is designed never to answer 500).
 *
 * Adding an alarm is one call: `oldestMessageAgeAlarm` for a queue, `alarmOnMetric` for any metric.
 */
import { Duration, RemovalPolicy, Stack } from "aws-cdk-lib";
import type { HttpApi } from "aws-cdk-lib/aws-apigatewayv2";
import { Alarm, ComparisonOperator, type IMetric, Metric, TreatMissingData } from "aws-cdk-lib/aws-cloudwatch";
import { SnsAction } from "aws-cdk-lib/aws-cloudwatch-actions";
import { PolicyStatement, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import { Key } from "aws-cdk-lib/aws-kms";
import type { IFunction } from "aws-cdk-lib/aws-lambda";
import { Topic } from "aws-cdk-lib/aws-sns";
import { EmailSubscription } from "aws-cdk-lib/aws-sns-subscriptions";
import type { IQueue } from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import { alarmedMetricNames, metricsNamespace, serviceName } from "../../shared/observability.ts";
import { pascalCase } from "./ledger-function.ts";

const evaluationPeriod = Duration.minutes(5);

/** A queue whose backlog is watched: the alarm fires when its oldest message is older than `maxAge`. */
export interface QueueAgeAlarmSpec {
  /** A readable name ("billing-events"), also the alarm's construct id (PascalCase + "OldestMessageAge"). */
  readonly name: string;
  readonly queue: IQueue;
  /** Older than this, the queue's consumer has stopped or fallen behind. */
  readonly maxAge: Duration;
  /** What a message that old means for this queue, for the alarm's description. */
  readonly meaning: string;
}

/** A custom metric (namespace ReferralLedger, dimension service) that counts records a consumer reported as failed. */
export interface PartialBatchFailureAlarmSpec {
  /** The consumer's catalog name ("billing-events"), also the alarm's construct id (PascalCase + "BatchItemFailures"). */
  readonly consumerName: string;
  /** The metric the consumer emits once per batch with the number of batchItemFailures (0 included). */
  readonly metricName: string;
}

export interface MetricAlarmOptions {
  readonly description: string;
  /** The alarm fires when the metric is greater than this. Default 0. */
  readonly threshold?: number;
  /** Periods looked at, and how many of them must breach. Default 1 of 1. */
  readonly evaluationPeriods?: number;
  readonly datapointsToAlarm?: number;
  /** Missing data breaches (a metric emitted on every run of a job: no data means the job stopped). Default false. */
  readonly missingDataBreaches?: boolean;
}

export interface LedgerAlarmsProps {
  /** Dead-letter queues by a readable name ("billing-events-dlq"). */
  readonly deadLetterQueues: ReadonlyMap<string, IQueue>;
  /** Queues alarmed on the age of their oldest message (billing events, outbound, …): one entry per queue. */
  readonly queueAges: readonly QueueAgeAlarmSpec[];
  /** Queue consumers alarmed on the records they report as failed. */
  readonly partialBatchFailures: readonly PartialBatchFailureAlarmSpec[];
  /** Functions by catalog name. */
  readonly functions: ReadonlyMap<string, IFunction>;
  readonly httpApi: HttpApi;
  /** Optional address subscribed to the alarm topic. */
  readonly alarmEmail?: string;
}

export class LedgerAlarms extends Construct {
  readonly topic: Topic;
  readonly key: Key;
  readonly alarms: Alarm[] = [];
  private readonly action: SnsAction;

  constructor(scope: Construct, id: string, props: LedgerAlarmsProps) {
    super(scope, id);
    // A customer managed key: CloudWatch cannot publish to a topic encrypted with the AWS managed
    // aws/sns key, whose policy cannot grant it kms:GenerateDataKey.
    this.key = new Key(this, "TopicKey", {
      description: "Encrypts the referral ledger alarm topic",
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.DESTROY,
      pendingWindow: Duration.days(7),
    });
    // Only on behalf of this account's alarms (confused deputy): CloudWatch acting for another account may not use the key.
    this.key.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal("cloudwatch.amazonaws.com")],
        actions: ["kms:Decrypt", "kms:GenerateDataKey*"],
        resources: ["*"],
        conditions: { StringEquals: { "aws:SourceAccount": Stack.of(this).account } },
      }),
    );
    this.topic = new Topic(this, "Topic", { displayName: "Referral ledger alarms", masterKey: this.key, enforceSSL: true });
    if (props.alarmEmail) this.topic.addSubscription(new EmailSubscription(props.alarmEmail));
    this.action = new SnsAction(this.topic);

    for (const spec of props.queueAges) this.oldestMessageAgeAlarm(spec);
    for (const [name, queue] of props.deadLetterQueues) {
      this.alarmOnMetric(
        `${pascalCase(name)}Depth`,
        queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: "Maximum" }),
        { description: `Messages are waiting in ${name}: inspect them (each carries its reason) and redrive once fixed.` },
      );
    }
    for (const spec of props.partialBatchFailures) this.partialBatchFailureAlarm(spec);
    this.outboxBacklogAlarm();
    for (const [name, fn] of props.functions) {
      this.alarmOnMetric(`${pascalCase(name)}Errors`, fn.metricErrors({ period: evaluationPeriod, statistic: "Sum" }), {
        description: `The ${name} function failed (uncaught error or timeout).`,
      });
    }
    this.alarmOnMetric("Api5xx", props.httpApi.metricServerError({ period: evaluationPeriod, statistic: "Sum" }), {
      description: "The API answered 5xx: every expected failure should be a 4xx.",
    });
  }

  /** An alarm on `metric` notifying the topic (alarm and OK), missing data not breaching. */
  alarmOnMetric(alarmId: string, metric: IMetric, options: MetricAlarmOptions): Alarm {
    const alarm = new Alarm(this, alarmId, {
      // "<stack>-<alarm id>": the name in the notification is the runbook's key (docs/deploy.md).
      alarmName: `${Stack.of(this).stackName}-${alarmId}`,
      metric,
      alarmDescription: options.description,
      threshold: options.threshold ?? 0,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: options.evaluationPeriods ?? 1,
      datapointsToAlarm: options.datapointsToAlarm,
      // A queue without traffic stops reporting, and a custom metric exists only when emitted: no data is
      // no trouble, unless the metric is emitted on every run of a job.
      treatMissingData: options.missingDataBreaches ? TreatMissingData.BREACHING : TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(this.action);
    alarm.addOkAction(this.action);
    this.alarms.push(alarm);
    return alarm;
  }

  /** Fires when the queue's oldest message (ApproximateAgeOfOldestMessage, maximum over 5 min) is older than spec.maxAge. */
  oldestMessageAgeAlarm(spec: QueueAgeAlarmSpec): Alarm {
    return this.alarmOnMetric(
      `${pascalCase(spec.name)}OldestMessageAge`,
      spec.queue.metricApproximateAgeOfOldestMessage({ period: evaluationPeriod, statistic: "Maximum" }),
      {
        threshold: spec.maxAge.toSeconds(),
        description: `The oldest message on ${spec.name} is older than ${spec.maxAge.toHumanString()}: ${spec.meaning}`,
      },
    );
  }

  /**
   * Fires when the outbox relay (every minute) found unsent outboxes older than its grace period in 4 of
   * 5 one-minute periods (each run's backlog, the minimum per minute), or did not run: outbound credits
   * are not reaching the queue, or the relay cannot keep up or has stopped.
   */
  outboxBacklogAlarm(): Alarm {
    return this.alarmOnMetric(
      "OutboxRelayBacklog",
      new Metric({
        namespace: metricsNamespace,
        metricName: alarmedMetricNames.outboxBacklog,
        dimensionsMap: { service: serviceName },
        period: Duration.minutes(1),
        statistic: "Minimum",
      }),
      {
        evaluationPeriods: 5,
        datapointsToAlarm: 4,
        missingDataBreaches: true,
        description:
          "The outbox relay keeps finding outbound messages committed more than a minute ago and never sent, or has stopped running: credits and clawbacks are not reaching the outbound queue.",
      },
    );
  }

  /**
   * Fires when the consumer reported failed records in 2 of 3 five-minute periods: a lasting failure, not
   * one retried conflict. Function errors do not show these (the invocation succeeds with batchItemFailures).
   */
  partialBatchFailureAlarm(spec: PartialBatchFailureAlarmSpec): Alarm {
    return this.alarmOnMetric(
      `${pascalCase(spec.consumerName)}BatchItemFailures`,
      new Metric({
        namespace: metricsNamespace,
        metricName: spec.metricName,
        dimensionsMap: { service: serviceName },
        period: evaluationPeriod,
        statistic: "Sum",
      }),
      {
        evaluationPeriods: 3,
        datapointsToAlarm: 2,
        description: `The ${spec.consumerName} consumer keeps reporting failed records (batchItemFailures): they are retried and, after their last receive, dead-lettered without a reason.`,
      },
    );
  }
}
