/**
 * The referral routes' wiring, at the edge (shared/use-cases/referral-dependencies.ts says what each
 * use case takes): the attribution gets the code lookup, the referral store and the salt; the link
 * overview gets the referral store and a random source for new codes, and no salt.
 */
import type { SQSClient } from "@aws-sdk/client-sqs";
import { hashSaltOrThrow, runtimeConfig } from "../../shared/config.ts";
import { createAttemptCounterStore } from "../../shared/data/attempt-counter-store.ts";
import { createClickStore } from "../../shared/data/click-store.ts";
import { sharedQueueClient } from "../../shared/data/client.ts";
import { createInviteStore } from "../../shared/data/invite-store.ts";
import { createManagementStore } from "../../shared/data/management-store.ts";
import { createOutboundSender } from "../../shared/data/message-queues.ts";
import { createOperatorConfigStore } from "../../shared/data/operator-config-store.ts";
import { createReferralStore } from "../../shared/data/referral-store.ts";
import { defaultTableContext, type TableContext } from "../../shared/data/table-context.ts";
import { type Clock, systemClock } from "../../shared/domain/clock.ts";
import { cryptoRandomBytes, type RandomBytes } from "../../shared/domain/referral-code.ts";
import type {
  AttributionDependencies,
  CodeRedemptionDependencies,
  InviteDependencies,
  ReferralOverviewDependencies,
} from "../../shared/use-cases/referral-dependencies.ts";

export function createAttributionDependencies(options: {
  readonly table: TableContext;
  readonly clock: Clock;
  readonly hashSalt: string;
}): AttributionDependencies {
  return {
    operatorConfigStore: createOperatorConfigStore(options.table, options.clock),
    clickStore: createClickStore(options.table, options.clock),
    referralStore: createReferralStore(options.table),
    clock: options.clock,
    hashSalt: options.hashSalt,
  };
}

export function createCodeRedemptionDependencies(options: {
  readonly table: TableContext;
  readonly clock: Clock;
  readonly hashSalt: string;
}): CodeRedemptionDependencies {
  return { ...createAttributionDependencies(options), attemptCounterStore: createAttemptCounterStore(options.table, options.clock) };
}

export function createInviteDependencies(options: {
  readonly table: TableContext;
  readonly clock: Clock;
  readonly hashSalt: string;
  readonly queueClient: SQSClient;
  readonly outboundQueueUrl: string | undefined;
  readonly randomBytes?: RandomBytes;
}): InviteDependencies {
  return {
    operatorConfigStore: createOperatorConfigStore(options.table, options.clock),
    referralStore: createReferralStore(options.table),
    attemptCounterStore: createAttemptCounterStore(options.table, options.clock),
    inviteStore: createInviteStore(options.table),
    managementStore: createManagementStore(options.table),
    outbound: createOutboundSender(options.queueClient, options.outboundQueueUrl),
    clock: options.clock,
    hashSalt: options.hashSalt,
    randomBytes: options.randomBytes ?? cryptoRandomBytes,
  };
}

export function createReferralOverviewDependencies(options: {
  readonly table: TableContext;
  readonly clock: Clock;
  readonly randomBytes?: RandomBytes;
}): ReferralOverviewDependencies {
  return {
    operatorConfigStore: createOperatorConfigStore(options.table, options.clock),
    referralStore: createReferralStore(options.table),
    clock: options.clock,
    randomBytes: options.randomBytes ?? cryptoRandomBytes,
  };
}

/** POST /attributions in production: table and salt from the environment (validated at cold start), the system clock. */
export function attributionDependenciesFromEnvironment(): AttributionDependencies {
  return createAttributionDependencies({ table: defaultTableContext(), clock: systemClock, hashSalt: hashSaltOrThrow() });
}

/** POST /accounts/{id}/code-redemptions in production: as the attribution, with the attempt counters. */
export function codeRedemptionDependenciesFromEnvironment(): CodeRedemptionDependencies {
  return createCodeRedemptionDependencies({ table: defaultTableContext(), clock: systemClock, hashSalt: hashSaltOrThrow() });
}

/** POST /accounts/{id}/invites in production: table, salt and outbound queue from the environment, the system clock. */
export function inviteDependenciesFromEnvironment(): InviteDependencies {
  return createInviteDependencies({
    table: defaultTableContext(),
    clock: systemClock,
    hashSalt: hashSaltOrThrow(),
    queueClient: sharedQueueClient(),
    outboundQueueUrl: runtimeConfig().OUTBOUND_QUEUE_URL,
  });
}

/** GET /accounts/{id}/referrals in production: the referral store on the table from the environment. */
export function referredClientsDependenciesFromEnvironment() {
  return { referralStore: createReferralStore(defaultTableContext()) };
}

/** GET /accounts/{id}/referral in production: the table from the environment, no HASH_SALT (the function does not get it). */
export function referralOverviewDependenciesFromEnvironment(): ReferralOverviewDependencies {
  return createReferralOverviewDependencies({ table: defaultTableContext(), clock: systemClock });
}
