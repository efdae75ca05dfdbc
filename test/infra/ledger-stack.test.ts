/**
 * The deployed stack, asserted on its CloudFormation template. The app is synthesized ONCE for the
 * file (bundling nine functions dominates the time) with the context of cdk.json, the same way
 * `cdk synth` builds it, including cdk-nag's AwsSolutions checks.
 */

import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConditionalCheckFailedException, PutItemCommand, type PutItemCommandInput } from "@aws-sdk/client-dynamodb";
import { App, type CfnElement, Duration, Stack, Validations } from "aws-cdk-lib";
import { Match, Template } from "aws-cdk-lib/assertions";
import { Queue } from "aws-cdk-lib/aws-sqs";
import { AwsSolutionsChecks } from "cdk-nag";
import type { IConstruct } from "constructs";
import { beforeAll, describe, expect, it } from "vitest";
import {
  billingEventsConsumer,
  clickAggregator,
  discountTrigger,
  functionSpecs,
  httpRoutes,
  schedules,
  settlementWorker,
} from "../../infra/catalog.ts";
import { LedgerTable } from "../../infra/constructs/ledger-table.ts";
import { LedgerQueues } from "../../infra/constructs/queues.ts";
import { createLedgerApp, ledgerStackPropsFromContext } from "../../infra/ledger-app.ts";
import type { LedgerStack } from "../../infra/ledger-stack.ts";
import { environmentVariables } from "../../shared/config.ts";
import { clickStreamFilterPattern } from "../../shared/data/click-stream.ts";
import { createOperatorConfigStore } from "../../shared/data/operator-config-store.ts";
import { codeReferralStreamFilterPattern } from "../../shared/data/referral-stream.ts";
import { tableDefinition } from "../../shared/data/table-definition.ts";
import { fixedClock } from "../../shared/domain/clock.ts";
import { demoOperatorConfig } from "../../shared/domain/program-presets.ts";
import { operatorScope } from "../../shared/http-routes.ts";
import { alarmedMetricNames, metricsNamespace, serviceName } from "../../shared/observability.ts";
import { operatorConfigSchema } from "../../shared/schemas/operator-config.ts";
import { outboxRelayMetricNames } from "../../shared/use-cases/relay-outbox.ts";
import { createTestTable } from "../support/dynamodb.ts";

// biome-ignore lint/suspicious/noExplicitAny: CloudFormation properties are free-form JSON; tests index into them by path.
type Resource = { Type: string; Properties: Record<string, any>; DeletionPolicy?: string; UpdateReplacePolicy?: string };
// biome-ignore lint/suspicious/noExplicitAny: IAM conditions are free-form JSON.
type Statement = { Action: string | string[]; Resource: unknown; Effect: string; Condition?: Record<string, any> };

const cdkJsonContext = (
  JSON.parse(readFileSync(new URL("../../cdk.json", import.meta.url), "utf8")) as { context: Record<string, unknown> }
).context;
const deployContext = { ...cdkJsonContext, jwtIssuer: "https://id.example.com/realms/ledger", jwtAudience: "ledger-api, ledger-admin" };
const seededAt = new Date("2026-11-01T08:00:00.000Z");

let app: App;
let stack: LedgerStack;
let synthError: unknown;
let template: Template;
let resources: Record<string, Resource>;

beforeAll(() => {
  ({ app, stack } = createLedgerApp({ context: deployContext, now: () => seededAt }));
  try {
    app.synth(); // runs the AwsSolutions checks; cached, so Template.fromStack below reuses it
  } catch (error) {
    synthError = error;
  }
  template = Template.fromStack(stack);
  resources = template.toJSON().Resources as Record<string, Resource>;
  // The synth bundles every function with esbuild (over 30): well under a minute on a quiet 2-core machine,
  // beyond the default 120 s hook timeout when other test files load both cores.
}, 300_000);

const logicalIdOf = (construct: IConstruct): string => stack.getLogicalId(construct.node.defaultChild as CfnElement);
const functionOrThrow = (name: string) => {
  const fn = stack.functions.get(name);
  if (!fn) throw new Error(`no function ${name}`);
  return fn;
};
const mentions = (value: unknown, logicalId: string): boolean => JSON.stringify(value).includes(`"${logicalId}"`);

/** Every IAM statement attached to a function's role. */
function statementsOf(functionName: string): Statement[] {
  const roleId = logicalIdOf(functionOrThrow(functionName).role!);
  return Object.values(resources)
    .filter((resource) => resource.Type === "AWS::IAM::Policy" && mentions(resource.Properties.Roles, roleId))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Statement[]);
}

/** The actions a function's role is allowed on one resource (by logical id). */
function actionsOn(functionName: string, resourceLogicalId: string): string[] {
  return statementsOf(functionName)
    .filter((statement) => statement.Effect === "Allow" && mentions(statement.Resource, resourceLogicalId))
    .flatMap((statement) => (Array.isArray(statement.Action) ? statement.Action : [statement.Action]))
    .sort();
}

/**
 * The DynamoDB actions each function's code calls and the partitions it calls them on, derived from the
 * code (not from the catalog), so a grant the code does not use fails the test. A TransactWriteItems
 * counts as its items' actions (Put → PutItem, Update → UpdateItem, Delete → DeleteItem, ConditionCheck
 * → ConditionCheckItem). "index:gsi1" is a Query on that index.
 */
// What a partner-level verification calls (on demand and in the daily run).
const levelVerificationActions = [
  "dynamodb:GetItem OPERATOR",
  "dynamodb:GetItem ACCOUNT#*",
  "dynamodb:GetItem EVENT#*",
  "dynamodb:PutItem ACCOUNT#*",
  "dynamodb:PutItem EVENT#*",
  "dynamodb:Query ACCOUNT#*",
  "dynamodb:Query SERVICE#*",
  "dynamodb:UpdateItem EVENT#*",
];

const tableActionsUsedByCode: Record<string, readonly string[]> = {
  // operator-config-reader loadOrThrow (GetItem OPERATOR, its view of the configuration); click-store resolveCode (GetItem CODE#) and
  // recordClick (one Put VISITOR#code#hash; the counters are the aggregator's).
  redirect: ["dynamodb:GetItem OPERATOR", "dynamodb:GetItem CODE#*", "dynamodb:PutItem VISITOR#*"],
  // click-counter-store readCheckpoint (GetItem STREAM#shard) and applyChunk (Update CODE#code/CODE,
  // CODE#code/CLICKS#day and STREAM#shard in one TransactWriteItems).
  "aggregate-clicks": ["dynamodb:GetItem STREAM#*", "dynamodb:UpdateItem CODE#*", "dynamodb:UpdateItem STREAM#*"],
  // decide-referral-discounts: loadOrThrow; ledger-store readSourceEvent (GetItem EVENT#); discount-store readReferralState
  // (BatchGet ACCOUNT# discounts and profile); ledger-store commit (Put EVENT#, Put discounts and history ACCOUNT#),
  // markOutboundSent (Update EVENT#).
  "decide-discounts": [
    "dynamodb:GetItem OPERATOR",
    "dynamodb:GetItem EVENT#*",
    "dynamodb:BatchGetItem ACCOUNT#*",
    "dynamodb:PutItem ACCOUNT#*",
    "dynamodb:PutItem EVENT#*",
    "dynamodb:UpdateItem EVENT#*",
    "dynamodb:Query index:gsi1",
  ],
  // loadOrThrow, resolveCode; referral-store readAttributionState (BatchGet referral and profiles, again after a lost race),
  // createAttribution (Put referral, Update code counter and referee profile).
  "create-attribution": [
    "dynamodb:GetItem OPERATOR",
    "dynamodb:GetItem CODE#*",
    "dynamodb:BatchGetItem ACCOUNT#*",
    "dynamodb:PutItem ACCOUNT#*",
    "dynamodb:UpdateItem ACCOUNT#*",
    "dynamodb:UpdateItem CODE#*",
  ],
  // price-quote: discount-store listDiscounts of each distinct payer (Query ACCOUNT#id, sk begins_with DISCOUNT#); nothing else.
  // price-quote: loadOrThrow (the time zone, when a line names a service), service-store payerOf (Query SERVICE#),
  // discount-store listPricing (Query ACCOUNT#, DISCOUNT#: discounts and partner levels).
  "create-quote": ["dynamodb:GetItem OPERATOR", "dynamodb:Query ACCOUNT#*", "dynamodb:Query SERVICE#*"],
  // countAttempt (UpdateItem ATTEMPTS#), then as create-attribution without the referee's fingerprints (no profile update).
  // A manager acting for the client: management-store readLink (GetItem MANAGEMENT#client/MANAGER#manager), as on every managed route.
  "redeem-invite-code": [
    "dynamodb:GetItem MANAGEMENT#*",
    "dynamodb:UpdateItem ATTEMPTS#*",
    "dynamodb:GetItem OPERATOR",
    "dynamodb:GetItem CODE#*",
    "dynamodb:BatchGetItem ACCOUNT#*",
    "dynamodb:PutItem ACCOUNT#*",
    "dynamodb:UpdateItem CODE#*",
  ],
  // loadOrThrow; countAttempt; ensure-referral-link (GetItem link, Put link and code); claimRecipient (Put, GetItem when refused), markSent.
  // widget-credential-store putToken (Put WIDGET_TOKEN#, on condition it is new) after the configuration (the program).
  "create-widget-token": ["dynamodb:GetItem OPERATOR", "dynamodb:PutItem WIDGET_TOKEN#*"],
  // readToken (GetItem WIDGET_TOKEN#), then openSession: one transaction, Update WIDGET_TOKEN# and Put WIDGET_SESSION#.
  "create-widget-session": [
    "dynamodb:GetItem OPERATOR",
    "dynamodb:GetItem WIDGET_TOKEN#*",
    "dynamodb:UpdateItem WIDGET_TOKEN#*",
    "dynamodb:PutItem WIDGET_SESSION#*",
  ],
  // readSession (GetItem WIDGET_SESSION#), nothing else: JWTs are verified in memory.
  "authorize-request": ["dynamodb:GetItem WIDGET_SESSION#*"],
  "send-invite": [
    "dynamodb:GetItem OPERATOR",
    "dynamodb:GetItem ACCOUNT#*",
    "dynamodb:GetItem INVITE#*",
    "dynamodb:PutItem ACCOUNT#*",
    "dynamodb:PutItem CODE#*",
    "dynamodb:PutItem INVITE#*",
    "dynamodb:UpdateItem ATTEMPTS#*",
    "dynamodb:UpdateItem INVITE#*",
    // management-store hasActiveManager (Query MANAGEMENT#account, MANAGER#): a managed account's end customer is never contacted.
    "dynamodb:Query MANAGEMENT#*",
  ],
  // read-discounts: loadOrThrow; discount-store listDiscounts and listHistory (Query ACCOUNT#id).
  "get-discounts": ["dynamodb:GetItem OPERATOR", "dynamodb:GetItem MANAGEMENT#*", "dynamodb:Query ACCOUNT#*"],
  // listReferralsOf: Query gsi1 (REFERRER#id), BatchGetItem of the page's profiles.
  "get-referrals": ["dynamodb:GetItem MANAGEMENT#*", "dynamodb:BatchGetItem ACCOUNT#*", "dynamodb:Query index:gsi1"],
  // loadOrThrow; ensure-referral-link: readReferralLink (GetItem link), createReferralLink (Put link and code); readStats (Query CODE#).
  "get-referral": [
    "dynamodb:GetItem OPERATOR",
    "dynamodb:GetItem ACCOUNT#*",
    "dynamodb:GetItem MANAGEMENT#*",
    "dynamodb:PutItem ACCOUNT#*",
    "dynamodb:PutItem CODE#*",
    "dynamodb:Query CODE#*",
  ],
  // ledger-store listTransfers: Query ACCOUNT# (TRANSFER#), or gsi1 LEDGER#account#period; listOperatorTransfers:
  // Query gsi3 OPERATOR_LEDGER#currency#shard.
  "get-ledger": ["dynamodb:GetItem MANAGEMENT#*", "dynamodb:Query ACCOUNT#*", "dynamodb:Query index:gsi1", "dynamodb:Query index:gsi3"],
  // ledger-store listLedgerAccounts: Query ACCOUNT# (LEDGER_ACCOUNT#); readLedgerAccount of an operator
  // account: BatchGet of its shards OPERATOR#LEDGER_ACCOUNT#kind#currency#n.
  "get-balance": ["dynamodb:GetItem MANAGEMENT#*", "dynamodb:BatchGetItem OPERATOR#LEDGER_ACCOUNT#*", "dynamodb:Query ACCOUNT#*"],
  // loadOrThrow; ledger-store listLedgerAccounts (Query ACCOUNT# LEDGER_ACCOUNT#); statement-store listAccrualsFrom
  // (Query ACCOUNT# ACCRUAL#), listReservations (Query ACCOUNT# RESERVATION#), readTransfers (BatchGet ACCOUNT# TRANSFER#),
  // listPeriodTransfersFrom (Query gsi1 LEDGER#account#period).
  "get-statement": [
    "dynamodb:GetItem OPERATOR",
    "dynamodb:GetItem MANAGEMENT#*",
    "dynamodb:BatchGetItem ACCOUNT#*",
    "dynamodb:Query ACCOUNT#*",
    "dynamodb:Query index:gsi1",
  ],
  // referral-status-store markFraudulentOrThrow: Update ACCOUNT#/REFERRAL.
  "mark-referral-fraudulent": ["dynamodb:UpdateItem ACCOUNT#*"],
  // consume-billing-event and its use cases: ledger-store (commit: Put EVENT#, Put transfers and Update ledger
  // accounts under ACCOUNT#, Update the operator's account shards OPERATOR#LEDGER_ACCOUNT#; readSourceEvent;
  // markOutboundSent Update EVENT#), payment-reward-store (reads of payment reward INVOICE#/RECHARGE#,
  // reversal REFUND#/CHARGEBACK#, parked events by Query; park: Put of the awaited mark where the reward goes + Put parked; writes:
  // Put reward/reversal; Delete of a parked event), referral-marks-store (read of the referral; writes: Update
  // referral marks, CODE# customer count, ConditionCheck referral), period-accrual-store (accruals by BatchGet;
  // writes: Update accruals; ConditionCheck that a closed period's SETTLEMENT# run has not started), account-profile-store (Update profile), loadOrThrow;
  // reverse-rewards-outside-window (Query, Put and Delete of REWARD_WINDOW#referee items); service-store
  // writes.recordPayerChange (Put SERVICE#id / PAYER#…; payerOf is not called by the consumer yet).
  "billing-events": [
    "dynamodb:GetItem OPERATOR",
    "dynamodb:GetItem ACCOUNT#*",
    "dynamodb:GetItem EVENT#*",
    "dynamodb:GetItem INVOICE#*",
    "dynamodb:GetItem RECHARGE#*",
    "dynamodb:GetItem REFUND#*",
    "dynamodb:GetItem CHARGEBACK#*",
    "dynamodb:BatchGetItem ACCOUNT#*",
    "dynamodb:Query INVOICE#*",
    "dynamodb:Query RECHARGE#*",
    "dynamodb:Query REWARD_WINDOW#*",
    "dynamodb:ConditionCheckItem ACCOUNT#*",
    "dynamodb:ConditionCheckItem SETTLEMENT#*",
    "dynamodb:PutItem ACCOUNT#*",
    "dynamodb:PutItem EVENT#*",
    "dynamodb:PutItem INVOICE#*",
    "dynamodb:PutItem RECHARGE#*",
    "dynamodb:PutItem REFUND#*",
    "dynamodb:PutItem CHARGEBACK#*",
    "dynamodb:PutItem REWARD_WINDOW#*",
    "dynamodb:PutItem SERVICE#*",
    "dynamodb:UpdateItem ACCOUNT#*",
    "dynamodb:UpdateItem CODE#*",
    "dynamodb:UpdateItem EVENT#*",
    "dynamodb:UpdateItem OPERATOR#LEDGER_ACCOUNT#*",
    "dynamodb:DeleteItem INVOICE#*",
    "dynamodb:DeleteItem RECHARGE#*",
    "dynamodb:DeleteItem REWARD_WINDOW#*",
  ],
  // run-settlement startSettlement: loadOrThrow, settlement-store startRun (Update SETTLEMENT#program#period / RUN).
  "settle-commissions": ["dynamodb:GetItem OPERATOR", "dynamodb:GetItem SETTLEMENT#*", "dynamodb:UpdateItem SETTLEMENT#*"],
  // settleAccountsPage: listAccountsToSettle (Query gsi2 SETTLE#…), recordListed (Update SETTLEMENT#…#shard);
  // settleAccount: readStepInputs (BatchGet accrual and individual rate under ACCOUNT#), loadOrThrow, ledger-store
  // commit (Put EVENT#, Put transfers and Update ledger accounts and the accrual under ACCOUNT#, Update the
  // operator's shards, Update SETTLEMENT#…#shard progress), readSourceEvent on a duplicate, markOutboundSent;
  // recordFailure (Put SETTLEMENT#…/FAILED#…, Update its shard's progress).
  "settlement-work": [
    "dynamodb:GetItem OPERATOR",
    "dynamodb:GetItem EVENT#*",
    "dynamodb:BatchGetItem ACCOUNT#*",
    "dynamodb:BatchGetItem COMMISSION_RATE#*",
    "dynamodb:Query index:gsi2",
    "dynamodb:PutItem ACCOUNT#*",
    "dynamodb:PutItem EVENT#*",
    "dynamodb:PutItem SETTLEMENT#*",
    "dynamodb:UpdateItem ACCOUNT#*",
    "dynamodb:UpdateItem EVENT#*",
    "dynamodb:UpdateItem OPERATOR#LEDGER_ACCOUNT#*",
    "dynamodb:UpdateItem SETTLEMENT#*",
  ],
  // startSettlement (loadOrThrow, startRun), readSettlementProgress (BatchGet RUN and the shards' PROGRESS, Query FAILED#).
  settlements: [
    "dynamodb:GetItem OPERATOR",
    "dynamodb:UpdateItem SETTLEMENT#*",
    "dynamodb:BatchGetItem SETTLEMENT#*",
    "dynamodb:Query SETTLEMENT#*",
  ],
  // loadOrThrow; settlement-store putIndividualRate / deleteIndividualRate (COMMISSION_RATE#account).
  "commission-rates": ["dynamodb:GetItem OPERATOR", "dynamodb:PutItem COMMISSION_RATE#*", "dynamodb:DeleteItem COMMISSION_RATE#*"],
  // get-commission-rate: loadOrThrow; settlement-store readIndividualRate (GetItem COMMISSION_RATE#); period-accrual-store
  // listPeriodAccruals (Query ACCOUNT#, the open period's ACCRUAL# items).
  "get-commission-rate": ["dynamodb:GetItem OPERATOR", "dynamodb:GetItem COMMISSION_RATE#*", "dynamodb:Query ACCOUNT#*"],
  // request-withdrawal: loadOrThrow; withdrawal-store readRequestState (BatchGet ACCOUNT# contract, slot, ledger account and
  // WITHDRAWAL#id), readWithdrawal after a duplicate; ledger-store commit (Put EVENT#, Put transfer and reservation and
  // Update ledger accounts under ACCOUNT#; the store's writes: Put WITHDRAWAL#, Update the slot, ConditionCheck the contract
  // under ACCOUNT#), readSourceEvent, markOutboundSent (Update EVENT#).
  deposits: [
    "dynamodb:GetItem ACCOUNT#*",
    "dynamodb:GetItem EVENT#*",
    "dynamodb:PutItem ACCOUNT#*",
    "dynamodb:PutItem EVENT#*",
    "dynamodb:UpdateItem ACCOUNT#*",
    "dynamodb:UpdateItem OPERATOR#LEDGER_ACCOUNT#*",
  ],
  "get-deposit": ["dynamodb:GetItem ACCOUNT#*", "dynamodb:GetItem OPERATOR", "dynamodb:Query ACCOUNT#*"],
  "request-withdrawal": [
    "dynamodb:GetItem OPERATOR",
    "dynamodb:GetItem EVENT#*",
    "dynamodb:GetItem WITHDRAWAL#*",
    "dynamodb:BatchGetItem ACCOUNT#*",
    "dynamodb:BatchGetItem WITHDRAWAL#*",
    "dynamodb:ConditionCheckItem ACCOUNT#*",
    "dynamodb:PutItem ACCOUNT#*",
    "dynamodb:PutItem EVENT#*",
    "dynamodb:PutItem WITHDRAWAL#*",
    "dynamodb:UpdateItem ACCOUNT#*",
    "dynamodb:UpdateItem EVENT#*",
  ],
  // resolve-withdrawal: readWithdrawal (GetItem WITHDRAWAL#), ledger-store readReservation (GetItem ACCOUNT#), loadOrThrow,
  // readSourceEvent; commit (Put EVENT#, transfer and reservation under ACCOUNT#, Put WITHDRAWAL#, Update payout_reserved,
  // commission_available and the slot under ACCOUNT#; paid only: the payout_clearing shard), markOutboundSent.
  "mark-withdrawal-paid": [
    "dynamodb:GetItem OPERATOR",
    "dynamodb:GetItem ACCOUNT#*",
    "dynamodb:GetItem EVENT#*",
    "dynamodb:GetItem WITHDRAWAL#*",
    "dynamodb:PutItem ACCOUNT#*",
    "dynamodb:PutItem EVENT#*",
    "dynamodb:PutItem WITHDRAWAL#*",
    "dynamodb:UpdateItem ACCOUNT#*",
    "dynamodb:UpdateItem EVENT#*",
    "dynamodb:UpdateItem OPERATOR#LEDGER_ACCOUNT#*",
  ],
  "mark-withdrawal-failed": [
    "dynamodb:GetItem OPERATOR",
    "dynamodb:GetItem ACCOUNT#*",
    "dynamodb:GetItem EVENT#*",
    "dynamodb:GetItem WITHDRAWAL#*",
    "dynamodb:PutItem ACCOUNT#*",
    "dynamodb:PutItem EVENT#*",
    "dynamodb:PutItem WITHDRAWAL#*",
    "dynamodb:UpdateItem ACCOUNT#*",
    "dynamodb:UpdateItem EVENT#*",
  ],
  // withdrawal-store readWithdrawal; listByStatus (Query gsi1 WITHDRAWALS#status).
  "get-withdrawal": ["dynamodb:GetItem WITHDRAWAL#*"],
  "list-withdrawals": ["dynamodb:Query index:gsi1"],
  // apply-to-partner-program: loadOrThrow; partner-store readMembership (GetItem ACCOUNT#); ledger-store commit (Put EVENT#,
  // the store's writes: Put PARTNER_APPLICATION#, the membership under ACCOUNT#, PARTNER_REGISTRATION#), readSourceEvent
  // after a lost race, markOutboundSent (Update EVENT#) where the program approves on its own.
  "apply-to-partner-program": [
    "dynamodb:GetItem OPERATOR",
    "dynamodb:GetItem ACCOUNT#*",
    "dynamodb:GetItem EVENT#*",
    "dynamodb:PutItem ACCOUNT#*",
    "dynamodb:PutItem EVENT#*",
    "dynamodb:PutItem PARTNER_APPLICATION#*",
    "dynamodb:PutItem PARTNER_REGISTRATION#*",
    "dynamodb:Query ACCOUNT#*",
    "dynamodb:Query SERVICE#*",
    "dynamodb:UpdateItem EVENT#*",
  ],
  // partner-store readApplication (GetItem PARTNER_APPLICATION#), listByStatus (Query gsi1), accountsWithRegistration (Query PARTNER_REGISTRATION#).
  "partner-applications": ["dynamodb:GetItem PARTNER_APPLICATION#*", "dynamodb:Query PARTNER_REGISTRATION#*", "dynamodb:Query index:gsi1"],
  // decide-partner-application: readApplication, loadOrThrow, readSourceEvent after a lost race; commit (Put EVENT#, Put
  // PARTNER_APPLICATION# on condition submitted, Put the membership under ACCOUNT#), markOutboundSent (Update EVENT#); an
  // approval's first level: service-store servicesPaidBy (Query ACCOUNT#) and historyOf (Query SERVICE#), Put the level and
  // its history entry under ACCOUNT#.
  "decide-partner-application": [
    "dynamodb:GetItem OPERATOR",
    "dynamodb:GetItem EVENT#*",
    "dynamodb:GetItem PARTNER_APPLICATION#*",
    "dynamodb:PutItem ACCOUNT#*",
    "dynamodb:PutItem EVENT#*",
    "dynamodb:PutItem PARTNER_APPLICATION#*",
    "dynamodb:Query ACCOUNT#*",
    "dynamodb:Query SERVICE#*",
    "dynamodb:UpdateItem EVENT#*",
  ],
  // partner-level-store readLevel (GetItem ACCOUNT#) and listHistory (Query ACCOUNT#); loadOrThrow (the time zone).
  "get-partner-level": ["dynamodb:GetItem OPERATOR", "dynamodb:GetItem ACCOUNT#*", "dynamodb:Query ACCOUNT#*"],
  // verify-partner-level: readLevel, loadOrThrow, measurePartner (Query ACCOUNT# PAID_SERVICE#, Query SERVICE#id), commit
  // (Put EVENT#, Put the level and its history entry under ACCOUNT#), readSourceEvent on a repeat, listHistory (Query ACCOUNT#),
  // markOutboundSent (Update EVENT#). The daily run does the same per due level, after Query gsi1 (PARTNER_LEVELS_DUE#).
  "verify-partner-level": levelVerificationActions,
  "verify-partner-levels": [...levelVerificationActions, "dynamodb:Query index:gsi1"],
  // loadOrThrow; contract-store readContract (GetItem ACCOUNT#) and writeContract (conditional Put ACCOUNT#).
  "record-contract": ["dynamodb:GetItem OPERATOR", "dynamodb:GetItem ACCOUNT#*", "dynamodb:PutItem ACCOUNT#*"],
  "revoke-contract": ["dynamodb:GetItem OPERATOR", "dynamodb:GetItem ACCOUNT#*", "dynamodb:PutItem ACCOUNT#*"],
  // expire-discounts: loadOrThrow; discount-store listDue (Query gsi1 DISCOUNTS_DUE#shard) and readDiscount (GetItem ACCOUNT#);
  // ledger-store commit (Put EVENT#, Put the discount and its history ACCOUNT#; GetItem EVENT# when another run committed
  // first), markOutboundSent (Update EVENT#).
  "expire-discounts": [
    "dynamodb:GetItem OPERATOR",
    "dynamodb:GetItem ACCOUNT#*",
    "dynamodb:GetItem EVENT#*",
    "dynamodb:Query index:gsi1",
    "dynamodb:PutItem ACCOUNT#*",
    "dynamodb:PutItem EVENT#*",
    "dynamodb:UpdateItem EVENT#*",
  ],
  // manager-links: management-store issueConsent (one TransactWriteItems: Put CONSENT#hash, Put MANAGEMENT#client/AUDIT#).
  "create-manager-consent": ["dynamodb:PutItem CONSENT#*", "dynamodb:PutItem MANAGEMENT#*"],
  // readConsent (GetItem CONSENT#hash, consistent); useConsent (Update CONSENT#hash; Put both link items and the audit entries MANAGEMENT#).
  "link-managed-account": ["dynamodb:GetItem CONSENT#*", "dynamodb:PutItem MANAGEMENT#*", "dynamodb:UpdateItem CONSENT#*"],
  // listClients / listManagers: Query MANAGEMENT#account (CLIENT# or MANAGER#).
  "list-manager-links": ["dynamodb:Query MANAGEMENT#*"],
  // readLink (GetItem MANAGEMENT#client/MANAGER#manager); revokeLink (Put both link items on condition, Put the audit entries).
  "revoke-manager-link": ["dynamodb:GetItem MANAGEMENT#*", "dynamodb:PutItem MANAGEMENT#*"],
  // listAudit: Query MANAGEMENT#account (AUDIT#).
  "list-management-audit": ["dynamodb:Query MANAGEMENT#*"],
  // relay-outbox: outbox-store listUnsent and countUnsent (Query gsi2 OUTBOX#shard), ledger-store markOutboundSent (Update EVENT#).
  "relay-outbox": ["dynamodb:Query index:gsi2", "dynamodb:UpdateItem EVENT#*"],
};

/** What a sender needs: sending, and nothing that reads, deletes or describes. */
const sendActions = ["sqs:SendMessage"];

describe("cdk-nag AwsSolutions", () => {
  it("synthesizes with no unacknowledged error or warning", () => {
    expect(synthError).toBeUndefined();
    const report = new AwsSolutionsChecks().validateScope(app);
    expect(
      report.violations.map(
        (violation) => `${violation.ruleName} ${violation.violatingResources.map((resource) => resource.constructPath).join(", ")}`,
      ),
    ).toEqual([]);
    expect(report.success).toBe(true);
  });

  it("gives every acknowledgement a written reason", () => {
    const acknowledgements = app.node
      .findAll()
      .flatMap((construct) => construct.node.metadata.filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY))
      .flatMap((entry) => Object.entries(entry.data as Record<string, string>));
    expect(acknowledgements.length).toBeGreaterThan(0);
    for (const [ruleId, reason] of acknowledgements) {
      expect(ruleId).toMatch(/AwsSolutions-(IAM4|IAM5|APIG4|SMG4|SQS3)/);
      expect(reason.length, ruleId).toBeGreaterThan(40);
    }
  });

  it("fails synthesis on a finding (the check is live, not vacuous)", () => {
    const probe = new App();
    Validations.of(probe).addPlugins(new AwsSolutionsChecks(probe));
    new Queue(new Stack(probe, "Probe"), "WithoutDeadLetterQueue", { enforceSSL: true });
    expect(() => probe.synth()).toThrow(/AwsSolutions-SQS3/);
  });
});

describe("the ledger table", () => {
  it("is on-demand, keyed and indexed as the shared table definition says, with TTL and PITR", () => {
    template.resourceCountIs("AWS::DynamoDB::Table", 1);
    template.hasResourceProperties("AWS::DynamoDB::Table", {
      BillingMode: "PAY_PER_REQUEST",
      KeySchema: [
        { AttributeName: tableDefinition.partitionKey, KeyType: "HASH" },
        { AttributeName: tableDefinition.sortKey, KeyType: "RANGE" },
      ],
      GlobalSecondaryIndexes: tableDefinition.globalSecondaryIndexes.map((index) => ({
        IndexName: index.indexName,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: "HASH" },
          { AttributeName: index.sortKey, KeyType: "RANGE" },
        ],
        Projection: { ProjectionType: "ALL" },
      })),
      TimeToLiveSpecification: { AttributeName: tableDefinition.timeToLiveAttribute, Enabled: true },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true },
      DeletionProtectionEnabled: true,
    });
  });

  it("is retained when the stack is deleted", () => {
    template.hasResource("AWS::DynamoDB::Table", { DeletionPolicy: "Retain", UpdateReplacePolicy: "Retain" });
  });

  it("has deletion protection off only when the context says so", () => {
    expect(ledgerStackPropsFromContext(new App({ context: { deletionProtection: "false" } })).deletionProtection).toBe(false);
    expect(ledgerStackPropsFromContext(new App()).deletionProtection).toBe(true);
    expect(() => ledgerStackPropsFromContext(new App({ context: { deletionProtection: "maybe" } }))).toThrow(/deletionProtection/);
    const bare = new Stack();
    new LedgerTable(bare, "Table", { deletionProtection: false });
    Template.fromStack(bare).hasResourceProperties("AWS::DynamoDB::Table", { DeletionProtectionEnabled: false });
  });
});

describe("functions", () => {
  it("creates one arm64 Node 24 function per catalog entry, sized as the catalog says", () => {
    expect([...stack.functions.keys()]).toEqual(functionSpecs.map((spec) => spec.name));
    for (const spec of functionSpecs) {
      const properties = resources[logicalIdOf(functionOrThrow(spec.name))]!.Properties;
      expect(properties, spec.name).toMatchObject({
        Runtime: "nodejs24.x",
        Architectures: ["arm64"],
        Handler: "index.handler",
        Description: spec.description,
        MemorySize: spec.memoryMegabytes ?? 256,
        Timeout: spec.timeoutSeconds ?? 10,
        LoggingConfig: { LogGroup: { Ref: expect.anything() } },
      });
      expect(properties.Environment.Variables).toMatchObject({
        POWERTOOLS_SERVICE_NAME: "referral-ledger",
        NODE_OPTIONS: "--enable-source-maps",
      });
    }
  });

  it("gives each function its own log group with a retention, and no managed policy", () => {
    for (const spec of functionSpecs) {
      const fn = resources[logicalIdOf(functionOrThrow(spec.name))]!;
      const logGroup = resources[fn.Properties.LoggingConfig.LogGroup.Ref as string]!;
      expect(logGroup.Properties.RetentionInDays, spec.name).toBe(30);
      const role = resources[logicalIdOf(functionOrThrow(spec.name).role!)]!;
      expect(role.Properties.ManagedPolicyArns, spec.name).toBeUndefined();
      expect(actionsOn(spec.name, fn.Properties.LoggingConfig.LogGroup.Ref as string)).toEqual([
        "logs:CreateLogStream",
        "logs:PutLogEvents",
      ]);
    }
  });

  it("grants each function exactly the DynamoDB actions its code calls, on the partitions it calls them on", () => {
    const tableId = logicalIdOf(stack.table);
    for (const spec of functionSpecs) {
      const granted = statementsOf(spec.name)
        // the stream's own actions (the click aggregator's event source) are checked below
        .filter((statement) => mentions(statement.Resource, tableId) && !JSON.stringify(statement.Resource).includes('"StreamArn"'))
        .flatMap((statement) => {
          expect(statement.Effect, spec.name).toBe("Allow");
          const actions = Array.isArray(statement.Action) ? statement.Action : [statement.Action];
          // CDK merges statements of the same actions: one statement may name several indexes.
          const indexes = [...JSON.stringify(statement.Resource).matchAll(/\/index\/([^"]+)"/g)].map((match) => match[1]);
          if (indexes.length > 0) {
            expect(statement.Condition, `${spec.name}: index grants carry no condition`).toBeUndefined();
            return actions.flatMap((action) => indexes.map((index) => `${action} index:${index}`));
          }
          const leadingKeys = statement.Condition?.["ForAllValues:StringLike"]?.["dynamodb:LeadingKeys"] as string[] | undefined;
          expect(leadingKeys, `${spec.name}: every table grant is limited by dynamodb:LeadingKeys`).toBeDefined();
          return actions.flatMap((action) => leadingKeys!.map((pattern) => `${action} ${pattern}`));
        })
        .sort();
      expect(granted, spec.name).toEqual([...(tableActionsUsedByCode[spec.name] ?? [])].sort());
    }
    expect(Object.keys(tableActionsUsedByCode).sort()).toEqual(
      functionSpecs
        .filter((spec) => spec.table)
        .map((spec) => spec.name)
        .sort(),
    );
  });

  it("lets no function delete but the billing-events consumer and the individual-rate route, each only in partitions of its own, never where entries are; none scans or batch-writes", () => {
    const tableId = logicalIdOf(stack.table);
    for (const spec of functionSpecs) {
      const actions = actionsOn(spec.name, tableId);
      for (const forbidden of [
        "dynamodb:Scan",
        "dynamodb:BatchWriteItem",
        "dynamodb:PartiQLDelete",
        "dynamodb:DescribeTable",
        "dynamodb:*",
      ])
        expect(actions, spec.name).not.toContain(forbidden);
      const deletes = statementsOf(spec.name).filter((statement) => JSON.stringify(statement.Action).includes("dynamodb:DeleteItem"));
      if (spec.name === billingEventsConsumer.functionName)
        expect(deletes.map((statement) => statement.Condition)).toEqual([
          { "ForAllValues:StringLike": { "dynamodb:LeadingKeys": ["INVOICE#*", "RECHARGE#*", "REWARD_WINDOW#*"] } },
        ]);
      else if (spec.name === "commission-rates")
        expect(deletes.map((statement) => statement.Condition)).toEqual([
          { "ForAllValues:StringLike": { "dynamodb:LeadingKeys": ["COMMISSION_RATE#*"] } },
        ]);
      else expect(deletes, spec.name).toEqual([]);
    }
  });

  it("sets TABLE_NAME exactly on the functions with table access", () => {
    const tableId = logicalIdOf(stack.table);
    for (const spec of functionSpecs) {
      const variables = resources[logicalIdOf(functionOrThrow(spec.name))]!.Properties.Environment.Variables;
      expect({ name: spec.name, tableName: variables[environmentVariables.tableName] }).toEqual({
        name: spec.name,
        tableName: spec.name in tableActionsUsedByCode ? { Ref: tableId } : undefined,
      });
    }
  });

  it("lets the outbox relay only query the unsent-outbox index, update source-event records and send to the outbound queue", () => {
    const tableId = logicalIdOf(stack.table);
    const outboundId = logicalIdOf(stack.queues.outbound);
    const statements = statementsOf("relay-outbox").filter((statement) => !JSON.stringify(statement.Action).includes("logs:"));
    expect(statements).toHaveLength(3);
    expect(statements).toEqual(
      expect.arrayContaining([
        {
          Action: "dynamodb:Query",
          Effect: "Allow",
          Resource: { "Fn::Join": ["", [{ "Fn::GetAtt": [tableId, "Arn"] }, "/index/gsi2"]] },
        },
        {
          Action: "dynamodb:UpdateItem",
          Effect: "Allow",
          Resource: { "Fn::GetAtt": [tableId, "Arn"] },
          Condition: { "ForAllValues:StringLike": { "dynamodb:LeadingKeys": ["EVENT#*"] } },
        },
        { Action: "sqs:SendMessage", Effect: "Allow", Resource: { "Fn::GetAtt": [outboundId, "Arn"] } },
      ]),
    );
    const variables = resources[logicalIdOf(functionOrThrow("relay-outbox"))]!.Properties.Environment.Variables;
    expect(variables).toMatchObject({
      [environmentVariables.tableName]: { Ref: tableId },
      [environmentVariables.outboundQueueUrl]: { Ref: outboundId },
    });
    expect(variables).not.toHaveProperty(environmentVariables.billingEventsDeadLetterQueueUrl);
  });

  it("sets a queue URL, with sqs:SendMessage only, exactly on the functions whose code sends to that queue", () => {
    // Derived from the code: createOutboundSender is wired by ledgerDependenciesFromEnvironment (billing-events), the
    // relay's wiring (relay-outbox), settlementDependenciesFromEnvironment (the settlement functions; only the worker
    // has outbox messages) and withdrawalDependenciesFromEnvironment (the three withdrawal writers) and partnerDependenciesFromEnvironment (apply-to-partner-program, decide-partner-application, verify-partner-level, verify-partner-levels; not partner-applications or get-partner-level, which read only) and inviteDependenciesFromEnvironment (send-invite) and discountDependenciesFromEnvironment (decide-discounts, expire-discounts; not get-discounts, which reads only); createDeadLetterSender
    // by billing-events only; createSettlementWorkSender by the settlement functions.
    const settlementSenders = ["settle-commissions", "settlement-work", "settlements"];
    const cases = [
      {
        variable: environmentVariables.outboundQueueUrl,
        queue: logicalIdOf(stack.queues.outbound),
        allowed: (name: string) =>
          [
            "billing-events",
            "relay-outbox",
            "settlement-work",
            "request-withdrawal",
            "mark-withdrawal-paid",
            "mark-withdrawal-failed",
            "decide-discounts",
            "expire-discounts",
            "send-invite",
            "apply-to-partner-program",
            "decide-partner-application",
            "verify-partner-level",
            "verify-partner-levels",
          ].includes(name),
      },
      {
        variable: environmentVariables.billingEventsDeadLetterQueueUrl,
        queue: logicalIdOf(stack.queues.billingEventsDeadLetter),
        allowed: (name: string) => ["billing-events"].includes(name),
      },
    ];
    for (const { variable, queue, allowed } of cases) {
      for (const spec of functionSpecs) {
        const variables = resources[logicalIdOf(functionOrThrow(spec.name))]!.Properties.Environment.Variables;
        const actions = actionsOn(spec.name, queue);
        expect({ name: spec.name, hasUrl: variable in variables, actions }).toEqual({
          name: spec.name,
          hasUrl: allowed(spec.name),
          actions: allowed(spec.name) ? sendActions : [],
        });
        if (allowed(spec.name)) expect(variables[variable]).toEqual({ Ref: queue });
      }
    }
    expect(functionSpecs.some((spec) => spec.sendsOutbound)).toBe(true);
    // The settlement queue: its senders get the URL and SendMessage; only the worker also receives (its event source mapping).
    for (const spec of functionSpecs) {
      const variables = resources[logicalIdOf(functionOrThrow(spec.name))]!.Properties.Environment.Variables;
      const sends = settlementSenders.includes(spec.name);
      expect({ name: spec.name, hasUrl: environmentVariables.settlementQueueUrl in variables }).toEqual({ name: spec.name, hasUrl: sends });
      const actions = actionsOn(spec.name, logicalIdOf(stack.queues.settlement));
      if (spec.name === settlementWorker.functionName) expect(actions).toContain("sqs:SendMessage");
      else expect(actions, spec.name).toEqual(sends ? sendActions : []);
    }
  });

  it("resolves HASH_SALT from the generated secret at deploy time, never as plain text, only in the functions that hash", () => {
    const secretId = Object.entries(resources).find(([, resource]) => resource.Type === "AWS::SecretsManager::Secret")![0];
    // The functions whose code calls visitorHash, emailHash or paymentFingerprintHash (shared/domain/attribution.ts, click.ts).
    const hashing = ["redirect", "create-attribution", "redeem-invite-code", "send-invite", "billing-events"];
    for (const spec of functionSpecs) {
      const salt = resources[logicalIdOf(functionOrThrow(spec.name))]!.Properties.Environment.Variables[environmentVariables.hashSalt];
      expect({ name: spec.name, salt }).toEqual({
        name: spec.name,
        salt: hashing.includes(spec.name)
          ? { "Fn::Join": ["", ["{{resolve:secretsmanager:", { Ref: secretId }, ":SecretString:::}}"]] }
          : undefined,
      });
      // Resolved by CloudFormation: no function may read the secret at run time.
      expect(JSON.stringify(statementsOf(spec.name)), spec.name).not.toContain("secretsmanager:");
    }
    template.hasResource("AWS::SecretsManager::Secret", {
      DeletionPolicy: "Retain",
      Properties: { GenerateSecretString: Match.objectLike({ PasswordLength: 48 }) },
    });
  });
});

describe("referral links", () => {
  it("are built on REFERRAL_LINK_BASE_URL: the API's URL by default, the referralLinkBaseUrl context when given; only where links are built", () => {
    for (const spec of functionSpecs) {
      const variables = resources[logicalIdOf(functionOrThrow(spec.name))]!.Properties.Environment.Variables;
      expect(variables[environmentVariables.referralLinkBaseUrl] !== undefined, spec.name).toBe(spec.buildsReferralLinks === true);
    }
    const getReferral = resources[logicalIdOf(functionOrThrow("get-referral"))]!.Properties.Environment.Variables;
    expect(JSON.stringify(getReferral[environmentVariables.referralLinkBaseUrl])).toContain("execute-api");
    // Only the environment is read: no asset bundling (CDK's bundling-stacks context), which would take a minute on a busy machine.
    const custom = createLedgerApp({
      context: { ...deployContext, referralLinkBaseUrl: "https://go.example.com", "aws:cdk:bundling-stacks": [] },
      now: () => seededAt,
    });
    Template.fromStack(custom.stack).hasResourceProperties("AWS::Lambda::Function", {
      Environment: { Variables: Match.objectLike({ [environmentVariables.referralLinkBaseUrl]: "https://go.example.com" }) },
    });
    expect(() => createLedgerApp({ context: { ...deployContext, referralLinkBaseUrl: "http://go.example.com" } })).toThrow(
      /referralLinkBaseUrl/,
    );
  });
});

describe("the HTTP API", () => {
  it("has exactly the catalog's routes, each on its function: public, JWT-authorized with the operator's scope, or behind the request authorizer", () => {
    const authorizerIdOf = (type: string) =>
      Object.entries(resources).find(
        ([, resource]) => resource.Type === "AWS::ApiGatewayV2::Authorizer" && resource.Properties.AuthorizerType === type,
      )![0];
    const jwtAuthorizerId = authorizerIdOf("JWT");
    const requestAuthorizerId = authorizerIdOf("REQUEST");
    const routes = Object.values(resources).filter((resource) => resource.Type === "AWS::ApiGatewayV2::Route");
    expect(routes.map((route) => route.Properties.RouteKey).sort()).toEqual(
      httpRoutes.map((route) => `${route.method} ${route.path}`).sort(),
    );
    for (const spec of httpRoutes) {
      const route = routes.find((candidate) => candidate.Properties.RouteKey === `${spec.method} ${spec.path}`)!;
      if (spec.auth === "public") expect(route.Properties.AuthorizationType ?? "NONE", route.Properties.RouteKey).toBe("NONE");
      else if (spec.auth === "operator")
        expect(route.Properties, route.Properties.RouteKey).toMatchObject({
          AuthorizationType: "JWT",
          AuthorizerId: { Ref: jwtAuthorizerId },
        });
      else
        expect(route.Properties, route.Properties.RouteKey).toMatchObject({
          AuthorizationType: "CUSTOM",
          AuthorizerId: { Ref: requestAuthorizerId },
        });
      if (spec.auth === "operator") expect(route.Properties.AuthorizationScopes, route.Properties.RouteKey).toEqual([operatorScope]);
      else expect(route.Properties.AuthorizationScopes, route.Properties.RouteKey).toBeUndefined();
      const integrationId = JSON.stringify(route.Properties.Target).match(/"Ref":"([A-Za-z0-9]+)"/)![1]!;
      expect(resources[integrationId]!.Properties.IntegrationUri).toEqual({
        "Fn::GetAtt": [logicalIdOf(functionOrThrow(spec.functionName)), "Arn"],
      });
    }
  });

  it("decides the account routes with the authorize-request function: simple responses, the Authorization header, no cache", () => {
    const authorizer = Object.values(resources).find(
      (resource) => resource.Type === "AWS::ApiGatewayV2::Authorizer" && resource.Properties.AuthorizerType === "REQUEST",
    )!;
    expect(authorizer.Properties).toMatchObject({
      AuthorizerPayloadFormatVersion: "2.0",
      EnableSimpleResponses: true,
      IdentitySource: ["$request.header.Authorization"],
      AuthorizerResultTtlInSeconds: 0,
    });
    expect(JSON.stringify(authorizer.Properties.AuthorizerUri)).toContain(logicalIdOf(functionOrThrow("authorize-request")));
    // It verifies the same identity provider's JWTs as the JWT authorizer.
    const variables = resources[logicalIdOf(functionOrThrow("authorize-request"))]!.Properties.Environment.Variables;
    expect(variables).toMatchObject({
      [environmentVariables.jwtIssuer]: "https://id.example.com/realms/ledger",
      [environmentVariables.jwtAudience]: "ledger-api,ledger-admin",
    });
    for (const spec of functionSpecs.filter((candidate) => candidate.name !== "authorize-request"))
      expect(resources[logicalIdOf(functionOrThrow(spec.name))]!.Properties.Environment.Variables, spec.name).not.toHaveProperty(
        environmentVariables.jwtIssuer,
      );
  });

  it("answers CORS for the configuration's widget.allowedOrigins only, with bearer tokens and no credentials", () => {
    const api = Object.values(resources).find((resource) => resource.Type === "AWS::ApiGatewayV2::Api")!;
    expect(api.Properties.CorsConfiguration).toEqual({
      AllowOrigins: demoOperatorConfig.widget!.allowedOrigins,
      AllowMethods: ["GET", "POST"],
      AllowHeaders: ["authorization", "content-type"],
      ExposeHeaders: ["retry-after"],
      MaxAge: 600,
      AllowCredentials: false,
    });
  });

  it("throttles every route on its own, the public referral links apart from attribution and the account routes", () => {
    const stageResource = Object.values(resources).find((resource) => resource.Type === "AWS::ApiGatewayV2::Stage")!;
    const settings = stageResource.Properties.RouteSettings as Record<
      string,
      { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }
    >;
    expect(Object.keys(settings).sort()).toEqual(httpRoutes.map((route) => `${route.method} ${route.path}`).sort());
    for (const route of httpRoutes) {
      expect(settings[`${route.method} ${route.path}`], route.path).toEqual({
        ThrottlingRateLimit: route.throttle.rateLimitPerSecond,
        ThrottlingBurstLimit: route.throttle.burstLimit,
      });
    }
    // A flood on a referral link fills that route's bucket only: no other route shares it.
    const referralLink = settings["GET /r/{link+}"]!;
    expect(referralLink).toEqual({ ThrottlingRateLimit: 300, ThrottlingBurstLimit: 600 });
    expect(settings["POST /attributions"]).toEqual({ ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 });
    // The stage waits for its routes: CloudFormation refuses settings for a route key that does not exist yet.
    const stageId = logicalIdOf(stack.api.stage);
    const routeIds = Object.entries(resources)
      .filter(([, resource]) => resource.Type === "AWS::ApiGatewayV2::Route")
      .map(([id]) => id);
    expect(template.toJSON().Resources[stageId].DependsOn).toEqual(expect.arrayContaining(routeIds));
    // Together the route limits stay well under the account's regional limit (10,000 req/s) that all APIs share.
    const total = httpRoutes.reduce((sum, route) => sum + route.throttle.rateLimitPerSecond, 0);
    expect(total).toBeLessThan(10_000 / 2);
  });

  it("throttles the default stage and writes access logs without IP addresses or user agents", () => {
    template.hasResourceProperties("AWS::ApiGatewayV2::Stage", {
      StageName: "$default",
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: Match.anyValue(), ThrottlingBurstLimit: Match.anyValue() },
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp("\\$context.routeKey") },
    });
    const format = Object.values(resources).find((resource) => resource.Type === "AWS::ApiGatewayV2::Stage")!.Properties.AccessLogSettings
      .Format as string;
    expect(format).not.toMatch(/sourceIp|userAgent/);
  });
});

describe("billing events queue and its consumer", () => {
  it("feeds the consumer in batches that report item failures", () => {
    // The billing-events queue, the settlement queue and the table's stream.
    template.resourceCountIs("AWS::Lambda::EventSourceMapping", 4);
    template.hasResourceProperties("AWS::Lambda::EventSourceMapping", {
      EventSourceArn: { "Fn::GetAtt": [logicalIdOf(stack.queues.billingEvents), "Arn"] },
      FunctionName: { Ref: logicalIdOf(functionOrThrow(billingEventsConsumer.functionName)) },
      FunctionResponseTypes: ["ReportBatchItemFailures"],
      BatchSize: billingEventsConsumer.batchSize,
      MaximumBatchingWindowInSeconds: billingEventsConsumer.maxBatchingWindowSeconds,
      ScalingConfig: { MaximumConcurrency: billingEventsConsumer.maxConcurrency },
    });
  });

  it("moves a message to the dead-letter queue after maxReceiveCount receives, with visibility ≥ 6 × the consumer timeout", () => {
    const queue = resources[logicalIdOf(stack.queues.billingEvents)]!.Properties;
    expect(queue.RedrivePolicy).toEqual({
      deadLetterTargetArn: { "Fn::GetAtt": [logicalIdOf(stack.queues.billingEventsDeadLetter), "Arn"] },
      maxReceiveCount: billingEventsConsumer.maxReceiveCount,
    });
    const consumerTimeout = resources[logicalIdOf(functionOrThrow(billingEventsConsumer.functionName))]!.Properties.Timeout as number;
    expect(queue.VisibilityTimeout).toBeGreaterThanOrEqual(6 * consumerTimeout);
    expect(resources[logicalIdOf(stack.queues.billingEventsDeadLetter)]!.Properties.MessageRetentionPeriod).toBe(14 * 24 * 60 * 60);
  });

  it("refuses to build a queue whose visibility is shorter than 6 × the consumer timeout", () => {
    const tooSlow = Duration.seconds(billingEventsConsumer.visibilityTimeoutSeconds / 6 + 1);
    const fine = Duration.seconds(60);
    expect(() => new LedgerQueues(new Stack(), "Queues", { billingEventsConsumerTimeout: tooSlow, settlementWorkerTimeout: fine })).toThrow(
      /billing-events visibility timeout .* at least 6/,
    );
    const settlementTooSlow = Duration.seconds(settlementWorker.visibilityTimeoutSeconds / 6 + 1);
    expect(
      () => new LedgerQueues(new Stack(), "Queues", { billingEventsConsumerTimeout: fine, settlementWorkerTimeout: settlementTooSlow }),
    ).toThrow(/settlement visibility timeout .* at least 6/);
  });

  it("feeds the settlement worker from its queue, partial batches reported, concurrency bounded, with a dead-letter queue", () => {
    const mapping = Object.values(resources).find(
      (resource) =>
        resource.Type === "AWS::Lambda::EventSourceMapping" &&
        JSON.stringify(resource.Properties.EventSourceArn).includes(logicalIdOf(stack.queues.settlement)),
    );
    expect(mapping?.Properties).toMatchObject({
      BatchSize: settlementWorker.batchSize,
      FunctionResponseTypes: ["ReportBatchItemFailures"],
      ScalingConfig: { MaximumConcurrency: settlementWorker.maxConcurrency },
    });
    const queue = resources[logicalIdOf(stack.queues.settlement)]!.Properties;
    expect(queue.RedrivePolicy).toMatchObject({ maxReceiveCount: settlementWorker.maxReceiveCount });
    expect(actionsOn(settlementWorker.functionName, logicalIdOf(stack.queues.settlement))).toEqual(
      expect.arrayContaining(["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:SendMessage"]),
    );
    expect(actionsOn("settle-commissions", logicalIdOf(stack.queues.settlement))).toEqual(["sqs:SendMessage"]);
  });

  it("lets the consumer receive and delete from the queue", () => {
    expect(actionsOn(billingEventsConsumer.functionName, logicalIdOf(stack.queues.billingEvents))).toEqual(
      expect.arrayContaining(["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility"]),
    );
  });
});

describe("the table's stream and the click aggregator", () => {
  it("streams new images from the table", () => {
    expect(resources[logicalIdOf(stack.table)]!.Properties.StreamSpecification).toEqual({ StreamViewType: "NEW_IMAGE" });
  });

  it("feeds the aggregator only counted clicks, one batch per shard at a time, with bounded bisecting retries and an on-failure queue", () => {
    template.hasResourceProperties("AWS::Lambda::EventSourceMapping", {
      EventSourceArn: { "Fn::GetAtt": [logicalIdOf(stack.table), "StreamArn"] },
      FunctionName: { Ref: logicalIdOf(functionOrThrow(clickAggregator.functionName)) },
      StartingPosition: "TRIM_HORIZON",
      BatchSize: clickAggregator.batchSize,
      MaximumBatchingWindowInSeconds: clickAggregator.maxBatchingWindowSeconds,
      ParallelizationFactor: 1,
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: clickAggregator.retryAttempts,
      MaximumRecordAgeInSeconds: clickAggregator.maxRecordAgeSeconds,
      TumblingWindowInSeconds: clickAggregator.tumblingWindowSeconds,
      DestinationConfig: { OnFailure: { Destination: { "Fn::GetAtt": [logicalIdOf(stack.clickAggregation.failures), "Arn"] } } },
      FilterCriteria: { Filters: [{ Pattern: JSON.stringify(clickStreamFilterPattern) }] },
    });
    expect(clickAggregator.retryAttempts).toBeGreaterThan(0);
    expect(actionsOn(clickAggregator.functionName, logicalIdOf(stack.clickAggregation.failures))).toEqual(
      expect.arrayContaining(["sqs:SendMessage"]),
    );
  });

  it("feeds the discounts' trigger only writes of code referrals, with its own bounded bisecting retries and on-failure queue", () => {
    template.hasResourceProperties("AWS::Lambda::EventSourceMapping", {
      EventSourceArn: { "Fn::GetAtt": [logicalIdOf(stack.table), "StreamArn"] },
      FunctionName: { Ref: logicalIdOf(functionOrThrow(discountTrigger.functionName)) },
      StartingPosition: "TRIM_HORIZON",
      BatchSize: discountTrigger.batchSize,
      ParallelizationFactor: 1,
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: discountTrigger.retryAttempts,
      MaximumRecordAgeInSeconds: discountTrigger.maxRecordAgeSeconds,
      DestinationConfig: { OnFailure: { Destination: { "Fn::GetAtt": [logicalIdOf(stack.discountTrigger.failures), "Arn"] } } },
      FilterCriteria: { Filters: [{ Pattern: JSON.stringify(codeReferralStreamFilterPattern) }] },
    });
    expect(actionsOn(discountTrigger.functionName, logicalIdOf(stack.discountTrigger.failures))).toEqual(
      expect.arrayContaining(["sqs:SendMessage"]),
    );
  });

  it("lets the aggregator and the discounts' trigger read this table's stream only (ListStreams has no resource), and no other function read it", () => {
    const tableId = logicalIdOf(stack.table);
    for (const spec of functionSpecs) {
      const streamStatements = statementsOf(spec.name).filter((statement) => JSON.stringify(statement.Resource).includes('"StreamArn"'));
      if (spec.name !== clickAggregator.functionName && spec.name !== discountTrigger.functionName) {
        expect(streamStatements, spec.name).toEqual([]);
        continue;
      }
      expect(streamStatements.map((statement) => ({ actions: [statement.Action].flat().sort(), resource: statement.Resource }))).toEqual([
        {
          actions: ["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator"],
          resource: { "Fn::GetAtt": [tableId, "StreamArn"] },
        },
      ]);
      const wildcard = statementsOf(spec.name).filter((statement) => statement.Resource === "*");
      expect(wildcard.flatMap((statement) => [statement.Action].flat())).toEqual(["dynamodb:ListStreams"]);
    }
  });
});

describe("queues", () => {
  it("has a FIFO outbound queue deduplicated by the producer's id, with a FIFO dead-letter queue", () => {
    const outbound = resources[logicalIdOf(stack.queues.outbound)]!.Properties;
    expect(outbound).toMatchObject({ FifoQueue: true, ContentBasedDeduplication: false, QueueName: expect.anything() });
    expect(outbound.QueueName).toMatch(/outbound\.fifo$/);
    expect(outbound.RedrivePolicy.deadLetterTargetArn).toEqual({ "Fn::GetAtt": [logicalIdOf(stack.queues.outboundDeadLetter), "Arn"] });
    expect(resources[logicalIdOf(stack.queues.outboundDeadLetter)]!.Properties).toMatchObject({
      FifoQueue: true,
      QueueName: expect.stringMatching(/\.fifo$/),
    });
  });

  it("encrypts every queue and denies requests without TLS", () => {
    const queueIds = Object.entries(resources)
      .filter(([, resource]) => resource.Type === "AWS::SQS::Queue")
      .map(([id]) => id);
    expect(queueIds).toHaveLength(9);
    for (const id of queueIds) {
      expect(resources[id]!.Properties.SqsManagedSseEnabled, id).toBe(true);
      const policies = Object.values(resources).filter(
        (resource) => resource.Type === "AWS::SQS::QueuePolicy" && mentions(resource.Properties.Queues, id),
      );
      expect(
        policies.flatMap((policy) => policy.Properties.PolicyDocument.Statement),
        id,
      ).toContainEqual(expect.objectContaining({ Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": "false" } } }));
    }
  });
});

describe("schedules", () => {
  it("runs each catalog schedule in the operator's time zone on its own function, with retries and a dead-letter queue", () => {
    const created = Object.values(resources).filter((resource) => resource.Type === "AWS::Scheduler::Schedule");
    expect(created).toHaveLength(schedules.length);
    for (const spec of schedules) {
      const schedule = created.find((candidate) => candidate.Properties.ScheduleExpression === spec.cron)!;
      expect(schedule, spec.name).toBeDefined();
      expect(schedule.Properties).toMatchObject({
        ScheduleExpressionTimezone: demoOperatorConfig.timeZone,
        State: "ENABLED",
        FlexibleTimeWindow: { Mode: "OFF" },
        Target: {
          Arn: { "Fn::GetAtt": [logicalIdOf(functionOrThrow(spec.functionName)), "Arn"] },
          RetryPolicy: { MaximumRetryAttempts: expect.anything(), MaximumEventAgeInSeconds: expect.anything() },
          DeadLetterConfig: { Arn: { "Fn::GetAtt": [logicalIdOf(stack.schedules.failedInvocations), "Arn"] } },
        },
      });
      expect(JSON.parse(schedule.Properties.Target.Input as string)).toEqual({
        scheduleName: spec.name,
        scheduledTime: "<aws.scheduler.scheduled-time>",
      });
    }
    expect(schedules.find((spec) => spec.name === "settle-commissions")!.cron).toBe("cron(0 0 1,15 * ? *)");
  });

  it("runs the outbox relay every minute, not retried (the next minute's run does the same work), and day jobs with a day of retries", () => {
    const created = Object.values(resources).filter((resource) => resource.Type === "AWS::Scheduler::Schedule");
    const retryOf = (name: string) =>
      created.find(
        (candidate) =>
          candidate.Properties.Target.Arn["Fn::GetAtt"][0] ===
          logicalIdOf(functionOrThrow(schedules.find((spec) => spec.name === name)!.functionName)),
      )!.Properties;
    expect(retryOf("relay-outbox")).toMatchObject({
      ScheduleExpression: "cron(* * * * ? *)",
      Target: { RetryPolicy: { MaximumRetryAttempts: 0, MaximumEventAgeInSeconds: 60 } },
    });
    expect(retryOf("settle-commissions").Target.RetryPolicy).toEqual({ MaximumRetryAttempts: 10, MaximumEventAgeInSeconds: 86_400 });
    // The relay's runs end well before the next: its timeout is under a minute's spacing plus the time reserve.
    expect(functionSpecs.find((spec) => spec.name === "relay-outbox")!.timeoutSeconds).toBeLessThanOrEqual(60);
  });

  it("gives each schedule a role that may invoke only its own function", () => {
    for (const spec of schedules) {
      const schedule = Object.values(resources).find(
        (resource) => resource.Type === "AWS::Scheduler::Schedule" && resource.Properties.ScheduleExpression === spec.cron,
      )!;
      const roleId = (schedule.Properties.Target.RoleArn as { "Fn::GetAtt": [string, string] })["Fn::GetAtt"][0];
      const statements = Object.values(resources)
        .filter((resource) => resource.Type === "AWS::IAM::Policy" && mentions(resource.Properties.Roles, roleId))
        .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Statement[]);
      const invoke = statements.filter((statement) => JSON.stringify(statement.Action).includes("lambda:"));
      expect(invoke).toEqual([
        {
          Action: "lambda:InvokeFunction",
          Effect: "Allow",
          Resource: { "Fn::GetAtt": [logicalIdOf(functionOrThrow(spec.functionName)), "Arn"] },
        },
      ]);
    }
  });
});

describe("alarms", () => {
  const alarms = () => Object.values(resources).filter((resource) => resource.Type === "AWS::CloudWatch::Alarm");
  const topicId = () => logicalIdOf(stack.alarms.topic);

  it("alarms on any message in each dead-letter queue", () => {
    for (const queue of [
      stack.queues.billingEventsDeadLetter,
      stack.queues.outboundDeadLetter,
      stack.schedules.failedInvocations,
      stack.clickAggregation.failures,
    ]) {
      const queueId = logicalIdOf(queue);
      const alarm = alarms().find(
        (candidate) =>
          candidate.Properties.MetricName === "ApproximateNumberOfMessagesVisible" && mentions(candidate.Properties.Dimensions, queueId),
      );
      expect(alarm?.Properties, queueId).toMatchObject({
        Namespace: "AWS/SQS",
        Threshold: 0,
        ComparisonOperator: "GreaterThanThreshold",
        AlarmActions: [{ Ref: topicId() }],
      });
    }
  });

  it("alarms on errors of every function and on API 5xx", () => {
    for (const spec of functionSpecs) {
      const functionId = logicalIdOf(functionOrThrow(spec.name));
      const alarm = alarms().find(
        (candidate) => candidate.Properties.MetricName === "Errors" && mentions(candidate.Properties.Dimensions, functionId),
      );
      expect(alarm?.Properties, spec.name).toMatchObject({
        Namespace: "AWS/Lambda",
        Threshold: 0,
        ComparisonOperator: "GreaterThanThreshold",
        AlarmActions: [{ Ref: topicId() }],
      });
    }
    expect(alarms().some((alarm) => alarm.Properties.MetricName === "5xx" && alarm.Properties.Namespace === "AWS/ApiGateway")).toBe(true);
  });

  it("alarms when the oldest message on the billing-events queue is older than 15 minutes, on the outbound queue older than 1 hour", () => {
    for (const [queue, seconds] of [
      [stack.queues.billingEvents, 15 * 60],
      [stack.queues.outbound, 60 * 60],
    ] as const) {
      const queueId = logicalIdOf(queue);
      const alarm = alarms().find(
        (candidate) =>
          candidate.Properties.MetricName === "ApproximateAgeOfOldestMessage" && mentions(candidate.Properties.Dimensions, queueId),
      );
      expect(alarm?.Properties, queueId).toMatchObject({
        Namespace: "AWS/SQS",
        Statistic: "Maximum",
        Period: 300,
        Threshold: seconds,
        ComparisonOperator: "GreaterThanThreshold",
        TreatMissingData: "notBreaching",
        AlarmActions: [{ Ref: topicId() }],
        OKActions: [{ Ref: topicId() }],
      });
    }
  });

  it("alarms on records the billing-events consumer keeps reporting as failed, the metric its handler emits", () => {
    const alarm = alarms().find((candidate) => candidate.Properties.MetricName === alarmedMetricNames.billingEventsBatchItemFailures);
    expect(alarm?.Properties).toMatchObject({
      Namespace: metricsNamespace,
      Dimensions: [{ Name: "service", Value: serviceName }],
      Statistic: "Sum",
      Period: 300,
      Threshold: 0,
      ComparisonOperator: "GreaterThanThreshold",
      EvaluationPeriods: 3,
      DatapointsToAlarm: 2,
      AlarmActions: [{ Ref: topicId() }],
    });
  });

  it("alarms when the outbox relay keeps finding unsent outboxes, or stops publishing its backlog (it runs every minute)", () => {
    const alarm = alarms().find((candidate) => candidate.Properties.MetricName === alarmedMetricNames.outboxBacklog);
    expect(alarm?.Properties).toMatchObject({
      AlarmName: `${stack.stackName}-OutboxRelayBacklog`,
      Namespace: metricsNamespace,
      Dimensions: [{ Name: "service", Value: serviceName }],
      Statistic: "Minimum",
      Period: 60,
      Threshold: 0,
      ComparisonOperator: "GreaterThanThreshold",
      EvaluationPeriods: 5,
      DatapointsToAlarm: 4,
      TreatMissingData: "breaching",
      AlarmActions: [{ Ref: topicId() }],
      OKActions: [{ Ref: topicId() }],
    });
    // The relay's handler publishes exactly this metric name.
    expect(outboxRelayMetricNames.backlog).toBe(alarmedMetricNames.outboxBacklog);
  });

  it("names every alarm <stack>-<id> and gives each id a runbook line in docs/deploy.md", () => {
    const runbook = readFileSync(new URL("../../docs/deploy.md", import.meta.url), "utf8").split("## Alarms: runbook")[1] ?? "";
    const runbookRows = runbook.split("\n").filter((line) => line.startsWith("| `"));
    expect(stack.alarms.alarms.length).toBe(alarms().length);
    for (const alarm of stack.alarms.alarms) {
      const properties = resources[logicalIdOf(alarm)]!.Properties;
      expect(properties.AlarmName).toBe(`${stack.stackName}-${alarm.node.id}`);
      const row = runbookRows.find((line) => line.includes(`\`${alarm.node.id}\``));
      expect(row, `docs/deploy.md has no runbook row for ${alarm.node.id}`).toBeDefined();
      // | alarm | what it means | what to check | what to do |
      expect(row!.split(" | ").filter((cell) => cell.trim().length > 3).length, alarm.node.id).toBeGreaterThanOrEqual(4);
    }
  });

  it("notifies an encrypted topic that CloudWatch of this account only may publish to", () => {
    template.hasResourceProperties("AWS::SNS::Topic", { KmsMasterKeyId: { "Fn::GetAtt": [logicalIdOf(stack.alarms.key), "Arn"] } });
    const key = resources[logicalIdOf(stack.alarms.key)]!;
    expect(key.Properties.EnableKeyRotation).toBe(true);
    const cloudWatchStatements = (key.Properties.KeyPolicy.Statement as Record<string, unknown>[]).filter((statement) =>
      JSON.stringify(statement.Principal).includes("cloudwatch.amazonaws.com"),
    );
    expect(cloudWatchStatements).toEqual([
      {
        Effect: "Allow",
        Principal: { Service: "cloudwatch.amazonaws.com" },
        Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
        Resource: "*",
        Condition: { StringEquals: { "aws:SourceAccount": { Ref: "AWS::AccountId" } } },
      },
    ]);
  });
});

describe("outputs", () => {
  it("names the API URL, the table and every queue an operator connects to", () => {
    const outputs = Object.keys(template.toJSON().Outputs as Record<string, unknown>);
    expect(outputs).toEqual(
      expect.arrayContaining([
        "ApiUrl",
        "TableName",
        "BillingEventsQueueUrl",
        "BillingEventsDeadLetterQueueUrl",
        "OutboundQueueUrl",
        "OutboundQueueArn",
        "ClickAggregationFailuresQueueUrl",
        "DiscountTriggerFailuresQueueUrl",
        "AlarmTopicArn",
      ]),
    );
  });
});

describe("the seeded operator configuration", () => {
  /** The PutItem the custom resource makes, with the table's Ref replaced by a real table name. */
  function seedCall(kind: "Create" | "Update", tableName: string): { parameters: PutItemCommandInput; ignoreErrorCodesMatching: string } {
    const custom = Object.values(resources).find((resource) => resource.Type === "Custom::AWS")!;
    const [, parts] = custom.Properties[kind]["Fn::Join"] as [string, unknown[]];
    const json = parts
      .map((part) => (typeof part === "string" ? part : mentions(part, logicalIdOf(stack.table)) ? tableName : "UNRESOLVED"))
      .join("");
    return JSON.parse(json) as { parameters: PutItemCommandInput; ignoreErrorCodesMatching: string };
  }

  it("may put only the configuration item", () => {
    const tableId = logicalIdOf(stack.table);
    const seedStatements = Object.values(resources)
      .filter((resource) => resource.Type === "AWS::IAM::Policy" && JSON.stringify(resource.Properties.Roles).includes("AWS679f53fac"))
      .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Statement[]);
    expect(seedStatements.filter((statement) => mentions(statement.Resource, tableId))).toEqual([
      {
        Effect: "Allow",
        Action: "dynamodb:PutItem",
        Resource: { "Fn::GetAtt": [tableId, "Arn"] },
        Condition: { "ForAllValues:StringLike": { "dynamodb:LeadingKeys": ["OPERATOR"] } },
      },
    ]);
  });

  it("writes the item the operator-config store reads, and never overwrites an existing one", async () => {
    const table = await createTestTable("seed");
    const create = seedCall("Create", table.tableName);
    expect(seedCall("Update", table.tableName)).toEqual(create);
    expect(create.ignoreErrorCodesMatching).toBe("ConditionalCheckFailedException");

    await table.client.send(new PutItemCommand(create.parameters));
    const store = createOperatorConfigStore({ documentClient: table.documentClient, tableName: table.tableName }, fixedClock(seededAt));
    expect(await store.loadOrThrow()).toEqual(operatorConfigSchema.parse(demoOperatorConfig));

    const edited = { ...operatorConfigSchema.parse(demoOperatorConfig), name: "Edited by the operator" };
    await store.save(edited);
    await expect(table.client.send(new PutItemCommand(create.parameters))).rejects.toBeInstanceOf(ConditionalCheckFailedException);
    const reread = createOperatorConfigStore({ documentClient: table.documentClient, tableName: table.tableName }, fixedClock(seededAt));
    expect((await reread.loadOrThrow()).name).toBe("Edited by the operator");
  });

  it("fails synthesis on an invalid configuration file or a time zone that differs from it", () => {
    const directory = mkdtempSync(join(tmpdir(), "operator-config-"));
    const invalid = join(directory, "invalid.json");
    writeFileSync(invalid, JSON.stringify({ ...demoOperatorConfig, timeZone: "Mars/Olympus_Mons" }));
    expect(() => ledgerStackPropsFromContext(new App({ context: { operatorConfigFile: invalid } }))).toThrow(
      /operator configuration in .* is invalid[\s\S]*timeZone/,
    );
    const valid = join(directory, "valid.json");
    writeFileSync(valid, JSON.stringify({ ...demoOperatorConfig, timeZone: "America/New_York" }));
    expect(ledgerStackPropsFromContext(new App({ context: { operatorConfigFile: valid } })).operatorTimeZone).toBe("America/New_York");
    expect(() =>
      ledgerStackPropsFromContext(new App({ context: { operatorConfigFile: valid, operatorTimeZone: "Europe/Prague" } })),
    ).toThrow(/differs/);
    expect(() => ledgerStackPropsFromContext(new App({ context: { jwtIssuer: "http://insecure.example.com" } }))).toThrow(/https/);
  });
});
