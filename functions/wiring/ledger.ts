/**
 * The ledger's wiring, at the edge: the stores on the table, the queue senders, the clock and the salt
 * (shared/use-cases/ledger-dependencies.ts says what they are). The billing-events handler builds the
 * production wiring from the environment once per container; tests and the bench build it on DynamoDB
 * Local and the local SQS endpoint.
 */
import type { SQSClient } from "@aws-sdk/client-sqs";
import { hashSaltOrThrow, runtimeConfig } from "../../shared/config.ts";
import { createAccountProfileStore } from "../../shared/data/account-profile-store.ts";
import { sharedQueueClient } from "../../shared/data/client.ts";
import { createDepositStore } from "../../shared/data/deposit-store.ts";
import { createLedgerStore } from "../../shared/data/ledger-store.ts";
import { createDeadLetterSender, createOutboundSender } from "../../shared/data/message-queues.ts";
import { createOperatorConfigStore } from "../../shared/data/operator-config-store.ts";
import { createPartnerRevenueStore } from "../../shared/data/partner-revenue-store.ts";
import { createPartnerStore } from "../../shared/data/partner-store.ts";
import { createPaymentRewardStore } from "../../shared/data/payment-reward-store.ts";
import { createPeriodAccrualStore } from "../../shared/data/period-accrual-store.ts";
import { createReferralMarksStore } from "../../shared/data/referral-marks-store.ts";
import { createServiceStore } from "../../shared/data/service-store.ts";
import { defaultTableContext, type TableContext } from "../../shared/data/table-context.ts";
import { type Clock, systemClock } from "../../shared/domain/clock.ts";
import type { LedgerDependencies } from "../../shared/use-cases/ledger-dependencies.ts";

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
    paymentRewardStore: createPaymentRewardStore(options.table),
    referralMarksStore: createReferralMarksStore(options.table),
    periodAccrualStore: createPeriodAccrualStore(options.table, options.clock),
    accountProfileStore: createAccountProfileStore(options.table),
    operatorConfigStore: createOperatorConfigStore(options.table, options.clock),
    serviceStore: createServiceStore(options.table),
    depositStore: createDepositStore(options.table),
    partnerRevenueStore: createPartnerRevenueStore(options.table),
    partnerStore: createPartnerStore(options.table),
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
