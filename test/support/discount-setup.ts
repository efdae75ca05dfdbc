/**
 * The discounts on a ledger test setup's table (test/support/ledger-setup.ts): the real discounts'
 * trigger on DynamoDB Local's stream (the local stream poller, as the local stack runs it, with the
 * mapping's filter) delivering to the real handler with the decide-discounts function's grants; the
 * attribution route's dependencies on the same table, so a test creates code referrals the way the
 * operator does. `drain()` returns once every code referral written so far has been decided; `events`
 * keeps what was delivered, so a test can deliver a batch again.
 */
import { DynamoDBStreamsClient } from "@aws-sdk/client-dynamodb-streams";
import { createAttributionHandler } from "../../functions/http/create-attribution.ts";
import { createDecideDiscountsHandler } from "../../functions/streams/decide-discounts.ts";
import { createDiscountDependencies } from "../../functions/wiring/discounts.ts";
import { createRedirectDependencies } from "../../functions/wiring/redirect.ts";
import { discountTrigger } from "../../infra/catalog.ts";
import { localAwsEnvironment } from "../../scripts/lib/dynamodb-local.ts";
import { createStreamPoller, type LambdaStreamEvent } from "../../scripts/lib/stream-poller.ts";
import { createOperatorConfigStore } from "../../shared/data/operator-config-store.ts";
import { createReferralStore } from "../../shared/data/referral-store.ts";
import { matchesCodeReferralStreamFilter } from "../../shared/data/referral-stream.ts";
import type { DiscountDependencies } from "../../shared/use-cases/discount-dependencies.ts";
import { ensureReferralLink } from "../../shared/use-cases/ensure-referral-link.ts";
import { withGrantsOf } from "./function-grants.ts";
import { httpEvent, invoke, lambdaContext } from "./http-events.ts";
import type { LedgerTestSetup } from "./ledger-setup.ts";
import { type ReferralTestDependencies, testHashSalt } from "./referral-setup.ts";

export interface TestDiscountTrigger {
  /** Delivers every code referral written so far to the trigger, through the table's stream. */
  drain(): Promise<void>;
  /** Invokes the trigger with an event (a redelivery, for instance). */
  invoke(event: LambdaStreamEvent): Promise<unknown>;
  readonly events: LambdaStreamEvent[];
}

/** The discounts' dependencies with the grants of one function (decide-discounts, expire-discounts, get-discounts, create-quote). */
export function discountDependenciesOf(setup: LedgerTestSetup, functionName: string): DiscountDependencies {
  return createDiscountDependencies({
    table: { ...setup.tableContext, documentClient: withGrantsOf([functionName], setup.table.documentClient) },
    clock: setup.clock,
    queueClient: setup.queueClient,
    outboundQueueUrl: setup.sqs.queueUrls.outbound,
  });
}

/** The attribution route's dependencies on the setup's table (the operator's sign-up with a code). */
export function attributionDependenciesOf(setup: LedgerTestSetup): ReferralTestDependencies {
  const table = { ...setup.tableContext, documentClient: withGrantsOf(["create-attribution", "get-referral"], setup.table.documentClient) };
  const wiring = { table, clock: setup.clock, hashSalt: testHashSalt };
  return {
    ...createRedirectDependencies(wiring),
    operatorConfigStore: createOperatorConfigStore(table, setup.clock),
    referralStore: createReferralStore(table),
  };
}

/** The account's invite code in a program (made on first use, as GET /accounts/{id}/referral does). */
export async function codeOf(setup: LedgerTestSetup, accountId: string, programId = "t2-invite"): Promise<string> {
  return (await ensureReferralLink(attributionDependenciesOf(setup), accountId, programId)).link.code;
}

/**
 * The operator's sign-up of `refereeAccountId` with an invite code (POST /attributions through its handler): a code
 * referral, backdated to `attributedAt` when given (an import).
 */
export async function signUpWithCode(setup: LedgerTestSetup, refereeAccountId: string, code: string, attributedAt?: string): Promise<void> {
  const response = await invoke(
    createAttributionHandler(attributionDependenciesOf(setup)),
    httpEvent({
      method: "POST",
      route: "/attributions",
      path: "/attributions",
      body: { refereeAccountId, code, ...(attributedAt === undefined ? {} : { attributedAt }) },
      principal: { kind: "operator" },
    }),
  );
  if (response.statusCode !== 201) throw new Error(`the sign-up of ${refereeAccountId} answered ${response.statusCode}: ${response.body}`);
}

export function createTestDiscountTrigger(setup: LedgerTestSetup): TestDiscountTrigger {
  const handler = createDecideDiscountsHandler(discountDependenciesOf(setup, discountTrigger.functionName));
  const events: LambdaStreamEvent[] = [];
  const invoke = (event: LambdaStreamEvent) => handler(event, lambdaContext(discountTrigger.functionName));
  const poller = createStreamPoller({
    client: new DynamoDBStreamsClient({
      endpoint: setup.table.endpoint,
      region: localAwsEnvironment.AWS_REGION,
      credentials: { accessKeyId: localAwsEnvironment.AWS_ACCESS_KEY_ID, secretAccessKey: localAwsEnvironment.AWS_SECRET_ACCESS_KEY },
    }),
    tableName: setup.table.tableName,
    consumerName: "the discounts' trigger",
    batchSize: discountTrigger.batchSize,
    filter: (record) => matchesCodeReferralStreamFilter(record as Parameters<typeof matchesCodeReferralStreamFilter>[0]),
    retryAttempts: 0,
    invoke: async (event) => {
      events.push(event);
      return await invoke(event);
    },
    logError: (message, error) => {
      throw new Error(`${message}: ${String(error)}`);
    },
  });
  return { drain: () => poller.drain(), invoke, events };
}
