/**
 * The queues: billing events in (with their dead-letter queue), the outbound FIFO queue to the
 * operator's billing and notification systems (with its own), and the settlement queue (with its own). Every queue is encrypted (SSE-SQS) and
 * refuses requests that are not over TLS.
 */
import { Duration, Stack } from "aws-cdk-lib";
import { DeduplicationScope, Queue, QueueEncryption, type QueueProps } from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import { billingEventsConsumer, queueNames, settlementWorker } from "../catalog.ts";

/** Dead-letter queues keep messages as long as SQS allows, so the operator has time to inspect and redrive. */
const deadLetterRetention = Duration.days(14);
/** Outbound credits and notices wait up to 14 days for the operator's consumer before they are lost. */
const outboundRetention = Duration.days(14);
/** After this many receives by the operator's consumer, an outbound message moves to its dead-letter queue. */
const outboundMaxReceiveCount = 5;

const secureQueueDefaults = { encryption: QueueEncryption.SQS_MANAGED, enforceSSL: true } as const satisfies QueueProps;

export interface LedgerQueuesProps {
  /** The consumer's timeout: the queue's visibility timeout must be at least six times as long. */
  readonly billingEventsConsumerTimeout: Duration;
  /** The settlement worker's timeout: the same rule for the settlement queue. */
  readonly settlementWorkerTimeout: Duration;
}

/** AWS: "set the source queue's visibility timeout to at least six times the function timeout", or a record still being processed reappears and is processed twice. */
function assertVisibilityTimeout(queue: string, visibilityTimeout: Duration, consumerTimeout: Duration): void {
  if (visibilityTimeout.toSeconds() < 6 * consumerTimeout.toSeconds()) {
    throw new Error(
      `${queue} visibility timeout (${visibilityTimeout.toSeconds()} s) must be at least 6 × the consumer timeout (${consumerTimeout.toSeconds()} s)`,
    );
  }
}

export class LedgerQueues extends Construct {
  /** Billing events from the operator's billing system, consumed by the billing-events function. */
  readonly billingEvents: Queue;
  /** Billing events that can never succeed (moved by the consumer with a reason) or failed maxReceiveCount times. */
  readonly billingEventsDeadLetter: Queue;
  /** Credits and notices for the operator's systems, FIFO, deduplicated by the ledger transfer id. */
  readonly outbound: Queue;
  readonly outboundDeadLetter: Queue;
  /** Settlement work items (pages of accounts to settle, accounts), consumed by the settlement-work function. */
  readonly settlement: Queue;
  readonly settlementDeadLetter: Queue;

  constructor(scope: Construct, id: string, props: LedgerQueuesProps) {
    super(scope, id);
    const prefix = Stack.of(this).stackName;
    const visibilityTimeout = Duration.seconds(billingEventsConsumer.visibilityTimeoutSeconds);
    assertVisibilityTimeout("billing-events", visibilityTimeout, props.billingEventsConsumerTimeout);
    const settlementVisibilityTimeout = Duration.seconds(settlementWorker.visibilityTimeoutSeconds);
    assertVisibilityTimeout("settlement", settlementVisibilityTimeout, props.settlementWorkerTimeout);

    this.billingEventsDeadLetter = new Queue(this, "BillingEventsDeadLetter", {
      ...secureQueueDefaults,
      queueName: `${prefix}-${queueNames.billingEventsDeadLetter}`,
      retentionPeriod: deadLetterRetention,
    });
    this.billingEvents = new Queue(this, "BillingEvents", {
      ...secureQueueDefaults,
      queueName: `${prefix}-${queueNames.billingEvents}`,
      visibilityTimeout,
      deadLetterQueue: { queue: this.billingEventsDeadLetter, maxReceiveCount: billingEventsConsumer.maxReceiveCount },
    });

    this.settlementDeadLetter = new Queue(this, "SettlementDeadLetter", {
      ...secureQueueDefaults,
      queueName: `${prefix}-${queueNames.settlementDeadLetter}`,
      retentionPeriod: deadLetterRetention,
    });
    this.settlement = new Queue(this, "Settlement", {
      ...secureQueueDefaults,
      queueName: `${prefix}-${queueNames.settlement}`,
      visibilityTimeout: settlementVisibilityTimeout,
      deadLetterQueue: { queue: this.settlementDeadLetter, maxReceiveCount: settlementWorker.maxReceiveCount },
    });

    // A FIFO dead-letter queue for a FIFO source queue (SQS requires the same type).
    this.outboundDeadLetter = new Queue(this, "OutboundDeadLetter", {
      ...secureQueueDefaults,
      queueName: `${prefix}-${queueNames.outboundDeadLetter}`,
      fifo: true,
      retentionPeriod: deadLetterRetention,
    });
    this.outbound = new Queue(this, "Outbound", {
      ...secureQueueDefaults,
      queueName: `${prefix}-${queueNames.outbound}`,
      fifo: true,
      // Producers set MessageDeduplicationId = the ledger transfer id, so a resent credit is delivered once.
      contentBasedDeduplication: false,
      // Deduplication across the whole queue (not per message group), so a resend is dropped whatever
      // group id the producer gives it; credit volume is far below the standard FIFO throughput.
      deduplicationScope: DeduplicationScope.QUEUE,
      retentionPeriod: outboundRetention,
      deadLetterQueue: { queue: this.outboundDeadLetter, maxReceiveCount: outboundMaxReceiveCount },
    });
  }
}
