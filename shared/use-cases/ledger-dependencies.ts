/**
 * What the ledger use cases need, built once per container: the stores on the table, the queues, the
 * clock and the hashing salt. Tests build the same object on DynamoDB Local with a fixed clock.
 */
import type { SQSClient } from "@aws-sdk/client-sqs";
import { hashSaltOrThrow, runtimeConfig } from "../config.ts";
import { type BillingEventStore, createBillingEventStore } from "../data/billing-event-store.ts";
import { sharedQueueClient } from "../data/client.ts";
import { createLedgerStore, type LedgerStore } from "../data/ledger-store.ts";
import { createDeadLetterSender, createOutboundSender, type DeadLetterSender, type OutboundSender } from "../data/message-queues.ts";
import { createOperatorConfigStore, type OperatorConfigStore } from "../data/operator-config-store.ts";
import { createServiceStore, type ServiceStore } from "../data/service-store.ts";
import { defaultTableContext, type TableContext } from "../data/table-context.ts";
import { type Clock, systemClock } from "../domain/clock.ts";

export interface LedgerDependencies {
  readonly ledgerStore: LedgerStore;
  readonly billingEventStore: BillingEventStore;
  readonly operatorConfigStore: OperatorConfigStore;
  /** The payer and administrator history of each service (service.payer_changed). */
  readonly serviceStore: ServiceStore;
  readonly outbound: OutboundSender;
  readonly deadLetters: DeadLetterSender;
  readonly clock: Clock;
  /** HASH_SALT: keys the e-mail and payment-fingerprint hashes of account.registered. */
  readonly hashSalt: string;
}

export function createLedgerDependencies(options: {
  readonly table: TableContext;
  readonly clock: Clock;
  readonly queueClient: SQSClient;
  readonly outboundQueueUrl: string | undefined;
  readonly deadLetterQueueUrl: string | undefined;
  readonly hashSalt: string;
}): LedgerDependencies {
  return {
    ledgerStore: createLedgerStore(options.table, options.clock),
    billingEventStore: createBillingEventStore(options.table, options.clock),
    operatorConfigStore: createOperatorConfigStore(options.table, options.clock),
    serviceStore: createServiceStore(options.table),
    outbound: createOutboundSender(options.queueClient, options.outboundQueueUrl),
    deadLetters: createDeadLetterSender(options.queueClient, options.deadLetterQueueUrl),
    clock: options.clock,
    hashSalt: options.hashSalt,
  };
}

/** The production wiring: table, queue URLs and salt from the environment (validated once), the system clock. */
export function ledgerDependenciesFromEnvironment(): LedgerDependencies {
  const config = runtimeConfig();
  return createLedgerDependencies({
    table: defaultTableContext(),
    clock: systemClock,
    queueClient: sharedQueueClient(),
    outboundQueueUrl: config.OUTBOUND_QUEUE_URL,
    deadLetterQueueUrl: config.BILLING_EVENTS_DLQ_URL,
    hashSalt: hashSaltOrThrow(config),
  });
}
