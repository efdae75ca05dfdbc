/**
 * The queues: billing events in (with their dead-letter queue) and the outbound FIFO queue to the
 * operator's billing and notification systems (with its own). Every queue is encrypted (SSE-SQS) and
 * refuses requests that are not over TLS.
 */
import { Duration, Stack } from "aws-cdk-lib";
import { DeduplicationScope, Queue, QueueEncryption, type QueueProps } from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import { billingEventsConsumer, queueNames } from "../catalog.ts";

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
}

export class LedgerQueues extends Construct {
  /** Billing events from the operator's billing system, consumed by the billing-events function. */
  readonly billingEvents: Queue;
  /** Billing events that can never succeed (moved by the consumer with a reason) or failed maxReceiveCount times. */
  readonly billingEventsDeadLetter: Queue;
  /** Credits and notices for the operator's systems, FIFO, deduplicated by the ledger transfer id. */
  readonly outbound: Queue;
  readonly outboundDeadLetter: Queue;

  constructor(scope: Construct, id: string, props: LedgerQueuesProps) {
    super(scope, id);
    const prefix = Stack.of(this).stackName;
    const visibilityTimeout = Duration.seconds(billingEventsConsumer.visibilityTimeoutSeconds);
    // AWS: "set the source queue's visibility timeout to at least six times the function timeout", or a
    // record still being processed reappears and is processed twice, and retries burn receives.
    if (visibilityTimeout.toSeconds() < 6 * props.billingEventsConsumerTimeout.toSeconds()) {
      throw new Error(
        `billing-events visibility timeout (${visibilityTimeout.toSeconds()} s) must be at least 6 × the consumer timeout (${props.billingEventsConsumerTimeout.toSeconds()} s)`,
      );
    }

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
