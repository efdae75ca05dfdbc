/**
 * Referral links, codes, click statistics and referrals in the single table (AP2, AP3, AP5, AP7). Each
 * change is one TransactWriteItems whose conditions make it race-safe and idempotent:
 *
 * - a link is created once per account and program (link item and code item written together, both
 *   conditioned on not existing);
 * - a referral is created once per referee (first wins), in the same request as the sign-up counter.
 *
 * Resolving a code and counting a click, the redirect's hot path, are in shared/data/click-store.ts.
 *
 * Item shapes: shared/schemas/items.ts. Keys: shared/data/keys.ts.
 */
import { BatchGetCommand, GetCommand, QueryCommand, TransactWriteCommand, type TransactWriteCommandInput } from "@aws-sdk/lib-dynamodb";
import type { Clock } from "../domain/clock.ts";
import { cryptoRandomBytes, generateReferralCode, type RandomBytes } from "../domain/referral-code.ts";
import { DomainError, TransientError } from "../errors.ts";
import { limits } from "../limits.ts";
import { type ReferralCodeItem, type ReferralItem, referralCodeItemSchema, referralItemSchema } from "../schemas/items.ts";
import { cancellationCodesOf } from "./aws-errors.ts";
import { backoff } from "./backoff.ts";
import { keys } from "./keys.ts";
import type { TableContext } from "./table-context.ts";

type TransactItem = NonNullable<TransactWriteCommandInput["TransactItems"]>[number];

export interface ReferralLink {
  readonly accountId: string;
  readonly programId: string;
  readonly code: string;
  readonly createdAt: string;
}

export interface ReferralStats {
  /** The code item with its all-time counters; undefined only if the code vanished. */
  readonly code: ReferralCodeItem | undefined;
  /** Counted clicks by operator-local day (YYYY-MM-DD), for days from `fromDay` on that had any. */
  readonly clicksByDay: ReadonlyMap<string, number>;
}

/** Hashed identifiers of an account, for the self-referral rule. */
export interface AccountFingerprints {
  readonly emailHash?: string | undefined;
  readonly paymentFingerprintHash?: string | undefined;
}

export interface AttributionState {
  readonly existingReferral: ReferralItem | undefined;
  readonly referee: AccountFingerprints;
  /** The referee's registration time from account.registered (its account profile), when one arrived. */
  readonly refereeRegisteredAt: string | undefined;
  readonly referrer: AccountFingerprints;
}

export interface ReferralStore {
  /** The account's link in the program, created on first use. Concurrent first calls end with one code. */
  ensureReferralLink(accountId: string, programId: string): Promise<{ readonly link: ReferralLink; readonly created: boolean }>;
  /** What an attribution must know before it writes: an existing referral, both parties' fingerprints, the referee's registration time. One request. */
  readAttributionState(refereeAccountId: string, referrerAccountId: string): Promise<AttributionState>;
  /**
   * Creates the referral and counts the sign-up on its code, or returns the referral that already exists
   * (first wins; then nothing changes). Throws referral_code_unknown when the code is not active.
   */
  createAttribution(attribution: {
    readonly referral: ReferralItem;
    readonly refereeFingerprints: AccountFingerprints;
  }): Promise<{ readonly referral: ReferralItem; readonly created: boolean }>;
  /** The code's counters and its clicks per day from `fromDay` on, in one Query. */
  readStats(code: string, fromDay: string): Promise<ReferralStats>;
}

export interface ReferralStoreOptions {
  readonly randomBytes?: RandomBytes;
}

// ---------- named conditions ----------

/** The item is new: a link, a code, a referral are each written once. */
const itemIsNew = "attribute_not_exists(pk)";
/** Sign-ups only count on an active code. */
const codeIsActive = "attribute_exists(pk) AND #status = :active";

function linkFromItem(item: Record<string, unknown>): ReferralLink {
  return {
    accountId: String(item.accountId),
    programId: String(item.programId),
    code: String(item.code),
    createdAt: String(item.createdAt),
  };
}

function fingerprintsFromItem(item: Record<string, unknown> | undefined): AccountFingerprints {
  return {
    emailHash: typeof item?.emailHash === "string" ? item.emailHash : undefined,
    paymentFingerprintHash: typeof item?.paymentFingerprintHash === "string" ? item.paymentFingerprintHash : undefined,
  };
}

export function createReferralStore(table: TableContext, clock: Clock, options: ReferralStoreOptions = {}): ReferralStore {
  const { documentClient, tableName } = table;
  const randomBytes = options.randomBytes ?? cryptoRandomBytes;

  async function readLink(accountId: string, programId: string): Promise<ReferralLink | undefined> {
    const result = await documentClient.send(
      new GetCommand({ TableName: tableName, Key: keys.accountLink(accountId, programId), ConsistentRead: true }),
    );
    return result.Item ? linkFromItem(result.Item) : undefined;
  }

  async function readReferral(refereeAccountId: string): Promise<ReferralItem | undefined> {
    const result = await documentClient.send(
      new GetCommand({ TableName: tableName, Key: keys.referral(refereeAccountId), ConsistentRead: true }),
    );
    return result.Item ? referralItemSchema.parse(result.Item) : undefined;
  }

  return {
    async ensureReferralLink(accountId, programId) {
      let codeCollisions = 0;
      for (let attempt = 0; attempt < limits.referralCodeAttemptsMax + limits.optimisticRetriesMax; attempt += 1) {
        const existing = await readLink(accountId, programId);
        if (existing) return { link: existing, created: false };

        const link: ReferralLink = { accountId, programId, code: generateReferralCode(randomBytes), createdAt: clock.now().toISOString() };
        const codeItem: ReferralCodeItem = {
          code: link.code,
          accountId,
          programId,
          status: "active",
          createdAt: link.createdAt,
          clickCount: 0,
          signupCount: 0,
          customerCount: 0,
        };
        try {
          await documentClient.send(
            new TransactWriteCommand({
              TransactItems: [
                {
                  Put: {
                    TableName: tableName,
                    Item: { ...keys.accountLink(accountId, programId), entityType: "ReferralLink", ...link },
                    ConditionExpression: itemIsNew,
                  },
                },
                {
                  Put: {
                    TableName: tableName,
                    Item: { ...keys.referralCode(link.code), entityType: "ReferralCode", ...codeItem },
                    ConditionExpression: itemIsNew,
                  },
                },
              ],
            }),
          );
          return { link, created: true };
        } catch (error) {
          const reasons = cancellationCodesOf(error);
          if (!reasons) throw error;
          if (reasons[0] === "ConditionalCheckFailed") continue; // another request created the link: read it on the next turn
          if (reasons[1] === "ConditionalCheckFailed") {
            codeCollisions += 1; // the random code is taken by another account: draw again
            if (codeCollisions >= limits.referralCodeAttemptsMax)
              throw new TransientError(`no free referral code after ${codeCollisions} attempts`);
            continue;
          }
          await backoff(attempt); // TransactionConflict: a concurrent first request is writing the same link
        }
      }
      throw new TransientError("could not create the referral link: too much contention");
    },

    async readAttributionState(refereeAccountId, referrerAccountId) {
      const requested = [keys.referral(refereeAccountId), keys.accountProfile(refereeAccountId)];
      if (referrerAccountId !== refereeAccountId) requested.push(keys.accountProfile(referrerAccountId));
      const found = new Map<string, Record<string, unknown>>();
      let pending: Record<string, unknown>[] = requested.map((key) => ({ ...key }));
      for (let attempt = 0; pending.length > 0; attempt += 1) {
        if (attempt > limits.optimisticRetriesMax) throw new TransientError("could not read the attribution state: unprocessed keys");
        if (attempt > 0) await backoff(attempt);
        const result = await documentClient.send(
          new BatchGetCommand({ RequestItems: { [tableName]: { Keys: pending, ConsistentRead: true } } }),
        );
        for (const item of result.Responses?.[tableName] ?? []) found.set(`${String(item.pk)}|${String(item.sk)}`, item);
        pending = (result.UnprocessedKeys?.[tableName]?.Keys as Record<string, unknown>[] | undefined) ?? [];
      }
      const lookup = (key: { pk: string; sk: string }) => found.get(`${key.pk}|${key.sk}`);
      const referralItem = lookup(keys.referral(refereeAccountId));
      const refereeProfile = lookup(keys.accountProfile(refereeAccountId));
      return {
        existingReferral: referralItem ? referralItemSchema.parse(referralItem) : undefined,
        referee: fingerprintsFromItem(refereeProfile),
        refereeRegisteredAt: typeof refereeProfile?.registeredAt === "string" ? refereeProfile.registeredAt : undefined,
        referrer: fingerprintsFromItem(lookup(keys.accountProfile(referrerAccountId))),
      };
    },

    async createAttribution({ referral, refereeFingerprints }) {
      const transactItems: TransactItem[] = [
        {
          Put: {
            TableName: tableName,
            Item: {
              ...keys.referral(referral.refereeAccountId),
              ...keys.referralByReferrer(referral.referrerAccountId, referral.attributedAt, referral.refereeAccountId),
              entityType: "Referral",
              ...referral,
            },
            ConditionExpression: itemIsNew,
          },
        },
        {
          Update: {
            TableName: tableName,
            Key: keys.referralCode(referral.code),
            UpdateExpression: "ADD signupCount :one",
            ConditionExpression: codeIsActive,
            ExpressionAttributeNames: { "#status": "status" },
            ExpressionAttributeValues: { ":one": 1, ":active": "active" },
          },
        },
      ];
      const profileAssignments: string[] = [];
      const profileValues: Record<string, unknown> = {};
      if (refereeFingerprints.emailHash) {
        profileAssignments.push("emailHash = :emailHash");
        profileValues[":emailHash"] = refereeFingerprints.emailHash;
      }
      if (refereeFingerprints.paymentFingerprintHash) {
        profileAssignments.push("paymentFingerprintHash = :paymentFingerprintHash");
        profileValues[":paymentFingerprintHash"] = refereeFingerprints.paymentFingerprintHash;
      }
      if (profileAssignments.length > 0) {
        transactItems.push({
          Update: {
            TableName: tableName,
            Key: keys.accountProfile(referral.refereeAccountId),
            // SET only our attributes: the profile's other attributes (registration, promo end) belong to the billing events.
            UpdateExpression: `SET entityType = if_not_exists(entityType, :entityType), accountId = :accountId, ${profileAssignments.join(", ")}`,
            ExpressionAttributeValues: { ":entityType": "AccountProfile", ":accountId": referral.refereeAccountId, ...profileValues },
          },
        });
      }

      for (let attempt = 0; attempt <= limits.optimisticRetriesMax; attempt += 1) {
        try {
          await documentClient.send(new TransactWriteCommand({ TransactItems: transactItems }));
          return { referral, created: true };
        } catch (error) {
          const reasons = cancellationCodesOf(error);
          if (!reasons) throw error;
          if (reasons[0] === "ConditionalCheckFailed") {
            const existing = await readReferral(referral.refereeAccountId);
            if (existing) return { referral: existing, created: false };
            continue; // cannot happen (referrals are never deleted); retry to be safe
          }
          if (reasons[1] === "ConditionalCheckFailed")
            throw new DomainError("referral_code_unknown", `referral code ${referral.code} is not active`);
          await backoff(attempt); // TransactionConflict: a concurrent attribution of the same referee or on the same code
        }
      }
      throw new TransientError("could not create the referral: too much contention");
    },

    async readStats(code, fromDay) {
      // One Query: sk "CLICKS#<day>" sorts before "CODE", so the range holds the days from fromDay on and the code item.
      const result = await documentClient.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: "pk = :pk AND sk BETWEEN :from AND :to",
          ExpressionAttributeValues: {
            ":pk": keys.referralCode(code).pk,
            ":from": keys.dailyClicks(code, fromDay).sk,
            ":to": keys.referralCode(code).sk,
          },
          ConsistentRead: true,
        }),
      );
      let codeItem: ReferralCodeItem | undefined;
      const clicksByDay = new Map<string, number>();
      for (const item of result.Items ?? []) {
        if (item.sk === keys.referralCode(code).sk) codeItem = referralCodeItemSchema.parse(item);
        else if (typeof item.sk === "string" && item.sk.startsWith(keys.dailyClicksPrefix))
          clicksByDay.set(item.sk.slice(keys.dailyClicksPrefix.length), Number(item.clickCount ?? 0));
      }
      return { code: codeItem, clicksByDay };
    },
  };
}
