/**
 * What the system runs, as plain data (no CDK import): every function with its entry file, the table
 * and queue access it needs, and every HTTP route, queue trigger and schedule. The CDK stack builds
 * its resources from this list and the local stack serves the same handlers from it, so the two
 * cannot disagree about a route or a grant.
 */
import { operatorConfigPartitionKey, operatorLedgerIndex, partitionKeyPrefixes, unsentOutboxIndex } from "../shared/data/keys.ts";
import type { IndexName } from "../shared/data/table-definition.ts";
import { type IdentifiedHttpRoute, routeList } from "../shared/http-routes.ts";
import { limits, settlementLimits } from "../shared/limits.ts";

/**
 * The DynamoDB actions a function's code calls. A TransactWriteItems is authorized per item it
 * contains (Put, Update, Delete, ConditionCheck), so it appears here as those actions.
 */
export type TableAction =
  | "dynamodb:GetItem"
  | "dynamodb:BatchGetItem"
  | "dynamodb:Query"
  | "dynamodb:ConditionCheckItem"
  | "dynamodb:PutItem"
  | "dynamodb:UpdateItem"
  | "dynamodb:DeleteItem";

/**
 * What a function may do on the table: each action it calls, with the partition keys it calls it on
 * (dynamodb:LeadingKeys patterns, matched with ForAllValues:StringLike: `ACCOUNT#*` is every account's
 * partition), and the indexes it queries. IAM cannot condition on the sort key, so a grant on a
 * partition covers every item of that partition.
 */
export interface TableGrants {
  readonly actions: Partial<Record<TableAction, readonly string[]>>;
  /** Global secondary indexes the function queries (dynamodb:Query on that index only). */
  readonly indexQueries?: readonly IndexName[];
}

/** Partition-key patterns from shared/data/keys.ts: the configuration item, and every partition of an entity type. */
const partitionsOf = {
  operatorConfig: operatorConfigPartitionKey,
  account: `${partitionKeyPrefixes.account}*`,
  code: `${partitionKeyPrefixes.code}*`,
  visitor: `${partitionKeyPrefixes.visitor}*`,
  sourceEvent: `${partitionKeyPrefixes.sourceEvent}*`,
  invoice: `${partitionKeyPrefixes.invoice}*`,
  recharge: `${partitionKeyPrefixes.recharge}*`,
  refund: `${partitionKeyPrefixes.refund}*`,
  chargeback: `${partitionKeyPrefixes.chargeback}*`,
  operatorLedgerAccount: `${partitionKeyPrefixes.operatorLedgerAccount}*`,
  rewardWindow: `${partitionKeyPrefixes.rewardWindow}*`,
  service: `${partitionKeyPrefixes.service}*`,
  clickStreamCheckpoint: `${partitionKeyPrefixes.clickStreamCheckpoint}*`,
  settlement: `${partitionKeyPrefixes.settlement}*`,
  commissionRate: `${partitionKeyPrefixes.commissionRate}*`,
  withdrawal: `${partitionKeyPrefixes.withdrawal}*`,
  attemptCounter: `${partitionKeyPrefixes.attemptCounter}*`,
  inviteRecipient: `${partitionKeyPrefixes.inviteRecipient}*`,
  widgetToken: `${partitionKeyPrefixes.widgetToken}*`,
  widgetSession: `${partitionKeyPrefixes.widgetSession}*`,
  managerConsent: `${partitionKeyPrefixes.managerConsent}*`,
  management: `${partitionKeyPrefixes.management}*`,
  partnerApplication: `${partitionKeyPrefixes.partnerApplication}*`,
  partnerRegistration: `${partitionKeyPrefixes.partnerRegistration}*`,
} as const;

/**
 * A partner-level verification (on demand and the daily run): configuration, the level (GetItem ACCOUNT#), the services
 * the partner paid for (Query ACCOUNT# PAID_SERVICE#) and each one's history (Query SERVICE#id), the idempotency record on
 * a repeat (GetItem EVENT#) and the history (Query ACCOUNT#); one transaction: Put EVENT# (with its outbox), the level on
 * condition of its revision and the history entry (ACCOUNT#); then the outbox mark (Update EVENT#).
 */
const levelVerificationActions: TableGrants["actions"] = {
  "dynamodb:GetItem": [partitionsOf.operatorConfig, partitionsOf.account, partitionsOf.sourceEvent],
  "dynamodb:Query": [partitionsOf.account, partitionsOf.service],
  "dynamodb:PutItem": [partitionsOf.account, partitionsOf.sourceEvent],
  "dynamodb:UpdateItem": [partitionsOf.sourceEvent],
};

export interface FunctionSpec {
  /** Logical name, also the local log prefix. */
  readonly name: string;
  /** Path from the repository root to the file exporting `handler`. */
  readonly entry: string;
  readonly description: string;
  /**
   * Exactly the table access its code uses (the stack test compares the synthesized policy with a list
   * derived from the code); absent: no table access and no TABLE_NAME.
   */
  readonly table?: TableGrants;
  /** Hashes visitors, e-mails or payment fingerprints: gets HASH_SALT (no other function does). */
  readonly usesHashSalt?: boolean;
  /** Sends to the outbound queue (credits and notices to the operator's billing system). */
  readonly sendsOutbound?: boolean;
  /** Enqueues settlement work items (pages of accounts to settle, accounts). */
  readonly sendsSettlementWork?: boolean;
  /** Moves unprocessable billing events to the dead-letter queue itself, with a reason. */
  readonly sendsToBillingDeadLetterQueue?: boolean;
  /** Verifies the operator's identity-provider JWTs (the request authorizer): gets JWT_ISSUER and JWT_AUDIENCE. */
  readonly verifiesJwts?: boolean;
  /** Serves the widget's script: the built bundle (widget/build.ts) is packaged beside its handler. */
  readonly packagesWidgetScript?: boolean;
  /** Builds referral links: gets REFERRAL_LINK_BASE_URL (never the request's host). */
  readonly buildsReferralLinks?: boolean;
  /**
   * Bundle the AWS SDK into the function instead of loading the runtime's copy. A self-contained bundle
   * is larger but loads faster (one file instead of the SDK's many CommonJS modules): the measured module
   * load is in docs/benchmarks.md. Used where cold starts are felt by a person (the redirect). The
   * credential chain's fallbacks stay out even then (infra/bundling.ts): Lambda's credentials are in the environment.
   */
  readonly bundlesAwsSdk?: boolean;
  readonly memoryMegabytes?: number;
  readonly timeoutSeconds?: number;
}

/**
 * An HTTP route as the stack builds it: defined once in shared/http-routes.ts (method, path, function,
 * typed auth, throttle), where the handlers and the OpenAPI document read it too.
 */
export type HttpRouteSpec = IdentifiedHttpRoute;

export interface ScheduleSpec {
  readonly name: string;
  readonly functionName: string;
  /** EventBridge Scheduler cron expression, evaluated in the operator's time zone. */
  readonly cron: string;
  readonly description: string;
  /**
   * How long EventBridge Scheduler retries a failed invocation before it goes to the failed-invocation
   * queue. Default: 10 attempts over 24 h (a job of a period or day must still run after an outage);
   * a job that runs every minute is not retried: the next run does the same work.
   */
  readonly retry?: { readonly attemptsMax: number; readonly windowSeconds: number };
  /** The local scheduler logs each run (default); false: only failures (a job that fires every minute). */
  readonly logEachRunLocally?: boolean;
  /**
   * The job works on the period or day of its scheduledTime (default), or, false, on what is there when
   * it runs (the outbox relay): `npm run job` then takes no --date.
   */
  readonly usesScheduledTime?: boolean;
}

export const functionSpecs: readonly FunctionSpec[] = [
  {
    name: "redirect",
    entry: "functions/http/redirect.ts",
    description: "GET /r/{link+}: 302 to the operator's site, counts the click",
    // resolve the code, read the configuration; count the click: one conditional put of the visitor's counted click
    // (the counters follow from the stream, aggregate-clicks)
    table: {
      actions: {
        "dynamodb:GetItem": [partitionsOf.operatorConfig, partitionsOf.code],
        "dynamodb:PutItem": [partitionsOf.visitor],
      },
    },
    usesHashSalt: true,
    // A visitor waits on the cold start: the self-contained bundle loads in about half the time (docs/benchmarks.md).
    bundlesAwsSdk: true,
    memoryMegabytes: 512,
  },
  {
    name: "create-attribution",
    entry: "functions/http/create-attribution.ts",
    description: "POST /attributions: attribute a sign-up to its referrer",
    // read configuration, code and the parties' profiles; write the referral, the code's sign-up counter and the referee's fingerprints
    table: {
      actions: {
        "dynamodb:GetItem": [partitionsOf.operatorConfig, partitionsOf.code],
        "dynamodb:BatchGetItem": [partitionsOf.account],
        "dynamodb:PutItem": [partitionsOf.account],
        "dynamodb:UpdateItem": [partitionsOf.account, partitionsOf.code],
      },
    },
    usesHashSalt: true,
  },
  {
    name: "create-quote",
    entry: "functions/http/create-quote.ts",
    description: "POST /quotes: a basket priced for an account on a day with the discounts in force",
    // read only: for a line naming a service, the configuration (the time zone) and its payer, one Query of SERVICE#id (AP25); each distinct payer's discounts and
    // partner levels, one Query of ACCOUNT#id with sk begins_with DISCOUNT# (AP42). IAM conditions on the partition key only,
    // so the grants are Query on service and account partitions; the code queries nothing else and writes nothing.
    table: {
      actions: { "dynamodb:GetItem": [partitionsOf.operatorConfig], "dynamodb:Query": [partitionsOf.account, partitionsOf.service] },
    },
  },
  {
    name: "redeem-invite-code",
    entry: "functions/http/redeem-invite-code.ts",
    description: "POST /accounts/{accountId}/code-redemptions: a client enters an invite code after sign-up",
    // count the attempt (ATTEMPTS#); read configuration and code, the referral and both profiles; write the referral
    // (over a referral by link, as read) and the sign-up counters of the new and the replaced code
    table: {
      actions: {
        "dynamodb:GetItem": [partitionsOf.operatorConfig, partitionsOf.code, partitionsOf.management],
        "dynamodb:BatchGetItem": [partitionsOf.account],
        "dynamodb:PutItem": [partitionsOf.account],
        "dynamodb:UpdateItem": [partitionsOf.code, partitionsOf.attemptCounter],
      },
    },
    usesHashSalt: true,
  },
  {
    name: "send-invite",
    entry: "functions/http/send-invite.ts",
    description: "POST /accounts/{accountId}/invites: send the account's invite code by e-mail or SMS (outbound queue)",
    // read the configuration; count the attempt (ATTEMPTS#); the account's link, created on first use (link and code);
    // claim the recipient (INVITE#, GetItem when refused), mark it sent
    table: {
      actions: {
        "dynamodb:GetItem": [partitionsOf.operatorConfig, partitionsOf.account, partitionsOf.inviteRecipient],
        "dynamodb:PutItem": [partitionsOf.account, partitionsOf.code, partitionsOf.inviteRecipient],
        "dynamodb:UpdateItem": [partitionsOf.attemptCounter, partitionsOf.inviteRecipient],
        // is the inviting account managed (AP73, consistent): an agency's end customer is never contacted
        "dynamodb:Query": [partitionsOf.management],
      },
    },
    usesHashSalt: true,
    sendsOutbound: true,
  },
  {
    name: "get-referrals",
    entry: "functions/http/get-referrals.ts",
    description: "GET /accounts/{accountId}/referrals: the clients an account referred",
    // the referrer's referrals through gsi1 (REFERRER#id holds nothing else), the page's profiles by key
    table: {
      actions: { "dynamodb:GetItem": [partitionsOf.management], "dynamodb:BatchGetItem": [partitionsOf.account] },
      indexQueries: ["gsi1"],
    },
  },
  {
    name: "get-discounts",
    entry: "functions/http/get-discounts.ts",
    description: "GET /accounts/{accountId}/discounts: current discounts, history and the program's table",
    // the configuration (the programs' tables); the account's discounts and its history (two Queries of ACCOUNT#id)
    table: {
      actions: { "dynamodb:GetItem": [partitionsOf.operatorConfig, partitionsOf.management], "dynamodb:Query": [partitionsOf.account] },
    },
  },
  {
    name: "get-referral",
    entry: "functions/http/get-referral.ts",
    description: "GET /accounts/{accountId}/referral: link, code and stats",
    // read the configuration and the account's link, create link and code on first use, query the code's counters and days
    table: {
      actions: {
        "dynamodb:GetItem": [partitionsOf.operatorConfig, partitionsOf.account, partitionsOf.management],
        "dynamodb:PutItem": [partitionsOf.account, partitionsOf.code],
        "dynamodb:Query": [partitionsOf.code],
      },
    },
    buildsReferralLinks: true,
  },
  {
    name: "get-ledger",
    entry: "functions/http/get-ledger.ts",
    description: "GET /accounts/{accountId}/ledger",
    // the transfers listed under the account, or by period through gsi1; the operator's through its index (gsi3 only
    // holds transfers with an operator side, nothing else)
    table: {
      actions: { "dynamodb:GetItem": [partitionsOf.management], "dynamodb:Query": [partitionsOf.account] },
      indexQueries: ["gsi1", operatorLedgerIndex],
    },
  },
  {
    name: "get-balance",
    entry: "functions/http/get-balance.ts",
    description: "GET /accounts/{accountId}/balance",
    // a customer account's ledger accounts (ACCOUNT#id, LEDGER_ACCOUNT#); the operator's, shard by shard
    table: {
      actions: {
        "dynamodb:GetItem": [partitionsOf.management],
        "dynamodb:Query": [partitionsOf.account],
        "dynamodb:BatchGetItem": [partitionsOf.operatorLedgerAccount],
      },
    },
  },
  {
    name: "get-statement",
    entry: "functions/http/get-statement.ts",
    description: "GET /accounts/{accountId}/statements: the commission statement per period",
    // the configuration; the account's ledger accounts, accrual items and reservations (ACCOUNT#id), its withdrawal
    // transfers by key (ACCOUNT#id / TRANSFER#); a settled period's transfers from its settlement on through gsi1
    table: {
      actions: {
        "dynamodb:GetItem": [partitionsOf.operatorConfig, partitionsOf.management],
        "dynamodb:Query": [partitionsOf.account],
        "dynamodb:BatchGetItem": [partitionsOf.account],
      },
      indexQueries: ["gsi1"],
    },
  },
  {
    name: "mark-referral-fraudulent",
    entry: "functions/http/mark-referral-fraudulent.ts",
    description: "POST /referrals/{refereeAccountId}/fraud: the operator stops a referral's rewards",
    // one conditional update of the referral
    table: { actions: { "dynamodb:UpdateItem": [partitionsOf.account] } },
  },
  {
    name: "request-withdrawal",
    entry: "functions/http/request-withdrawal.ts",
    description: "POST /accounts/{accountId}/withdrawals: reserve the available commission for a payout",
    // read: configuration; contract, slot, commission_available and the withdrawal id in one BatchGet; the
    // idempotency record and the withdrawal on a duplicate. One transaction: Put EVENT#, transfer and
    // reservation (ACCOUNT#), WITHDRAWAL#; Update the ledger accounts and the slot (ACCOUNT#); ConditionCheck
    // the contract (ACCOUNT#). Then the outbox mark (Update EVENT#). Appends and ADDs only: no delete.
    table: {
      actions: {
        "dynamodb:GetItem": [partitionsOf.operatorConfig, partitionsOf.sourceEvent, partitionsOf.withdrawal],
        "dynamodb:BatchGetItem": [partitionsOf.account, partitionsOf.withdrawal],
        "dynamodb:ConditionCheckItem": [partitionsOf.account],
        "dynamodb:PutItem": [partitionsOf.account, partitionsOf.sourceEvent, partitionsOf.withdrawal],
        "dynamodb:UpdateItem": [partitionsOf.account, partitionsOf.sourceEvent],
      },
    },
    sendsOutbound: true,
  },
  {
    name: "deposits",
    entry: "functions/http/deposits.ts",
    description: "PUT /accounts/{accountId}/deposit (enable) and POST /accounts/{accountId}/deposit-debits: prepaid deposits (operator)",
    // enable: a conditional Put of ACCOUNT#/DEPOSIT, read back on a repeat. A debit: the settings (ACCOUNT#), then one
    // transaction: Put EVENT# and the transfer (ACCOUNT#), Update the deposit (ACCOUNT#) and the operator's
    // deposit_funding shard (OPERATOR#LEDGER_ACCOUNT#); the idempotency record on a repeat (GetItem EVENT#); the balance
    // after it (GetItem ACCOUNT#). Appends and ADDs only: no delete.
    table: {
      actions: {
        "dynamodb:GetItem": [partitionsOf.account, partitionsOf.sourceEvent],
        "dynamodb:PutItem": [partitionsOf.account, partitionsOf.sourceEvent],
        "dynamodb:UpdateItem": [partitionsOf.account, partitionsOf.operatorLedgerAccount],
      },
    },
  },
  {
    name: "get-deposit",
    entry: "functions/http/get-deposit.ts",
    description: "GET /accounts/{accountId}/deposit and GET /accounts/{accountId}/deposit/statements/{month}",
    // the settings and balance (GetItem ACCOUNT#), the movements (Query ACCOUNT#), the configuration's time zone
    table: {
      actions: {
        "dynamodb:GetItem": [partitionsOf.operatorConfig, partitionsOf.account],
        "dynamodb:Query": [partitionsOf.account],
      },
    },
  },
  {
    name: "mark-withdrawal-paid",
    entry: "functions/http/mark-withdrawal-paid.ts",
    description: "POST /withdrawals/{withdrawalId}/paid: post the reservation to the operator's payout clearing",
    // read: the withdrawal, its reservation (ACCOUNT#), the configuration (time zone), the idempotency record on a
    // repeat. One transaction: Put EVENT#, the post transfer and the reservation (ACCOUNT#), the withdrawal; Update
    // payout_reserved and the slot (ACCOUNT#) and a payout_clearing shard (OPERATOR#LEDGER_ACCOUNT#). The outbox mark.
    table: {
      actions: {
        "dynamodb:GetItem": [partitionsOf.operatorConfig, partitionsOf.account, partitionsOf.sourceEvent, partitionsOf.withdrawal],
        "dynamodb:PutItem": [partitionsOf.account, partitionsOf.sourceEvent, partitionsOf.withdrawal],
        "dynamodb:UpdateItem": [partitionsOf.account, partitionsOf.sourceEvent, partitionsOf.operatorLedgerAccount],
      },
    },
    sendsOutbound: true,
  },
  {
    name: "mark-withdrawal-failed",
    entry: "functions/http/mark-withdrawal-failed.ts",
    description: "POST /withdrawals/{withdrawalId}/failed: void the reservation back to the available commission",
    // as mark-withdrawal-paid, but the void stays in the account (payout_reserved → commission_available): no operator shard.
    table: {
      actions: {
        "dynamodb:GetItem": [partitionsOf.operatorConfig, partitionsOf.account, partitionsOf.sourceEvent, partitionsOf.withdrawal],
        "dynamodb:PutItem": [partitionsOf.account, partitionsOf.sourceEvent, partitionsOf.withdrawal],
        "dynamodb:UpdateItem": [partitionsOf.account, partitionsOf.sourceEvent],
      },
    },
    sendsOutbound: true,
  },
  {
    name: "get-withdrawal",
    entry: "functions/http/get-withdrawal.ts",
    description: "GET /withdrawals/{withdrawalId}",
    // one GetItem of the withdrawal
    table: { actions: { "dynamodb:GetItem": [partitionsOf.withdrawal] } },
  },
  {
    name: "list-withdrawals",
    entry: "functions/http/list-withdrawals.ts",
    description: "GET /withdrawals?status=: withdrawals by status",
    // the status index (gsi1 WITHDRAWALS#status) only, never the table
    table: { actions: {}, indexQueries: ["gsi1"] },
  },
  {
    name: "record-contract",
    entry: "functions/http/record-contract.ts",
    description: "PUT /accounts/{accountId}/contracts/{programId}: the referral contract on file",
    // read the configuration (the program, the time zone) and the contract; put it on condition it is the one read
    table: {
      actions: {
        "dynamodb:GetItem": [partitionsOf.operatorConfig, partitionsOf.account],
        "dynamodb:PutItem": [partitionsOf.account],
      },
    },
  },
  {
    name: "revoke-contract",
    entry: "functions/http/revoke-contract.ts",
    description: "POST /accounts/{accountId}/contracts/{programId}/revocation",
    // as record-contract
    table: {
      actions: {
        "dynamodb:GetItem": [partitionsOf.operatorConfig, partitionsOf.account],
        "dynamodb:PutItem": [partitionsOf.account],
      },
    },
  },
  // Manager (agency) links (docs/agencies.md): consents by token hash (CONSENT#), links and audit entries (MANAGEMENT#).
  {
    name: "create-manager-consent",
    entry: "functions/http/create-manager-consent.ts",
    description: "POST /accounts/{accountId}/manager-consents: a client's one-time consent token for a manager",
    // one transaction: put the consent (by its token's hash) and its audit entry
    table: { actions: { "dynamodb:PutItem": [partitionsOf.managerConsent, partitionsOf.management] } },
  },
  {
    name: "link-managed-account",
    entry: "functions/http/link-managed-account.ts",
    description: "POST /accounts/{accountId}/managed-accounts: a manager presents a consent token to link the client",
    // read the consent (consistent); one transaction: mark it used (conditional Update), put both link items and the audit entries
    table: {
      actions: {
        "dynamodb:GetItem": [partitionsOf.managerConsent],
        "dynamodb:UpdateItem": [partitionsOf.managerConsent],
        "dynamodb:PutItem": [partitionsOf.management],
      },
    },
  },
  {
    name: "list-manager-links",
    entry: "functions/http/list-manager-links.ts",
    description: "GET /accounts/{accountId}/managed-accounts and /managers: an account's manager links",
    table: { actions: { "dynamodb:Query": [partitionsOf.management] } },
  },
  {
    name: "revoke-manager-link",
    entry: "functions/http/revoke-manager-link.ts",
    description: "POST .../managed-accounts/{clientAccountId}/revocation and .../managers/{managerAccountId}/revocation",
    // read the link (consistent); one transaction: put both link items revoked (on condition still as read) and the audit entries
    table: { actions: { "dynamodb:GetItem": [partitionsOf.management], "dynamodb:PutItem": [partitionsOf.management] } },
  },
  {
    name: "list-management-audit",
    entry: "functions/http/list-management-audit.ts",
    description: "GET /accounts/{accountId}/management-audit: an account's manager-link audit entries (operator)",
    table: { actions: { "dynamodb:Query": [partitionsOf.management] } },
  },
  {
    name: "create-widget-token",
    entry: "functions/http/create-widget-token.ts",
    description: "POST /widget-tokens: a one-time widget token for one account (docs/widget.md)",
    // read the configuration (the program); put the token on condition it is new
    table: { actions: { "dynamodb:GetItem": [partitionsOf.operatorConfig], "dynamodb:PutItem": [partitionsOf.widgetToken] } },
  },
  {
    name: "create-widget-session",
    entry: "functions/http/create-widget-session.ts",
    description: "POST /widget-sessions: exchange a widget token once for a widget session",
    // read the configuration (allowed origins, the program) and the token; one transaction: Update the token on
    // condition it was never exchanged, Put the session
    table: {
      actions: {
        "dynamodb:GetItem": [partitionsOf.operatorConfig, partitionsOf.widgetToken],
        "dynamodb:UpdateItem": [partitionsOf.widgetToken],
        "dynamodb:PutItem": [partitionsOf.widgetSession],
      },
    },
  },
  {
    name: "authorize-request",
    entry: "functions/authorizers/authorize-request.ts",
    description: "The account routes' request authorizer: a widget session, or a JWT of the operator's identity provider",
    // one GetItem of the session per widget request; JWTs are verified in memory (keys cached per container)
    table: { actions: { "dynamodb:GetItem": [partitionsOf.widgetSession] } },
    verifiesJwts: true,
  },
  {
    name: "get-widget",
    entry: "functions/http/get-widget.ts",
    description: "GET /widget/referral-dashboard.js: the <referral-dashboard> script",
    packagesWidgetScript: true,
  },
  {
    name: "apply-to-partner-program",
    entry: "functions/http/apply-to-partner-program.ts",
    description: "POST /accounts/{accountId}/partner-applications: an account applies to a partner program",
    // read: configuration (the program's form), the account's membership (GetItem ACCOUNT#), the idempotency record
    // (EVENT#) on a lost race. One transaction: Put EVENT# (with the approval's outbox where the program approves on
    // its own), PARTNER_APPLICATION#, the membership (ACCOUNT#) and the registration-id entry (PARTNER_REGISTRATION#);
    // approved at once, also the partner's first level and its history entry (ACCOUNT#), measured from the services it
    // pays for (Query ACCOUNT# PAID_SERVICE#, Query SERVICE#id). Then the outbox mark (Update EVENT#). Puts only.
    table: {
      actions: {
        "dynamodb:GetItem": [partitionsOf.operatorConfig, partitionsOf.account, partitionsOf.sourceEvent],
        "dynamodb:Query": [partitionsOf.account, partitionsOf.service],
        "dynamodb:PutItem": [
          partitionsOf.account,
          partitionsOf.sourceEvent,
          partitionsOf.partnerApplication,
          partitionsOf.partnerRegistration,
        ],
        "dynamodb:UpdateItem": [partitionsOf.sourceEvent],
      },
    },
    sendsOutbound: true,
  },
  {
    name: "partner-applications",
    entry: "functions/http/partner-applications.ts",
    description: "GET /partner-applications and GET /partner-applications/{applicationId}: the operator's reads",
    // read only: the application (GetItem PARTNER_APPLICATION#), the status index (gsi1 PARTNER_APPLICATIONS#program#status),
    // the accounts of each registration id (Query PARTNER_REGISTRATION#)
    table: {
      actions: { "dynamodb:GetItem": [partitionsOf.partnerApplication], "dynamodb:Query": [partitionsOf.partnerRegistration] },
      indexQueries: ["gsi1"],
    },
  },
  {
    name: "decide-partner-application",
    entry: "functions/http/decide-partner-application.ts",
    description: "POST /partner-applications/{applicationId}/approval and /rejection: the operator decides, once",
    // read: the application, the configuration (the program's wait, the time zone), the idempotency record on a lost
    // race. One transaction: Put EVENT# (with its outbox), the application on condition it is still submitted
    // (PARTNER_APPLICATION#) and the membership (ACCOUNT#); an approval adds the partner's first level and its history
    // entry (ACCOUNT#), measured from the services it pays for (Query ACCOUNT# PAID_SERVICE#, Query SERVICE#id).
    // Then the outbox mark (Update EVENT#).
    table: {
      actions: {
        "dynamodb:GetItem": [partitionsOf.operatorConfig, partitionsOf.sourceEvent, partitionsOf.partnerApplication],
        "dynamodb:Query": [partitionsOf.account, partitionsOf.service],
        "dynamodb:PutItem": [partitionsOf.account, partitionsOf.sourceEvent, partitionsOf.partnerApplication],
        "dynamodb:UpdateItem": [partitionsOf.sourceEvent],
      },
    },
    sendsOutbound: true,
  },
  {
    name: "get-partner-level",
    entry: "functions/http/get-partner-level.ts",
    description: "GET /accounts/{accountId}/partner-levels/{programId}: a partner's level and its verifications",
    // read only: configuration (the time zone), the level (GetItem ACCOUNT#), its history (Query ACCOUNT#)
    table: {
      actions: { "dynamodb:GetItem": [partitionsOf.operatorConfig, partitionsOf.account], "dynamodb:Query": [partitionsOf.account] },
    },
  },
  {
    name: "verify-partner-level",
    entry: "functions/http/verify-partner-level.ts",
    description: "POST /accounts/{accountId}/partner-levels/{programId}/verifications: the operator verifies a partner's level now",
    table: { actions: levelVerificationActions },
    sendsOutbound: true,
    timeoutSeconds: 60,
  },
  {
    name: "get-openapi",
    entry: "functions/http/get-openapi.ts",
    description: "GET /openapi.json: the API description",
    memoryMegabytes: 256,
  },
  {
    name: "billing-events",
    entry: "functions/events/billing-events.ts",
    description: "SQS consumer: billing events into the ledger",
    // reads: configuration, referral, source event, payment reward, parked reversals, applied reversal, accruals,
    // a referee's months-N rewards by paid-at; checks that a closed period's settlement run (SETTLEMENT#) has not started. Writes, all appending (the source event, transfers, reward and
    // reversal records, parked reversals, rewards in window, a service's payer changes under SERVICE#id) or
    // adding to counters (ledger accounts, the operator's account shards, accruals, referral marks, profile,
    // the code's customer count), except two removals, each in its own partition:
    // a parked reversal once applied (INVOICE#id / RECHARGE#id, sk PARKED#event) and a reward in window
    // once its rewards are reversed (REWARD_WINDOW#referee). Never in ACCOUNT#, where the transfers are.
    table: {
      actions: {
        "dynamodb:GetItem": [
          partitionsOf.operatorConfig,
          partitionsOf.account,
          partitionsOf.sourceEvent,
          partitionsOf.invoice,
          partitionsOf.recharge,
          partitionsOf.refund,
          partitionsOf.chargeback,
        ],
        "dynamodb:BatchGetItem": [partitionsOf.account],
        "dynamodb:Query": [partitionsOf.invoice, partitionsOf.recharge, partitionsOf.rewardWindow],
        "dynamodb:ConditionCheckItem": [partitionsOf.account, partitionsOf.settlement],
        "dynamodb:PutItem": [
          partitionsOf.account,
          partitionsOf.sourceEvent,
          partitionsOf.invoice,
          partitionsOf.recharge,
          partitionsOf.refund,
          partitionsOf.chargeback,
          partitionsOf.rewardWindow,
          partitionsOf.service,
        ],
        "dynamodb:UpdateItem": [partitionsOf.account, partitionsOf.code, partitionsOf.sourceEvent, partitionsOf.operatorLedgerAccount],
        "dynamodb:DeleteItem": [partitionsOf.invoice, partitionsOf.recharge, partitionsOf.rewardWindow],
      },
    },
    usesHashSalt: true,
    sendsOutbound: true,
    sendsToBillingDeadLetterQueue: true,
    timeoutSeconds: 60,
  },
  {
    name: "aggregate-clicks",
    entry: "functions/streams/aggregate-clicks.ts",
    description: "DynamoDB Streams consumer: counted clicks into the codes' and days' counters",
    // read the shard's checkpoint; one transaction per batch: the code's and the day's counters (CODE#) and the checkpoint (STREAM#)
    table: {
      actions: {
        "dynamodb:GetItem": [partitionsOf.clickStreamCheckpoint],
        "dynamodb:UpdateItem": [partitionsOf.code, partitionsOf.clickStreamCheckpoint],
      },
    },
    timeoutSeconds: 60,
  },
  {
    name: "decide-discounts",
    entry: "functions/streams/decide-discounts.ts",
    description: "DynamoDB Streams consumer: each code referral's referee and referrer discounts, once",
    // read: configuration, the referral's idempotency record (EVENT#), both parties' discounts and the referee's profile
    // (BatchGet ACCOUNT#); for a referral of a day before its referrer's streak began, the referrer's referrals through
    // gsi1 (an older one may bridge the two). One transaction: Put EVENT# (with its outbox), the discounts and their
    // history entries (ACCOUNT#). Then the outbox mark (Update EVENT#).
    table: {
      actions: {
        "dynamodb:GetItem": [partitionsOf.operatorConfig, partitionsOf.sourceEvent],
        "dynamodb:BatchGetItem": [partitionsOf.account],
        "dynamodb:PutItem": [partitionsOf.account, partitionsOf.sourceEvent],
        "dynamodb:UpdateItem": [partitionsOf.sourceEvent],
      },
      indexQueries: ["gsi1"],
    },
    sendsOutbound: true,
    timeoutSeconds: 60,
  },
  {
    name: "settle-commissions",
    entry: "functions/schedules/settle-commissions.ts",
    description: "Semi-monthly settlement: records the run and enqueues the first page of every shard",
    table: {
      actions: {
        "dynamodb:GetItem": [partitionsOf.operatorConfig, partitionsOf.settlement],
        "dynamodb:UpdateItem": [partitionsOf.settlement],
      },
    },
    sendsSettlementWork: true,
    timeoutSeconds: 60,
  },
  {
    name: "settlement-work",
    entry: "functions/events/settlement-work.ts",
    description: "SQS worker: pages of accounts to settle, and each account's settlement",
    table: {
      actions: {
        "dynamodb:GetItem": [partitionsOf.operatorConfig, partitionsOf.sourceEvent],
        "dynamodb:BatchGetItem": [partitionsOf.account, partitionsOf.commissionRate],
        "dynamodb:PutItem": [partitionsOf.account, partitionsOf.sourceEvent, partitionsOf.settlement],
        "dynamodb:UpdateItem": [
          partitionsOf.account,
          partitionsOf.sourceEvent,
          partitionsOf.operatorLedgerAccount,
          partitionsOf.settlement,
        ],
      },
      indexQueries: ["gsi2"],
    },
    sendsOutbound: true,
    sendsSettlementWork: true,
    timeoutSeconds: 60,
  },
  {
    name: "settlements",
    entry: "functions/http/settlements.ts",
    description: "POST /settlements (a run on demand) and GET /settlements/{programId}/{periodId} (its progress)",
    table: {
      actions: {
        "dynamodb:GetItem": [partitionsOf.operatorConfig],
        "dynamodb:UpdateItem": [partitionsOf.settlement],
        "dynamodb:BatchGetItem": [partitionsOf.settlement],
        "dynamodb:Query": [partitionsOf.settlement],
      },
    },
    sendsSettlementWork: true,
  },
  {
    name: "commission-rates",
    entry: "functions/http/commission-rates.ts",
    description: "PUT/DELETE /accounts/{accountId}/commission-rates/{programId}: a partner's individual rate",
    table: {
      actions: {
        "dynamodb:GetItem": [partitionsOf.operatorConfig],
        "dynamodb:PutItem": [partitionsOf.commissionRate],
        "dynamodb:DeleteItem": [partitionsOf.commissionRate],
      },
    },
  },
  {
    name: "get-commission-rate",
    entry: "functions/http/get-commission-rate.ts",
    description: "GET /accounts/{accountId}/commission-rates/{programId}: a partner's tier ladder, individual rate and open half month",
    // read only: configuration (GetItem OPERATOR), the individual rate (GetItem COMMISSION_RATE#), the period's accruals (Query ACCOUNT#)
    table: {
      actions: {
        "dynamodb:GetItem": [partitionsOf.operatorConfig, partitionsOf.commissionRate],
        "dynamodb:Query": [partitionsOf.account],
      },
    },
  },
  {
    name: "expire-discounts",
    entry: "functions/schedules/expire-discounts.ts",
    description: "Daily discount expiry and activation",
    // read: the configuration (the day, the time zone); the due index (gsi1 DISCOUNTS_DUE#shard, sparse: only due
    // discounts); each due discount (GetItem ACCOUNT#); the idempotency record when another run committed first
    // (GetItem EVENT#). One transaction per discount: Put EVENT# (with its outbox), the discount and its history
    // entries (ACCOUNT#). Then the outbox mark (Update EVENT#).
    table: {
      actions: {
        "dynamodb:GetItem": [partitionsOf.operatorConfig, partitionsOf.account, partitionsOf.sourceEvent],
        "dynamodb:PutItem": [partitionsOf.account, partitionsOf.sourceEvent],
        "dynamodb:UpdateItem": [partitionsOf.sourceEvent],
      },
      indexQueries: ["gsi1"],
    },
    sendsOutbound: true,
    // Runs stop starting new discounts discountLimits.runTimeReserveMilliseconds before this.
    timeoutSeconds: 300,
  },
  {
    name: "verify-partner-levels",
    entry: "functions/schedules/verify-partner-levels.ts",
    description: "Daily: verifies the partner levels whose monthly verification is due",
    // The due index (gsi1 PARTNER_LEVELS_DUE#shard, sparse), then per partner what verify-partner-level reads and writes.
    table: { actions: levelVerificationActions, indexQueries: ["gsi1"] },
    sendsOutbound: true,
    // Runs stop starting new partners partnerLimits.levelRunTimeReserveMilliseconds before this.
    timeoutSeconds: 300,
  },
  {
    name: "relay-outbox",
    entry: "functions/schedules/relay-outbox.ts",
    description: "Every minute: sends again the outboxes not confirmed sent (AP24)",
    // Lists the unsent-outbox index (gsi2 only, never the table) and confirms source-event records: nothing else.
    table: { actions: { "dynamodb:UpdateItem": [partitionsOf.sourceEvent] }, indexQueries: [unsentOutboxIndex] },
    sendsOutbound: true,
    // Runs stop starting new outboxes outboxRelayLimits.timeReserveMilliseconds before this.
    timeoutSeconds: 60,
  },
];

/** Every HTTP route (shared/http-routes.ts): add a route there, with its contract in shared/schemas/api-routes.ts. */
export const httpRoutes: readonly HttpRouteSpec[] = routeList;

/**
 * The request authorizer of the account routes (shared/http-routes.ts `authorizerOf`): a Lambda authorizer with
 * simple responses, identity source the Authorization header (a request without one is refused 401 before it runs),
 * and no result cache: a session is pinned to its origin and ends at its expiry, so every request is decided afresh.
 */
export const requestAuthorizer = {
  functionName: "authorize-request",
  identitySource: "$request.header.Authorization",
  resultsCacheTtlSeconds: 0,
} as const;

/** The billing-events queue feeds this function; failures are reported per record. */
export const billingEventsConsumer = {
  functionName: "billing-events",
  batchSize: limits.billingEventsBatchSizeMax,
  maxBatchingWindowSeconds: 1,
  /** After this many receives a message moves to the dead-letter queue. */
  maxReceiveCount: 5,
  visibilityTimeoutSeconds: 6 * 60,
  maxConcurrency: 5,
} as const;

/**
 * The table's stream feeds the click aggregator, filtered to counted clicks (shared/data/click-stream.ts).
 * One batch per shard at a time (parallelization 1: the checkpoint is per shard), up to 1,000 records or
 * 1 s, so a code's counters take at most about one update per shard and second (docs/data-model.md).
 */
export const clickAggregator = {
  functionName: "aggregate-clicks",
  batchSize: 1000,
  maxBatchingWindowSeconds: 1,
  parallelizationFactor: 1,
  /** Retries of a failed batch (bisected each time) before its description goes to the on-failure queue. */
  retryAttempts: 5,
  /** Records older than this are not retried but sent to the on-failure queue (the stream keeps 24 hours). */
  maxRecordAgeSeconds: 6 * 60 * 60,
  /** Only so that each event carries the shard id; the function keeps no window state (functions/streams/aggregate-clicks.ts). */
  tumblingWindowSeconds: 900,
} as const;

/**
 * The table's stream feeds the discounts' trigger too, filtered to writes of code referrals
 * (shared/data/referral-stream.ts): its own event source mapping, so its failures never hold the clicks back.
 * Records of a shard in order, one batch per shard at a time; concurrent referrals of one referrer (other
 * shards) race on the referrer's discount revision and the loser decides again.
 */
export const discountTrigger = {
  functionName: "decide-discounts",
  batchSize: 100,
  maxBatchingWindowSeconds: 1,
  parallelizationFactor: 1,
  /** Retries of a failed batch (bisected each time) before its description goes to the on-failure queue. */
  retryAttempts: 5,
  /** Records older than this are not retried but sent to the on-failure queue (the stream keeps 24 hours). */
  maxRecordAgeSeconds: 6 * 60 * 60,
} as const;

/** The settlement queue feeds its worker; failures are reported per record (docs/ledger.md, "Settlement"). */
export const settlementWorker = {
  functionName: "settlement-work",
  batchSize: 10,
  maxBatchingWindowSeconds: 1,
  maxReceiveCount: settlementLimits.maxReceiveCount,
  visibilityTimeoutSeconds: 6 * 60,
  /** Workers at once (the event source mapping's maximum concurrency): 20 × 10 records, about 1,000 accounts a second. */
  maxConcurrency: 20,
} as const;

export const schedules: readonly ScheduleSpec[] = [
  {
    name: "settle-commissions",
    functionName: "settle-commissions",
    // 00:00 on the 1st (settles the 15th to month end) and on the 15th (settles the 1st to the 14th).
    cron: "cron(0 0 1,15 * ? *)",
    description: "Semi-monthly commission settlement",
  },
  {
    name: "expire-discounts",
    functionName: "expire-discounts",
    cron: "cron(5 0 * * ? *)",
    description: "Daily discount expiry and activation",
  },
  {
    name: "verify-partner-levels",
    functionName: "verify-partner-levels",
    // Daily, so that a missed day is caught up; each partner is verified once a month (on the 1st after its last verification).
    cron: "cron(30 1 * * ? *)",
    description: "Daily: partner levels whose monthly verification is due",
  },
  {
    name: "relay-outbox",
    functionName: "relay-outbox",
    cron: "cron(* * * * ? *)",
    description: "Every minute: resend outboxes not confirmed sent",
    retry: { attemptsMax: 0, windowSeconds: 60 },
    logEachRunLocally: false,
    usesScheduledTime: false,
  },
];

export const queueNames = {
  billingEvents: "billing-events",
  billingEventsDeadLetter: "billing-events-dlq",
  /** FIFO so that the billing system receives each credit once (deduplicated by transfer id), in order per account. */
  outbound: "outbound.fifo",
  /** Outbound messages the operator's consumer failed to process (a FIFO queue needs a FIFO dead-letter queue). */
  outboundDeadLetter: "outbound-dlq.fifo",
  /** Work items of settlement runs: pages of a period's accounts to settle, and the accounts. */
  settlement: "settlement",
  /** Settlement work items that failed maxReceiveCount times (the run records each failed account with its reason). */
  settlementDeadLetter: "settlement-dlq",
  /** Descriptions (shard, sequence numbers) of click batches the aggregator failed after its retries. */
  clickAggregationFailures: "click-aggregation-failures",
  /** Descriptions (shard, sequence numbers) of code-referral batches the discounts' trigger failed after its retries. */
  discountTriggerFailures: "discount-trigger-failures",
} as const;
