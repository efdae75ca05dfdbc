/**
 * Every key of the single table, declared once. Each builder returns the full key (and index keys)
 * of one entity; `accessPatterns` lists every read the product makes and the key or index that serves
 * it. docs/data-model.md's access-pattern table is generated from it: `npm run docs`.
 *
 * Entity-type prefixes keep entities apart: ACCOUNT#, CODE#, VISITOR#, EVENT#, INVOICE#, RECHARGE#, REFUND#, CHARGEBACK#, REWARD_WINDOW#, SERVICE#, OPERATOR, STREAM#, WITHDRAWAL#, ATTEMPTS#, INVITE#, WIDGET_TOKEN#, WIDGET_SESSION#, CONSENT#, MANAGEMENT#, PARTNER_APPLICATION#, PARTNER_REGISTRATION#.
 */
import { createHash } from "node:crypto";
import { discountLimits, outboxRelayLimits, partnerLimits, settlementLimits } from "../limits.ts";
import type { IndexName } from "./table-definition.ts";

export interface TableKey {
  readonly pk: string;
  readonly sk: string;
}

/**
 * The partition key of every entity starts with one of these (the exact `OPERATOR` of the configuration
 * item aside). Function grants are written with them: IAM's dynamodb:LeadingKeys condition matches the
 * partition key, so a function may touch only the entity types it uses (infra/catalog.ts).
 */
export const partitionKeyPrefixes = {
  account: "ACCOUNT#",
  code: "CODE#",
  visitor: "VISITOR#",
  sourceEvent: "EVENT#",
  invoice: "INVOICE#",
  recharge: "RECHARGE#",
  refund: "REFUND#",
  chargeback: "CHARGEBACK#",
  operatorLedgerAccount: "OPERATOR#LEDGER_ACCOUNT#",
  rewardWindow: "REWARD_WINDOW#",
  service: "SERVICE#",
  clickStreamCheckpoint: "STREAM#",
  settlement: "SETTLEMENT#",
  commissionRate: "COMMISSION_RATE#",
  withdrawal: "WITHDRAWAL#",
  attemptCounter: "ATTEMPTS#",
  inviteRecipient: "INVITE#",
  widgetToken: "WIDGET_TOKEN#",
  widgetSession: "WIDGET_SESSION#",
  managerConsent: "CONSENT#",
  management: "MANAGEMENT#",
  partnerApplication: "PARTNER_APPLICATION#",
  partnerRegistration: "PARTNER_REGISTRATION#",
} as const;

/** The one partition key that is not a prefix: the operator configuration item's. */
export const operatorConfigPartitionKey = "OPERATOR";

export const keys = {
  /** AP1: the operator's configuration (programs, site, time zone). */
  operatorConfig: (): TableKey => ({ pk: operatorConfigPartitionKey, sk: "CONFIG" }),

  /** AP2: an account's profile (hashed email and payment fingerprint, registration, promo end). */
  accountProfile: (accountId: string): TableKey => ({ pk: `ACCOUNT#${accountId}`, sk: "PROFILE" }),

  /** AP3: an account's referral code in a program (one per account and program, created on first use). */
  accountLink: (accountId: string, programId: string): TableKey => ({ pk: `ACCOUNT#${accountId}`, sk: `LINK#${programId}` }),

  /** AP4: a referral code: owner, program, status and running counters (clicks, sign-ups, customers). Redirect hot path. */
  referralCode: (code: string): TableKey => ({ pk: `CODE#${code}`, sk: "CODE" }),

  /** AP5: clicks on a code per operator-local day; query pk = CODE#code, sk between CLICKS#from and CLICKS#to. */
  dailyClicks: (code: string, day: string): TableKey => ({ pk: `CODE#${code}`, sk: `CLICKS#${day}` }),
  dailyClicksPrefix: "CLICKS#",

  /**
   * AP6: a visitor's last counted click on a code, written by one conditional put per counted click (a key per
   * visitor, so a viral code spreads over the table) and added to the counters from the stream; expires after
   * the repeat window (TTL).
   */
  countedClick: (code: string, visitorHash: string): TableKey => ({ pk: `VISITOR#${code}#${visitorHash}`, sk: "VISITOR" }),

  /** AP7: the referral of a referee (at most one, first wins). AP8 via gsi1: referrals of a referrer, newest last. */
  referral: (refereeAccountId: string) => ({ pk: `ACCOUNT#${refereeAccountId}`, sk: "REFERRAL" }),
  referralByReferrer: (referrerAccountId: string, attributedAt: string, refereeAccountId: string) => ({
    gsi1pk: `REFERRER#${referrerAccountId}`,
    gsi1sk: `REFERRAL#${attributedAt}#${refereeAccountId}`,
  }),
  referralsOfReferrerPartition: (referrerAccountId: string) => `REFERRER#${referrerAccountId}`,

  /** The partition of a customer account's transfers in one settlement period (gsi1, AP10). */
  ledgerPeriodPartition: (accountId: string, periodId: string) => `LEDGER#${accountId}#${periodId}`,

  /** The partition of an account's own items (profile, links, referral, entries, balances, accruals). */
  accountPartition: (accountId: string) => `ACCOUNT#${accountId}`,

  /** AP12: the idempotency record of a source event: written once, in the same transaction as its effect. Never expires. */
  sourceEvent: (eventId: string): TableKey => ({ pk: `EVENT#${eventId}`, sk: "EVENT" }),

  /** AP13: what a paid invoice earned, so refunds and chargebacks claw back in proportion. */
  invoiceReward: (invoiceId: string): TableKey => ({ pk: `INVOICE#${invoiceId}`, sk: "INVOICE" }),
  /**
   * AP81: what an invoice paid by an approved partner counts toward the partner's paid revenue, or the refunds and
   * chargebacks that arrived before it (a partner level's `paidRevenueMin`, docs/partners.md).
   */
  invoiceRevenue: (invoiceId: string): TableKey => ({ pk: `INVOICE#${invoiceId}`, sk: "PARTNER_REVENUE" }),
  /** AP82: a payer's paid revenue in one operator-local month (`YYYY-MM`) and currency; query sk between two months' prefixes. */
  paidRevenueMonth: (accountId: string, month: string, currency: string): TableKey => ({
    pk: `ACCOUNT#${accountId}`,
    sk: `PAID_REVENUE#${month}#${currency}`,
  }),
  paidRevenueMonthPrefix: (month: string) => `PAID_REVENUE#${month}#`,
  /** AP83: a refund or chargeback taken off a partner's paid revenue, by the billing system's own id (beside AP22's item). */
  revenueReversal: (kind: "refund" | "chargeback", reversalId: string): TableKey =>
    kind === "refund" ? { pk: `REFUND#${reversalId}`, sk: "PARTNER_REVENUE" } : { pk: `CHARGEBACK#${reversalId}`, sk: "PARTNER_REVENUE" },
  /** AP14: events that arrived before the invoice they refer to; query pk = INVOICE#id, sk begins_with PARKED#. */
  parkedEvent: (invoiceId: string, eventId: string): TableKey => ({ pk: `INVOICE#${invoiceId}`, sk: `PARKED#${eventId}` }),
  parkedEventPrefix: "PARKED#",

  /** AP15: commission accrued by an account in a program, period and currency. AP16 via gsi2: accounts to settle per program and period. */
  periodAccrual: (accountId: string, programId: string, periodId: string, currency: string): TableKey => ({
    pk: `ACCOUNT#${accountId}`,
    sk: `ACCRUAL#${programId}#${periodId}#${currency}`,
  }),
  /** AP80: the prefix of one period's accruals of an account in a program, one per currency. */
  periodAccrualsPrefix: (programId: string, periodId: string) => `ACCRUAL#${programId}#${periodId}#`,

  /** AP17: what a completed recharge earned, so chargebacks claw back in proportion (the recharge twin of invoiceReward). */
  rechargeReward: (rechargeId: string): TableKey => ({ pk: `RECHARGE#${rechargeId}`, sk: "RECHARGE" }),
  /** AP18: chargebacks that arrived before their recharge; query pk = RECHARGE#id, sk begins_with PARKED#. */
  parkedRechargeEvent: (rechargeId: string, eventId: string): TableKey => ({ pk: `RECHARGE#${rechargeId}`, sk: `PARKED#${eventId}` }),

  /** AP11: a customer account's ledger accounts (debits, credits, balance per kind and currency). Query sk begins_with LEDGER_ACCOUNT#. */
  ledgerAccount: (accountId: string, kind: string, currency: string): TableKey => ({
    pk: `ACCOUNT#${accountId}`,
    sk: `LEDGER_ACCOUNT#${kind}#${currency}`,
  }),
  ledgerAccountPrefix: "LEDGER_ACCOUNT#",
  /** AP20: one write shard of an operator ledger account; the account's balance is the sum of its shards (BatchGetItem). */
  operatorLedgerAccountShard: (kind: string, currency: string, shard: number): TableKey => ({
    pk: `OPERATOR#LEDGER_ACCOUNT#${kind}#${currency}#${shard}`,
    sk: "LEDGER_ACCOUNT",
  }),
  /** AP9: transfers touching a customer account's ledger accounts, newest first (sk sorts by posting time). */
  transfer: (accountId: string, postedAt: string, transferId: string): TableKey => ({
    pk: `ACCOUNT#${accountId}`,
    sk: `TRANSFER#${postedAt}#${transferId}`,
  }),
  transferPrefix: "TRANSFER#",
  /** AP10 via gsi1: transfers touching a customer account in one settlement period. */
  transferByPeriod: (accountId: string, periodId: string, postedAt: string, transferId: string) => ({
    gsi1pk: `LEDGER#${accountId}#${periodId}`,
    gsi1sk: `TRANSFER#${postedAt}#${transferId}`,
  }),
  /** AP21: the state of a two-phase transfer (reserved, posted, voided), under the account holding the reserved money. */
  reservation: (accountId: string, reservationTransferId: string): TableKey => ({
    pk: `ACCOUNT#${accountId}`,
    sk: `RESERVATION#${reservationTransferId}`,
  }),

  /** AP22: a refund or chargeback applied, by the billing system's own id: a resend under a new event id claws back nothing again. */
  reversal: (kind: "refund" | "chargeback", reversalId: string): TableKey =>
    kind === "refund" ? { pk: `REFUND#${reversalId}`, sk: "REFUND" } : { pk: `CHARGEBACK#${reversalId}`, sk: "CHARGEBACK" },

  /**
   * AP23: a referee's payment rewarded under a months-N rule, by paid-at: a first payment moving earlier
   * finds the rewards left outside the shorter window (query sk between IN_WINDOW#kind#<window end> and the prefix's end).
   */
  rewardInWindow: (refereeAccountId: string, kind: "invoice" | "recharge", paidAt: string, paymentId: string): TableKey => ({
    pk: `REWARD_WINDOW#${refereeAccountId}`,
    sk: `IN_WINDOW#${kind}#${paidAt}#${paymentId}`,
  }),
  /**
   * Its own partition, not the referee's ACCOUNT# one: these items are deleted once their rewards are
   * reversed, and IAM can limit a delete to a partition only, never to a sort key, so the consumer's
   * delete grant stays out of the partitions that hold ledger entries.
   */
  rewardInWindowPartition: (refereeAccountId: string) => `REWARD_WINDOW#${refereeAccountId}`,
  rewardInWindowPrefix: (kind: "invoice" | "recharge") => `IN_WINDOW#${kind}#`,

  /**
   * AP25: one change of a service's payer and administrator, immutable, sorted by when it took effect
   * (`changedAt` as UTC ISO, so changes may arrive in any order); the event id keeps two changes at one
   * instant apart. Its own partition: a service is not a customer, and its history is read by service.
   */
  servicePayerChange: (serviceId: string, changedAt: string, eventId: string): TableKey => ({
    pk: `SERVICE#${serviceId}`,
    sk: `PAYER#${changedAt}#${eventId}`,
  }),
  servicePartition: (serviceId: string) => `SERVICE#${serviceId}`,
  servicePayerChangePrefix: "PAYER#",
  /** The greatest sort key of a change that took effect at or before `at` (UTC ISO): every event id sorts below U+FFFF. */
  servicePayerChangesUntil: (at: string) => `PAYER#${at}#\uffff`,
  /**
   * AP79: one lifecycle change of a service (activated, cancelled), immutable, sorted by when it took effect, beside its
   * payer changes: one Query of the partition reads a service's whole history.
   */
  serviceStatusChange: (serviceId: string, at: string, eventId: string): TableKey => ({
    pk: `SERVICE#${serviceId}`,
    sk: `STATUS#${at}#${eventId}`,
  }),

  /** AP26: how far the click aggregator has applied one shard of the table's stream (the last sequence number); expires (TTL) after the stream's 24 hours. */
  clickStreamCheckpoint: (shardId: string): TableKey => ({
    pk: `${partitionKeyPrefixes.clickStreamCheckpoint}${shardId}`,
    sk: "CLICK_CHECKPOINT",
  }),

  /** AP47: a partner's prepaid deposit settings (enabled on an authorized request, its currency; ACTIVE 24). */
  depositSettings: (accountId: string): TableKey => ({ pk: `ACCOUNT#${accountId}`, sk: "DEPOSIT" }),

  /**
   * A deposit top-up by the billing system's top-up id, whatever the event id it came under (its
   * business id, written once with the top-up's transaction; in the source events' partitions).
   */
  depositTopUp: (topUpId: string): TableKey => ({ pk: `EVENT#deposit-top-up:${topUpId}`, sk: "DEPOSIT_TOP_UP" }),

  /** AP31: the referral contract an account has on file in a program (document reference, signed and revoked dates). */
  contract: (accountId: string, programId: string): TableKey => ({ pk: `ACCOUNT#${accountId}`, sk: `CONTRACT#${programId}` }),

  /**
   * AP32: a withdrawal by its id (the client's, unique across accounts): its own partition, so the operator
   * finds it by id alone and an id used by one account cannot be used by another.
   */
  withdrawal: (withdrawalId: string): TableKey => ({ pk: `${partitionKeyPrefixes.withdrawal}${withdrawalId}`, sk: "WITHDRAWAL" }),
  /** AP33 via gsi1: withdrawals in one status, oldest request first (the item moves partition when its status changes). */
  withdrawalByStatus: (status: string, requestedAt: string, withdrawalId: string) => ({
    gsi1pk: `WITHDRAWALS#${status}`,
    gsi1sk: `${requestedAt}#${withdrawalId}`,
  }),
  withdrawalsByStatusPartition: (status: string) => `WITHDRAWALS#${status}`,
  /** AP34: the withdrawal open for an account, program and currency, if any: set on condition none is, cleared when it is paid or fails. */
  withdrawalSlot: (accountId: string, programId: string, currency: string): TableKey => ({
    pk: `ACCOUNT#${accountId}`,
    sk: `WITHDRAWAL_SLOT#${programId}#${currency}`,
  }),

  /**
   * AP39: attempts of one kind by one subject in one fixed window (code entries per account or per hashed
   * source address): one conditional ADD per attempt, refused at the limit; expires
   * (TTL) after its window. Its own partition per subject and window, so no key is written by everyone.
   */
  attemptCounter: (kind: string, subject: string, windowStart: string): TableKey => ({
    pk: `${partitionKeyPrefixes.attemptCounter}${kind}#${subject}#${windowStart}`,
    sk: "ATTEMPTS",
  }),

  /**
   * AP40: the last invite sent to a recipient, by the recipient's keyed hash (never the address): put on
   * condition there is none from the last 7 days, whoever sent it; expires (TTL) after them.
   */
  inviteRecipient: (recipientHash: string): TableKey => ({ pk: `${partitionKeyPrefixes.inviteRecipient}${recipientHash}`, sk: "INVITE" }),
} as const;

/**
 * Manager (agency) links' keys (docs/agencies.md), apart from `keys`: only the functions of managed access use them.
 * The `MANAGEMENT#<account>` partition holds an account's links from both sides and its audit entries, and nothing
 * else: the functions that check a manager's access are granted GetItem on it, not on the account's own partition.
 */
export const managementKeys = {
  /** AP70: a consent a client issued, by the SHA-256 hash of its token (never the token); expires (TTL) a day after it does. */
  consent: (tokenHash: string): TableKey => ({ pk: `${partitionKeyPrefixes.managerConsent}${tokenHash}`, sk: "CONSENT" }),
  /** AP71: a client's link to one manager (GetItem, consistent: the manager's access check). AP73: a client's managers. */
  managerOfClient: (clientAccountId: string, managerAccountId: string): TableKey => ({
    pk: `${partitionKeyPrefixes.management}${clientAccountId}`,
    sk: `MANAGER#${managerAccountId}`,
  }),
  /** AP72: a manager's link to one client, the mirror of `managerOfClient` written in the same transaction. */
  clientOfManager: (managerAccountId: string, clientAccountId: string): TableKey => ({
    pk: `${partitionKeyPrefixes.management}${managerAccountId}`,
    sk: `CLIENT#${clientAccountId}`,
  }),
  /** AP74: one audit entry of an account's links (issued, linked, revoked), immutable, by time. */
  auditEntry: (accountId: string, at: string, entryId: string): TableKey => ({
    pk: `${partitionKeyPrefixes.management}${accountId}`,
    sk: `AUDIT#${at}#${entryId}`,
  }),
  partition: (accountId: string) => `${partitionKeyPrefixes.management}${accountId}`,
  managersPrefix: "MANAGER#",
  clientsPrefix: "CLIENT#",
  auditPrefix: "AUDIT#",
} as const;

/** Settlement's keys, apart from `keys` so that the redirect's small bundle does not carry them. */
export const settlementKeys = {
  /** AP16 via gsi2: an accrual listed among its period's accounts to settle, on its account's shard. */
  periodAccrualToSettle: (programId: string, periodId: string, accountId: string, currency: string) => ({
    gsi2pk: `SETTLE#${programId}#${periodId}#${settlementShardOf(accountId)}`,
    gsi2sk: `ACCOUNT#${accountId}#${currency}`,
  }),
  /** One of the `settlementLimits.shards` partitions of a period's accounts to settle (AP16). */
  accountsToSettlePartition: (programId: string, periodId: string, shard: number) => `SETTLE#${programId}#${periodId}#${shard}`,
  /**
   * AP27: the operator's individual commission rate for a partner in a program (overrides the tier
   * ladder at settlement). Its own partition, not the account's: removing it is a delete, and IAM can
   * limit a delete to partitions only, so the route's delete grant stays out of the ledger's.
   */
  individualRate: (accountId: string, programId: string): TableKey => ({ pk: `COMMISSION_RATE#${accountId}`, sk: `PROGRAM#${programId}` }),

  /** AP28: a settlement run of a program's period: when it was started, how often, for which run time. */
  settlementRun: (programId: string, periodId: string): TableKey => ({ pk: `SETTLEMENT#${programId}#${periodId}`, sk: "RUN" }),
  /**
   * AP29: one shard's progress (accounts listed and enqueued, settled, failed), in its own partition:
   * every settled account counts on its shard in its settlement's transaction. The run's progress is the sum.
   */
  settlementProgress: (programId: string, periodId: string, shard: number): TableKey => ({
    pk: `SETTLEMENT#${programId}#${periodId}#${shard}`,
    sk: "PROGRESS",
  }),
  /** AP30: an account whose settlement failed for good, with the reason (query the shard's partition, sk begins_with FAILED#). */
  settlementFailure: (programId: string, periodId: string, shard: number, accountId: string, currency: string): TableKey => ({
    pk: `SETTLEMENT#${programId}#${periodId}#${shard}`,
    sk: `FAILED#${accountId}#${currency}`,
  }),
  settlementFailurePrefix: "FAILED#",
} as const;

/** Statements' reads (docs/ledger.md, "Statements"), apart from `keys` so that the redirect's small bundle does not carry them. */
export const statementKeys = {
  /** AP36: an account's accruals in one program from a period on (every currency): Query the account's partition, sk between these. */
  accrualsFrom: (programId: string, periodId: string) => ({ from: `ACCRUAL#${programId}#${periodId}#`, to: `ACCRUAL#${programId}#\uffff` }),
  /** AP37: an account's two-phase transfers (withdrawals): Query the account's partition, sk begins_with this. */
  reservationPrefix: "RESERVATION#",
  /** AP38: the lowest gsi1 sort key of a period's transfers posted at or after `postedAt` (AP10's partition). */
  transfersPostedFrom: (postedAt: string) => `TRANSFER#${postedAt}`,
} as const;

/** The discounts' keys (docs/discounts.md), apart from `keys` so that the redirect's small bundle does not carry them. */
export const discountKeys = {
  /**
   * AP41: an account's current discount in a program and role (the latest streak for a referrer). AP42: every
   * discount of an account (the quote's one Query): sk begins_with DISCOUNT# (DISCOUNT_HISTORY# does not match).
   */
  discount: (accountId: string, programId: string, role: string): TableKey => ({
    pk: `ACCOUNT#${accountId}`,
    sk: `DISCOUNT#${programId}#${role}`,
  }),
  discountPrefix: "DISCOUNT#",
  /** AP43: one change of an account's discounts, immutable, by decision time (the sequence keeps one decision's entries in order). */
  historyEntry: (accountId: string, at: string, sequence: number, entryId: string): TableKey => ({
    pk: `ACCOUNT#${accountId}`,
    sk: `DISCOUNT_HISTORY#${at}#${String(sequence).padStart(2, "0")}#${entryId}`,
  }),
  historyPrefix: "DISCOUNT_HISTORY#",
  /**
   * AP44 via gsi1 (sparse): a discount whose next change is due on `dueDay` (its start while scheduled, its end while
   * active), on one of `discountLimits.dueShards` partitions by discount id; none once it has ended. The daily
   * schedule queries each shard for sk ≤ `<day>#\uffff`: everything due that day or missed before.
   */
  due: (discountId: string, dueDay: string) => ({
    gsi1pk: `DISCOUNTS_DUE#${discountDueShardOf(discountId)}`,
    gsi1sk: `${dueDay}#${discountId}`,
  }),
  duePartition: (shard: number) => `DISCOUNTS_DUE#${shard}`,
  /** The greatest due sort key of a day: every discount id sorts below U+FFFF. */
  dueUntil: (day: string) => `${day}#\uffff`,
} as const;

/** Partner applications' keys (docs/partners.md), apart from `keys` so that the redirect's small bundle does not carry them. */
export const partnerKeys = {
  /** AP60: an application by its id: its own partition, so the operator finds it by id alone. */
  application: (applicationId: string): TableKey => ({
    pk: `${partitionKeyPrefixes.partnerApplication}${applicationId}`,
    sk: "APPLICATION",
  }),
  /**
   * AP61 via gsi1: a program's applications in one status, oldest first (the index entry moves when the
   * status changes). One partition per program and status: applications are written at the pace of people
   * (docs/data-model.md, "Partner applications"), far below a partition's 1,000 writes a second.
   */
  applicationByStatus: (programId: string, status: string, submittedAt: string, applicationId: string) => ({
    gsi1pk: `PARTNER_APPLICATIONS#${programId}#${status}`,
    gsi1sk: `${submittedAt}#${applicationId}`,
  }),
  applicationsByStatusPartition: (programId: string, status: string) => `PARTNER_APPLICATIONS#${programId}#${status}`,
  /** AP62: an account's membership of a partner program (applicant, partner, rejected): is it an approved partner, is an application open. */
  membership: (accountId: string, programId: string): TableKey => ({ pk: `ACCOUNT#${accountId}`, sk: `PARTNER#${programId}` }),
  /** AP63: an account applied with a registration id (one item per registration id and account); Query the partition for every account. */
  registrationEntry: (registrationId: string, accountId: string): TableKey => ({
    pk: `${partitionKeyPrefixes.partnerRegistration}${registrationId}`,
    sk: `ACCOUNT#${accountId}`,
  }),
  registrationPartition: (registrationId: string) => `${partitionKeyPrefixes.partnerRegistration}${registrationId}`,
  /**
   * AP75: a partner's level in a program (docs/partners.md, "Levels"). Under DISCOUNT#, so that the quote's one Query
   * per payer (AP42) reads it with the payer's discounts. While its monthly verification is due it carries AP77's keys.
   */
  level: (accountId: string, programId: string): TableKey => ({ pk: `ACCOUNT#${accountId}`, sk: `DISCOUNT#${programId}#partner` }),
  /** AP76: one verification of a partner's level (confirmed, moved up or down), immutable; a program's entries newest first. */
  levelHistoryEntry: (accountId: string, programId: string, at: string, entryId: string): TableKey => ({
    pk: `ACCOUNT#${accountId}`,
    sk: `PARTNER_LEVEL_HISTORY#${programId}#${at}#${entryId}`,
  }),
  levelHistoryPrefix: (programId: string) => `PARTNER_LEVEL_HISTORY#${programId}#`,
  /**
   * AP77 via gsi1 (sparse): a partner level whose monthly verification is due on `dueDay`, on one of
   * partnerLimits.levelDueShards partitions by account; the daily run queries each shard for sk ≤ `<day>#\uffff`.
   */
  levelDue: (accountId: string, programId: string, dueDay: string) => ({
    gsi1pk: `PARTNER_LEVELS_DUE#${partnerLevelDueShardOf(accountId, programId)}`,
    gsi1sk: `${dueDay}#${accountId}#${programId}`,
  }),
  levelDuePartition: (shard: number) => `PARTNER_LEVELS_DUE#${shard}`,
  levelDueUntil: (day: string) => `${day}#\uffff`,
  /**
   * AP78: an account was the payer of a service at some time (put by the service's activation and by every payer change
   * naming it; never deleted): the services a level verification reads the history of.
   */
  paidService: (accountId: string, serviceId: string): TableKey => ({ pk: `ACCOUNT#${accountId}`, sk: `PAID_SERVICE#${serviceId}` }),
  paidServicePrefix: "PAID_SERVICE#",
} as const;

/** The due-index shard of a partner level: a stable hash of its account and program, 0 .. partnerLimits.levelDueShards - 1. */
export function partnerLevelDueShardOf(accountId: string, programId: string): number {
  return (
    createHash("sha256").update(`partner-level\n${accountId}\n${programId}`, "utf8").digest().readUInt32BE(0) % partnerLimits.levelDueShards
  );
}

/** The due-index shard of a discount: a stable hash of its id, 0 .. discountLimits.dueShards - 1. */
export function discountDueShardOf(discountId: string): number {
  return createHash("sha256").update(`discount\n${discountId}`, "utf8").digest().readUInt32BE(0) % discountLimits.dueShards;
}

/** The embeddable dashboard's credentials (docs/widget.md), apart from `keys` so that the redirect's small bundle does not carry them. */
export const widgetKeys = {
  /** AP45: a widget token by the SHA-256 of its secret: put once when minted, exchanged once (conditional update); TTL at its expiry. */
  token: (tokenHash: string): TableKey => ({ pk: `${partitionKeyPrefixes.widgetToken}${tokenHash}`, sk: "WIDGET_TOKEN" }),
  /** AP46: a widget session by the SHA-256 of its bearer, read by the request authorizer on every request; TTL at its expiry. */
  session: (sessionHash: string): TableKey => ({ pk: `${partitionKeyPrefixes.widgetSession}${sessionHash}`, sk: "WIDGET_SESSION" }),
} as const;

/** The index that lists unsent outboxes (AP24). */
export const unsentOutboxIndex: IndexName = "gsi2";

/** The index that lists the operator's ledger (AP35). */
export const operatorLedgerIndex: IndexName = "gsi3";

/**
 * The operator's ledger keys, apart from `keys` so that functions which never post or list transfers
 * (the redirect's small bundle) do not carry them.
 */
export const operatorLedgerKeys = {
  /**
   * AP35 via gsi3 (sparse): transfers with an operator side, by posting time, in one of the operator
   * account's shards (`limits.operatorAccountShards`, the shard of the transfer's operator account item);
   * the operator's ledger merges the shards. Only the copy under the first customer account carries it.
   */
  transfer: (currency: string, shard: number, postedAt: string, transferId: string) => ({
    gsi3pk: `OPERATOR_LEDGER#${currency}#${shard}`,
    gsi3sk: `TRANSFER#${postedAt}#${transferId}`,
  }),
  partition: (currency: string, shard: number) => `OPERATOR_LEDGER#${currency}#${shard}`,
  /** What an operator ledger cursor is bound to: the currency's listing (all of its shards). */
  listing: (currency: string) => `OPERATOR_LEDGER#${currency}`,
} as const;

/**
 * The unsent-outbox keys, apart from `keys` so that functions which never write an outbox (the
 * redirect's small bundle) do not carry them.
 */
export const outboxKeys = {
  /**
   * AP24 via gsi2 (sparse): a source event whose outbox is not confirmed sent, by commit time. Written
   * with the outbox in the effect's transaction and removed when the send is confirmed, so the index
   * holds only unsent outboxes; the relay queries each shard for those older than its grace period.
   */
  unsentOutbox: (eventId: string, committedAt: string) => ({
    gsi2pk: `OUTBOX#${outboxShardOf(eventId)}`,
    gsi2sk: `${committedAt}#${eventId}`,
  }),
  partition: (shard: number) => `OUTBOX#${shard}`,
} as const;

/** The index shard of an event's outbox: a stable hash of the event id, 0 .. outboxRelayLimits.shards - 1. */
export function outboxShardOf(eventId: string): number {
  return createHash("sha256").update(eventId, "utf8").digest().readUInt32BE(0) % outboxRelayLimits.shards;
}

/** The settlement shard of an account (its index partition and its progress counter): a stable hash of the id, 0 .. settlementLimits.shards - 1. */
export function settlementShardOf(accountId: string): number {
  return createHash("sha256").update(`settlement\n${accountId}`, "utf8").digest().readUInt32BE(0) % settlementLimits.shards;
}

/** Every access pattern of the product and what serves it: the source of docs/data-model.md's table (`npm run docs`). */
export const accessPatterns = [
  { id: "AP1", name: "Read the operator configuration", servedBy: "GetItem `OPERATOR` / `CONFIG`" },
  { id: "AP2", name: "Read an account's profile", servedBy: "GetItem `ACCOUNT#id` / `PROFILE`" },
  { id: "AP3", name: "Find an account's referral code in a program", servedBy: "GetItem `ACCOUNT#id` / `LINK#program`" },
  {
    id: "AP4",
    name: "Resolve a referral code (redirect, code entry, stats)",
    servedBy: "GetItem `CODE#code` / `CODE` (cached 30 s on warm containers)",
  },
  { id: "AP5", name: "Clicks on a code per day", servedBy: "Query `CODE#code`, sk between `CLICKS#from` and `CLICKS#to`" },
  {
    id: "AP6",
    name: "Was this visitor's click on this code counted in the last 24 h",
    servedBy: "conditional Put `VISITOR#code#hash` / `VISITOR` (the counted click itself; the stream adds it to the counters)",
  },
  {
    id: "AP7",
    name: "The referral of a referee",
    servedBy: "GetItem `ACCOUNT#referee` / `REFERRAL`; a batch of billing events: one BatchGetItem of its referees",
  },
  {
    id: "AP8",
    name: "Referrals of a referrer, newest first",
    servedBy: "Query gsi1 `REFERRER#id`, ScanIndexForward false (then BatchGetItem of the page's profiles)",
  },
  {
    id: "AP9",
    name: "Ledger of a customer account (the transfers touching its ledger accounts), newest first",
    servedBy: "Query `ACCOUNT#id`, sk begins_with `TRANSFER#`, ScanIndexForward false",
  },
  { id: "AP10", name: "Ledger of a customer account in a period", servedBy: "Query gsi1 `LEDGER#id#period`, sk begins_with `TRANSFER#`" },
  {
    id: "AP11",
    name: "Ledger accounts (balances) of a customer account",
    servedBy: "Query `ACCOUNT#id`, sk begins_with `LEDGER_ACCOUNT#`",
  },
  { id: "AP12", name: "Has this source event had its effect", servedBy: "conditional Put `EVENT#id` in the effect's own transaction" },
  { id: "AP13", name: "What an invoice earned and how much was clawed back", servedBy: "GetItem `INVOICE#id` / `INVOICE`" },
  {
    id: "AP14",
    name: "Events waiting for an invoice",
    servedBy: "Query `INVOICE#id`, sk begins_with `PARKED#`, when the invoice's reward Put found the awaited mark (or on a redelivery)",
  },
  {
    id: "AP15",
    name: "Commission accrued by an account in a period",
    servedBy: "GetItem `ACCOUNT#id` / `ACCRUAL#program#period#currency`",
  },
  {
    id: "AP16",
    name: "Accounts to settle in a program and period",
    servedBy: "Query gsi2 `SETTLE#program#period#0..15`, one page per work item (sharded: every commission rewrites its entry)",
  },
  { id: "AP17", name: "What a recharge earned and how much was charged back", servedBy: "GetItem `RECHARGE#id` / `RECHARGE`" },
  {
    id: "AP18",
    name: "Events waiting for a recharge",
    servedBy: "Query `RECHARGE#id`, sk begins_with `PARKED#`, when the recharge's reward Put found the awaited mark (or on a redelivery)",
  },
  {
    id: "AP19",
    name: "Was this refund or chargeback applied, and by which event",
    servedBy: "GetItem `REFUND#id` / `REFUND` or `CHARGEBACK#id` / `CHARGEBACK`",
  },
  {
    id: "AP20",
    name: "Balance of an operator ledger account",
    servedBy: "BatchGetItem of its 16 shards `OPERATOR#LEDGER_ACCOUNT#kind#currency#0..15`",
  },
  { id: "AP21", name: "State of a two-phase transfer", servedBy: "GetItem `ACCOUNT#id` / `RESERVATION#transferId`" },
  {
    id: "AP22",
    name: "Was this refund or chargeback applied (under any event id)",
    servedBy: "conditional Put `REFUND#id` / `REFUND` or `CHARGEBACK#id` / `CHARGEBACK` in the clawback's transaction",
  },
  {
    id: "AP23",
    name: "A referee's months-N rewards paid at or after a time",
    servedBy: "Query `REWARD_WINDOW#referee`, sk between `IN_WINDOW#kind#time` and the prefix's end",
  },
  {
    id: "AP24",
    name: "Outboxes not confirmed sent, older than a grace period",
    servedBy: "Query gsi2 `OUTBOX#0..7`, sk < cutoff (sparse: only unsent outboxes carry the key)",
  },
  {
    id: "AP25",
    name: "The payer and administrator of a service at a time",
    servedBy: "Query `SERVICE#id`, sk between `PAYER#` and the end of `PAYER#time#`, newest first, Limit 1",
  },
  {
    id: "AP26",
    name: "How far the click aggregator has applied a stream shard",
    servedBy: "GetItem `STREAM#shard` / `CLICK_CHECKPOINT`, conditionally updated in each counter transaction",
  },
  {
    id: "AP27",
    name: "A partner's individual commission rate in a program",
    servedBy: "GetItem `COMMISSION_RATE#id` / `PROGRAM#program` (read with the accrual in one BatchGetItem at settlement)",
  },
  { id: "AP28", name: "A settlement run of a program's period", servedBy: "GetItem `SETTLEMENT#program#period` / `RUN`" },
  {
    id: "AP29",
    name: "The progress of a settlement run",
    servedBy: "BatchGetItem `SETTLEMENT#program#period#0..15` / `PROGRESS` (summed)",
  },
  {
    id: "AP30",
    name: "Accounts whose settlement failed, with the reason",
    servedBy: "Query `SETTLEMENT#program#period#shard`, sk begins_with `FAILED#`",
  },
  {
    id: "AP31",
    name: "The referral contract an account has on file in a program",
    servedBy: "GetItem `ACCOUNT#id` / `CONTRACT#program` (ConditionCheck `status = active` in a withdrawal's transaction)",
  },
  { id: "AP32", name: "A withdrawal by its id", servedBy: "GetItem `WITHDRAWAL#id` / `WITHDRAWAL`" },
  {
    id: "AP33",
    name: "Withdrawals in a status (requested, paid, failed), oldest request first",
    servedBy: "Query gsi1 `WITHDRAWALS#status`, ScanIndexForward true",
  },
  {
    id: "AP34",
    name: "Is a withdrawal open for an account, program and currency",
    servedBy: "GetItem `ACCOUNT#id` / `WITHDRAWAL_SLOT#program#currency` (set on condition none is open, in the withdrawal's transaction)",
  },
  {
    id: "AP35",
    name: "Ledger of the operator's ledger accounts in a currency, newest first",
    servedBy: "Query gsi3 `OPERATOR_LEDGER#currency#0..15` (sparse), ScanIndexForward false, the 16 pages merged by sort key",
  },
  {
    id: "AP36",
    name: "An account's period accruals in a program from a period on (statements)",
    servedBy: "Query `ACCOUNT#id`, sk between `ACCRUAL#program#period#` and the end of `ACCRUAL#program#`",
  },
  {
    id: "AP37",
    name: "An account's two-phase transfers (withdrawals, for statements)",
    servedBy:
      "Query `ACCOUNT#id`, sk begins_with `RESERVATION#`, then BatchGetItem of their transfers `ACCOUNT#id` / `TRANSFER#postedAt#id`",
  },
  {
    id: "AP38",
    name: "A settled period's transfers from its settlement on (statements)",
    servedBy: "Query gsi1 `LEDGER#id#period`, sk >= `TRANSFER#<settledAt − 60 s>`",
  },
  {
    id: "AP39",
    name: "Attempts of an account or address in a window (code entry, invites)",
    servedBy: "conditional UpdateItem `ATTEMPTS#kind#subject#window` / `ATTEMPTS` (ADD below the limit; TTL)",
  },
  {
    id: "AP40",
    name: "Was this recipient invited in the last 7 days (by anyone)",
    servedBy: "conditional Put `INVITE#recipientHash` / `INVITE`, GetItem when refused (TTL)",
  },
  {
    id: "AP41",
    name: "An account's current discount in a program and role (referee, referrer)",
    servedBy:
      "BatchGetItem `ACCOUNT#id` / `DISCOUNT#program#role` (the referral's two parties, with the referee's profile); GetItem, consistent (the daily run)",
  },
  {
    id: "AP42",
    name: "Every discount of an account (a quote, GET discounts)",
    servedBy: `Query \`ACCOUNT#id\`, sk begins_with \`DISCOUNT#\` (a quote: one per distinct payer of its lines, at most ${discountLimits.quotePayerQueriesInFlight} in flight)`,
  },
  {
    id: "AP43",
    name: "An account's discount history, newest first (GET discounts)",
    servedBy: "Query `ACCOUNT#id`, sk begins_with `DISCOUNT_HISTORY#`, ScanIndexForward false (one program's: filter on `programId`)",
  },
  {
    id: "AP44",
    name: "Discounts whose start or end day has come (the daily schedule, with catch-up)",
    servedBy: "Query gsi1 `DISCOUNTS_DUE#0..15`, sk up to the end of `<day>#` (sparse: only scheduled and active discounts carry the key)",
  },
  {
    id: "AP45",
    name: "A widget token, to exchange it once for a session",
    servedBy:
      "GetItem `WIDGET_TOKEN#sha256` / `WIDGET_TOKEN`, then one transaction: Update it on condition it was never exchanged and Put the session (TTL)",
  },
  {
    id: "AP46",
    name: "The widget session of a bearer (the request authorizer, every widget request)",
    servedBy: "GetItem `WIDGET_SESSION#sha256` / `WIDGET_SESSION`, strongly consistent (TTL)",
  },
  {
    id: "AP47",
    name: "A partner's deposit settings and balance (enabled, currency; the deposit ledger account)",
    servedBy:
      "GetItem `ACCOUNT#id` / `DEPOSIT`, then GetItem `ACCOUNT#id` / `LEDGER_ACCOUNT#deposit#<currency>` (reads only; a debit reads the settings alone)",
  },
  {
    id: "AP48",
    name: "A deposit's movements, newest first (top-ups and debits)",
    servedBy: "Query `ACCOUNT#id`, sk begins_with `TRANSFER#` (AP9) filtered to the codes deposit_top_up and deposit_debit",
  },
  {
    id: "AP49",
    name: "Was this top-up credited already (under any event id)",
    servedBy: "the top-up's conditional put `EVENT#deposit-top-up:<topUpId>` / `DEPOSIT_TOP_UP` in its transaction; GetItem on a lost race",
  },
  // Numbered from 70 on: other work in flight numbers its own from 45 (the list need not be gapless, only in order).
  { id: "AP60", name: "A partner application by its id", servedBy: "GetItem `PARTNER_APPLICATION#id` / `APPLICATION`" },
  {
    id: "AP61",
    name: "A program's partner applications in a status (submitted, approved, rejected), oldest first",
    servedBy: "Query gsi1 `PARTNER_APPLICATIONS#program#status`, ScanIndexForward true",
  },
  {
    id: "AP62",
    name: "An account's membership of a partner program (is it an approved partner, is an application open)",
    servedBy:
      "GetItem `ACCOUNT#id` / `PARTNER#program` (put on condition it is still as read, in the application's or decision's transaction)",
  },
  {
    id: "AP63",
    name: "The accounts that applied with a registration id (the duplicate flag)",
    servedBy: `Query \`PARTNER_REGISTRATION#registrationId\`, Limit ${partnerLimits.registrationAccountsListedMax + 1} (one per distinct registration id of a page, at most ${partnerLimits.registrationQueriesInFlight} in flight)`,
  },
  {
    id: "AP70",
    name: "A manager consent by its token (presenting it links the client once)",
    servedBy:
      "GetItem `CONSENT#sha256(token)` / `CONSENT`, consistent; marked used by a conditional Update in the link's transaction (TTL)",
  },
  {
    id: "AP71",
    name: "Is this account an active manager of that client (a manager's access check)",
    servedBy: "GetItem `MANAGEMENT#client` / `MANAGER#manager`, consistent (`status = active`)",
  },
  {
    id: "AP72",
    name: "A manager's client accounts (GET managed-accounts)",
    servedBy: "Query `MANAGEMENT#manager`, sk begins_with `CLIENT#`",
  },
  {
    id: "AP73",
    name: "A client's managers (GET managers; does an invite come from a managed account)",
    servedBy: "Query `MANAGEMENT#client`, sk begins_with `MANAGER#` (consistent for the invite check)",
  },
  {
    id: "AP74",
    name: "An account's link audit entries, oldest first (operator)",
    servedBy: "Query `MANAGEMENT#account`, sk begins_with `AUDIT#`",
  },
  {
    id: "AP75",
    name: "A partner's level in a program (its rate, a change dated ahead, the last measured figures)",
    servedBy: "GetItem `ACCOUNT#id` / `DISCOUNT#program#partner`, consistent; in a quote, with the payer's discounts in AP42's one Query",
  },
  {
    id: "AP76",
    name: "A partner's level history in a program, newest first",
    servedBy: "Query `ACCOUNT#id`, sk begins_with `PARTNER_LEVEL_HISTORY#program#`, ScanIndexForward false",
  },
  {
    id: "AP77",
    name: "Partner levels whose monthly verification is due on a day or before",
    servedBy: `Query gsi1 \`PARTNER_LEVELS_DUE#0..${partnerLimits.levelDueShards - 1}\`, sk ≤ \`<day>#\\uffff\` (sparse: only levels due carry the key)`,
  },
  {
    id: "AP78",
    name: "The services an account was ever the payer of (a level verification's candidates)",
    servedBy: "Query `ACCOUNT#id`, sk begins_with `PAID_SERVICE#`",
  },
  {
    id: "AP79",
    name: "A service's whole history: payer changes and lifecycle (activated, cancelled)",
    servedBy: `Query \`SERVICE#id\` (one page: a service's changes are few), at most ${partnerLimits.serviceHistoryQueriesInFlight} in flight`,
  },
  {
    id: "AP80",
    name: "An account's accruals of the open period in a program (its commission rate now)",
    servedBy: "Query `ACCOUNT#id`, sk begins_with `ACCRUAL#program#period#` (one item per currency), beside GetItem AP27",
  },
  {
    id: "AP81",
    name: "What an invoice paid by an approved partner counts toward its paid revenue (or reversals that came first)",
    servedBy: "GetItem `INVOICE#id` / `PARTNER_REVENUE` (consistent), put on condition of its revision",
  },
  {
    id: "AP82",
    name: "A partner's paid revenue over the 12 months before a verification",
    servedBy:
      "Query `ACCOUNT#id`, sk between `PAID_REVENUE#<first month>#` and `PAID_REVENUE#<last month>#~` (one item per month and currency)",
  },
  {
    id: "AP83",
    name: "Has this refund or chargeback been taken off a partner's paid revenue",
    servedBy: "conditional Put `REFUND#id` / `PARTNER_REVENUE` (or `CHARGEBACK#id`) in the reversal's transaction",
  },
] as const;
