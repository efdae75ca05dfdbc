/**
 * The whole system in AWS, built from the catalog (infra/catalog.ts): the table, one function per
 * catalog entry with exactly the grants its entry asks for, the HTTP API, the billing-events queue and
 * its consumer, the outbound queue, the schedules and the alarms.
 */
import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps, Validations } from "aws-cdk-lib";
import { SqsEventSource } from "aws-cdk-lib/aws-lambda-event-sources";
import type { NodejsFunction } from "aws-cdk-lib/aws-lambda-nodejs";
import { Secret } from "aws-cdk-lib/aws-secretsmanager";
import type { Construct } from "constructs";
import { environmentVariables } from "../shared/config.ts";
import { clickStreamFilterPattern } from "../shared/data/click-stream.ts";
import { codeReferralStreamFilterPattern } from "../shared/data/referral-stream.ts";
import { alarmedMetricNames } from "../shared/observability.ts";
import type { OperatorConfig } from "../shared/schemas/operator-config.ts";
import { billingEventsConsumer, clickAggregator, discountTrigger, functionSpecs, queueNames, settlementWorker } from "./catalog.ts";
import { LedgerAlarms } from "./constructs/alarms.ts";
import { LedgerApi } from "./constructs/api.ts";
import {
  bindHashSalt,
  bindJwtVerification,
  bindQueueForSending,
  bindReferralLinkBaseUrl,
  bindTable,
  createLedgerFunction,
  timeoutSecondsOf,
} from "./constructs/ledger-function.ts";
import { LedgerTable } from "./constructs/ledger-table.ts";
import { OperatorConfigSeed } from "./constructs/operator-config-seed.ts";
import { LedgerQueues } from "./constructs/queues.ts";
import { LedgerSchedules } from "./constructs/schedules.ts";
import { StreamConsumer } from "./constructs/stream-consumer.ts";

export interface LedgerStackProps extends StackProps {
  /** The configuration seeded on first deploy, validated with operatorConfigSchema. */
  readonly operatorConfig: OperatorConfig;
  /** IANA time zone the schedules run in; equal to operatorConfig.timeZone. */
  readonly operatorTimeZone: string;
  /** OIDC issuer URL of the operator's identity provider, and the audiences its access tokens carry. */
  readonly jwtIssuer: string;
  readonly jwtAudience: readonly string[];
  readonly deletionProtection: boolean;
  /** Public address of the referral links (a custom domain mapped to the API); default: the API's own URL. */
  readonly referralLinkBaseUrl?: string;
  /** Optional e-mail address subscribed to the alarm topic. */
  readonly alarmEmail?: string;
  /** The configuration item's updatedAt (the time of synthesis). */
  readonly seededAt: Date;
}

export class LedgerStack extends Stack {
  readonly table: LedgerTable;
  readonly functions: ReadonlyMap<string, NodejsFunction>;
  readonly queues: LedgerQueues;
  readonly clickAggregation: StreamConsumer;
  readonly discountTrigger: StreamConsumer;
  readonly api: LedgerApi;
  readonly schedules: LedgerSchedules;
  readonly alarms: LedgerAlarms;

  constructor(scope: Construct, id: string, props: LedgerStackProps) {
    super(scope, id, props);
    if (props.operatorTimeZone !== props.operatorConfig.timeZone) {
      throw new Error(
        `the schedules' time zone (${props.operatorTimeZone}) differs from the operator configuration's (${props.operatorConfig.timeZone})`,
      );
    }

    this.table = new LedgerTable(this, "LedgerTable", { deletionProtection: props.deletionProtection });
    new OperatorConfigSeed(this, "OperatorConfigSeed", { table: this.table, config: props.operatorConfig, seededAt: props.seededAt });

    const consumerSpec = functionSpecs.find((spec) => spec.name === billingEventsConsumer.functionName);
    if (!consumerSpec) throw new Error(`the catalog has no function ${billingEventsConsumer.functionName}`);
    const workerSpec = functionSpecs.find((spec) => spec.name === settlementWorker.functionName);
    if (!workerSpec) throw new Error(`the catalog has no function ${settlementWorker.functionName}`);
    this.queues = new LedgerQueues(this, "Queues", {
      billingEventsConsumerTimeout: Duration.seconds(timeoutSecondsOf(consumerSpec)),
      settlementWorkerTimeout: Duration.seconds(timeoutSecondsOf(workerSpec)),
    });

    const hashSalt = new Secret(this, "HashSalt", {
      description: "Salt for hashing visitor, e-mail and payment fingerprints (HASH_SALT). Never rotate: stored hashes depend on it.",
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(hashSalt).acknowledge({
      id: "AwsSolutions-SMG4",
      reason:
        "The salt keys every stored hash (visitor, e-mail and payment fingerprints, repeat-click markers); rotating it would silently orphan them, so it is generated once and never rotated.",
    });

    const functions = new Map<string, NodejsFunction>();
    for (const spec of functionSpecs) {
      const fn = createLedgerFunction(this, spec);
      if (spec.table) bindTable(fn, this.table, spec.table);
      if (spec.usesHashSalt) bindHashSalt(fn, hashSalt);
      if (spec.verifiesJwts) bindJwtVerification(fn, props.jwtIssuer, props.jwtAudience);
      if (spec.sendsOutbound) bindQueueForSending(fn, this.queues.outbound, environmentVariables.outboundQueueUrl);
      if (spec.sendsSettlementWork) bindQueueForSending(fn, this.queues.settlement, environmentVariables.settlementQueueUrl);
      if (spec.sendsToBillingDeadLetterQueue) {
        bindQueueForSending(fn, this.queues.billingEventsDeadLetter, environmentVariables.billingEventsDeadLetterQueueUrl);
      }
      functions.set(spec.name, fn);
    }
    this.functions = functions;
    const functionOrThrow = (name: string): NodejsFunction => {
      const fn = functions.get(name);
      if (!fn) throw new Error(`the catalog has no function ${name}`);
      return fn;
    };

    functionOrThrow(billingEventsConsumer.functionName).addEventSource(
      new SqsEventSource(this.queues.billingEvents, {
        batchSize: billingEventsConsumer.batchSize,
        maxBatchingWindow: Duration.seconds(billingEventsConsumer.maxBatchingWindowSeconds),
        maxConcurrency: billingEventsConsumer.maxConcurrency,
        // The consumer returns the ids of the records that failed; only those are retried.
        reportBatchItemFailures: true,
      }),
    );

    functionOrThrow(settlementWorker.functionName).addEventSource(
      new SqsEventSource(this.queues.settlement, {
        batchSize: settlementWorker.batchSize,
        maxBatchingWindow: Duration.seconds(settlementWorker.maxBatchingWindowSeconds),
        // Bounds the run's parallelism (and its write rate: docs/benchmarks.md, "Settlement").
        maxConcurrency: settlementWorker.maxConcurrency,
        reportBatchItemFailures: true,
      }),
    );

    this.clickAggregation = new StreamConsumer(this, "ClickAggregation", {
      table: this.table,
      consumer: functionOrThrow(clickAggregator.functionName),
      settings: clickAggregator,
      filterPattern: clickStreamFilterPattern,
      failuresQueueName: queueNames.clickAggregationFailures,
      owner: "the click aggregator's",
    });
    this.discountTrigger = new StreamConsumer(this, "DiscountTrigger", {
      table: this.table,
      consumer: functionOrThrow(discountTrigger.functionName),
      settings: discountTrigger,
      filterPattern: codeReferralStreamFilterPattern,
      failuresQueueName: queueNames.discountTriggerFailures,
      owner: "the discounts'",
    });

    this.api = new LedgerApi(this, "Api", {
      functionOrThrow,
      jwtIssuer: props.jwtIssuer,
      jwtAudience: props.jwtAudience,
      corsAllowedOrigins: props.operatorConfig.widget?.allowedOrigins ?? [],
    });
    for (const spec of functionSpecs.filter((candidate) => candidate.buildsReferralLinks)) {
      bindReferralLinkBaseUrl(functionOrThrow(spec.name), props.referralLinkBaseUrl ?? this.api.url);
    }
    this.schedules = new LedgerSchedules(this, "Schedules", { functionOrThrow, timeZone: props.operatorTimeZone });
    this.alarms = new LedgerAlarms(this, "Alarms", {
      queueAges: [
        {
          name: queueNames.billingEvents,
          queue: this.queues.billingEvents,
          // Two retries (6-minute visibility) stay under it; a message this old is not being applied.
          maxAge: Duration.minutes(15),
          meaning: "the consumer is not applying billing events (stopped, throttled or failing on every try).",
        },
        {
          name: queueNames.outbound,
          queue: this.queues.outbound,
          maxAge: Duration.hours(1),
          meaning: "the operator's billing system is not receiving credits and notices.",
        },
      ],
      partialBatchFailures: [
        { consumerName: billingEventsConsumer.functionName, metricName: alarmedMetricNames.billingEventsBatchItemFailures },
      ],
      deadLetterQueues: new Map([
        [queueNames.billingEventsDeadLetter, this.queues.billingEventsDeadLetter],
        ["outbound-dlq", this.queues.outboundDeadLetter],
        [queueNames.settlementDeadLetter, this.queues.settlementDeadLetter],
        ["schedule-failures", this.schedules.failedInvocations],
        [queueNames.clickAggregationFailures, this.clickAggregation.failures],
        [queueNames.discountTriggerFailures, this.discountTrigger.failures],
      ]),
      functions,
      httpApi: this.api.httpApi,
      alarmEmail: props.alarmEmail,
    });

    new CfnOutput(this, "ApiUrl", { value: this.api.url, description: "Base URL of the HTTP API" });
    new CfnOutput(this, "TableName", { value: this.table.tableName });
    new CfnOutput(this, "BillingEventsQueueUrl", {
      value: this.queues.billingEvents.queueUrl,
      description: "Where the billing system sends its events",
    });
    new CfnOutput(this, "BillingEventsDeadLetterQueueUrl", { value: this.queues.billingEventsDeadLetter.queueUrl });
    new CfnOutput(this, "OutboundQueueUrl", {
      value: this.queues.outbound.queueUrl,
      description: "Credits and notices for the billing and notification systems",
    });
    new CfnOutput(this, "OutboundQueueArn", { value: this.queues.outbound.queueArn });
    new CfnOutput(this, "OutboundDeadLetterQueueUrl", { value: this.queues.outboundDeadLetter.queueUrl });
    new CfnOutput(this, "SettlementQueueUrl", { value: this.queues.settlement.queueUrl, description: "Work items of settlement runs" });
    new CfnOutput(this, "SettlementDeadLetterQueueUrl", { value: this.queues.settlementDeadLetter.queueUrl });
    new CfnOutput(this, "ScheduleFailuresQueueUrl", { value: this.schedules.failedInvocations.queueUrl });
    new CfnOutput(this, "ClickAggregationFailuresQueueUrl", { value: this.clickAggregation.failures.queueUrl });
    new CfnOutput(this, "DiscountTriggerFailuresQueueUrl", { value: this.discountTrigger.failures.queueUrl });
    new CfnOutput(this, "AlarmTopicArn", { value: this.alarms.topic.topicArn, description: "Subscribe the on-call address or pager here" });
    new CfnOutput(this, "HashSaltSecretArn", { value: hashSalt.secretArn });
  }
}
