/**
 * Referral links, codes, click statistics and referrals in the single table (AP2, AP3, AP5, AP7). Each
 * change is one TransactWriteItems whose conditions make it race-safe and idempotent:
 *
 * - a link is created once per account and program (link item and code item written together, both
 *   conditioned on not existing);
 * - a referral is created once per referee (first wins), in the same request as the sign-up counter;
 * - an invite code entered after sign-up replaces a referral by link only as it was read (by link,
 *   active, no payment counted on it), moving the sign-up from the link's code to the invite code.
 *
 * A lost race is reported, never retried here: a `WriteConflictError` (shared/data/write-conflicts.ts)
 * names what lost, and the use case reads again and decides (shared/use-cases/conflict-retries.ts).
 *
 * Resolving a code and counting a click, the redirect's hot path, are in shared/data/click-store.ts.
 *
 * Item shapes: shared/schemas/items.ts. Keys: shared/data/keys.ts.
 */
import { GetCommand, QueryCommand, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import { DomainError, TransientError } from "../errors.ts";
import { type ReferralCodeItem, type ReferralItem, referralCodeItemSchema, referralItemSchema } from "../schemas/items.ts";
import { cancellationCodesOf, transientCancellationCodes } from "./aws-errors.ts";
import { batchGetAll } from "./batch-get.ts";
import { keys, partitionKeyPrefixes } from "./keys.ts";
import { decodeIndexCursor, encodeCursor } from "./page-cursor.ts";
import type { TableContext } from "./table-context.ts";
import { heldWrites, type LabelledWrite, WriteConflictError } from "./write-conflicts.ts";

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
  /** The referee's promotion end from account.registered, when it carried one. */
  readonly refereePromoEndsAt: string | undefined;
  readonly referrer: AccountFingerprints;
}

export interface NewAttribution {
  readonly referral: ReferralItem;
  readonly refereeFingerprints: AccountFingerprints;
  /** The referral by link an invite code replaces, exactly as read; absent: the referee has no referral yet. */
  readonly replacing?: ReferralItem | undefined;
}

export interface ReferralStore {
  /** The account's link in the program, if it has one (consistent read). */
  readReferralLink(accountId: string, programId: string): Promise<ReferralLink | undefined>;
  /**
   * Creates the link and its code item, both on condition they are new. A lost race is a
   * WriteConflictError: `referralLink` when the account's link was created meanwhile (read it),
   * `referralCode` when the code is another account's (draw another).
   */
  createReferralLink(link: ReferralLink): Promise<void>;
  /** What an attribution must know before it writes: an existing referral, both parties' fingerprints, the referee's registration time. One request. */
  readAttributionState(refereeAccountId: string, referrerAccountId: string): Promise<AttributionState>;
  /**
   * Creates the referral and counts the sign-up on its code, in one transaction; with `replacing`, puts
   * it over that referral by link (on condition it is still as read: by link, active, no payment counted)
   * and moves the sign-up from the link's code to the new one. A WriteConflictError `referral` when the
   * referee's referral changed meanwhile (read it again), or naming the items another transaction held;
   * referral_code_unknown when the code is not active (nothing is written).
   */
  createAttribution(attribution: NewAttribution): Promise<void>;
  /** The code's counters and its clicks per day from `fromDay` on, in one Query. */
  readStats(code: string, fromDay: string): Promise<ReferralStats>;
  /**
   * AP8: a page of the referrer's referrals, newest first (one Query of gsi1), each with its referee's
   * display name from the profile (one BatchGetItem of the page's profiles).
   */
  listReferralsOf(referrerAccountId: string, page: { readonly limit: number; readonly cursor?: string | undefined }): Promise<ReferralPage>;
}

export interface ReferralPage {
  readonly referrals: readonly { readonly referral: ReferralItem; readonly displayName?: string | undefined }[];
  readonly nextCursor?: string;
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

/**
 * A referral by link may be replaced by an invite code only as it was read: still by link, active, with
 * no payment counted (a payment since may have rewarded the link's referrer), the same referrer and code.
 */
function linkReferralAsRead(read: ReferralItem) {
  return {
    ConditionExpression:
      "#source = :link AND #status = :active AND attribute_not_exists(firstPaymentAt) AND referrerAccountId = :readReferrer AND code = :readCode",
    ExpressionAttributeNames: { "#source": "source", "#status": "status" },
    ExpressionAttributeValues: { ":link": "link", ":active": "active", ":readReferrer": read.referrerAccountId, ":readCode": read.code },
  };
}

function fingerprintsFromItem(item: Record<string, unknown> | undefined): AccountFingerprints {
  return {
    emailHash: typeof item?.emailHash === "string" ? item.emailHash : undefined,
    paymentFingerprintHash: typeof item?.paymentFingerprintHash === "string" ? item.paymentFingerprintHash : undefined,
  };
}

export function createReferralStore(table: TableContext): ReferralStore {
  const { documentClient, tableName } = table;

  /** Sends a transaction; a cancellation becomes a WriteConflictError naming what lost, or `refused` for a condition no re-read changes. */
  async function commit(writes: readonly LabelledWrite[], refused: (failed: readonly LabelledWrite[]) => Error | undefined): Promise<void> {
    try {
      await documentClient.send(new TransactWriteCommand({ TransactItems: writes.map((write) => write.item) }));
    } catch (error) {
      const codes = cancellationCodesOf(error);
      if (!codes) throw error;
      const failed = writes.filter((_, index) => codes[index] === "ConditionalCheckFailed");
      const refusal = refused(failed);
      if (refusal) throw refusal;
      if (failed.length > 0) throw new WriteConflictError(failed.map((write) => write.label));
      const held = heldWrites(writes, codes);
      if (held.length > 0) throw new WriteConflictError(held);
      if (codes.some((code) => transientCancellationCodes.has(code)))
        throw new TransientError(`transaction cancelled: ${codes.join(", ")}`, { cause: error });
      throw error;
    }
  }

  return {
    async readReferralLink(accountId, programId) {
      const result = await documentClient.send(
        new GetCommand({ TableName: tableName, Key: keys.accountLink(accountId, programId), ConsistentRead: true }),
      );
      return result.Item ? linkFromItem(result.Item) : undefined;
    },

    async createReferralLink(link) {
      const codeItem: ReferralCodeItem = {
        code: link.code,
        accountId: link.accountId,
        programId: link.programId,
        status: "active",
        createdAt: link.createdAt,
        clickCount: 0,
        signupCount: 0,
        customerCount: 0,
      };
      await commit(
        [
          {
            label: "referralLink",
            item: {
              Put: {
                TableName: tableName,
                Item: { ...keys.accountLink(link.accountId, link.programId), entityType: "ReferralLink", ...link },
                ConditionExpression: itemIsNew,
              },
            },
          },
          {
            label: `referralCode:${link.code}`,
            item: {
              Put: {
                TableName: tableName,
                Item: { ...keys.referralCode(link.code), entityType: "ReferralCode", ...codeItem },
                ConditionExpression: itemIsNew,
              },
            },
          },
        ],
        () => undefined,
      );
    },

    async readAttributionState(refereeAccountId, referrerAccountId) {
      const requested = [keys.referral(refereeAccountId), keys.accountProfile(refereeAccountId)];
      if (referrerAccountId !== refereeAccountId) requested.push(keys.accountProfile(referrerAccountId));
      const found = new Map<string, Record<string, unknown>>();
      for (const item of await batchGetAll(table, requested, "attribution state")) found.set(`${String(item.pk)}|${String(item.sk)}`, item);
      const lookup = (key: { pk: string; sk: string }) => found.get(`${key.pk}|${key.sk}`);
      const referralItem = lookup(keys.referral(refereeAccountId));
      const refereeProfile = lookup(keys.accountProfile(refereeAccountId));
      return {
        existingReferral: referralItem ? referralItemSchema.parse(referralItem) : undefined,
        referee: fingerprintsFromItem(refereeProfile),
        refereeRegisteredAt: typeof refereeProfile?.registeredAt === "string" ? refereeProfile.registeredAt : undefined,
        refereePromoEndsAt: typeof refereeProfile?.promoEndsAt === "string" ? refereeProfile.promoEndsAt : undefined,
        referrer: fingerprintsFromItem(lookup(keys.accountProfile(referrerAccountId))),
      };
    },

    async createAttribution({ referral, refereeFingerprints, replacing }) {
      // A code replacing a link of the same code: the sign-up is already counted there (the code must still be active).
      const signups = replacing?.code === referral.code ? 0 : 1;
      const codeCounter: LabelledWrite = {
        label: `codeCounter:${referral.code}`,
        item: {
          Update: {
            TableName: tableName,
            Key: keys.referralCode(referral.code),
            UpdateExpression: "ADD signupCount :signups",
            ConditionExpression: codeIsActive,
            ExpressionAttributeNames: { "#status": "status" },
            ExpressionAttributeValues: { ":signups": signups, ":active": "active" },
          },
        },
      };
      const writes: LabelledWrite[] = [
        {
          label: `referral:${referral.refereeAccountId}`,
          item: {
            Put: {
              TableName: tableName,
              Item: {
                ...keys.referral(referral.refereeAccountId),
                ...keys.referralByReferrer(referral.referrerAccountId, referral.attributedAt, referral.refereeAccountId),
                entityType: "Referral",
                ...referral,
              },
              ...(replacing ? linkReferralAsRead(replacing) : { ConditionExpression: itemIsNew }),
            },
          },
        },
        codeCounter,
      ];
      // The sign-up moves from the link's code to the invite code (the same code: it stays where it is).
      if (replacing && replacing.code !== referral.code) {
        writes.push({
          label: `codeCounter:${replacing.code}`,
          item: {
            Update: {
              TableName: tableName,
              Key: keys.referralCode(replacing.code),
              UpdateExpression: "ADD signupCount :minusOne",
              ConditionExpression: "attribute_exists(pk)",
              ExpressionAttributeValues: { ":minusOne": -1 },
            },
          },
        });
      }
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
        writes.push({
          label: `profile:${referral.refereeAccountId}`,
          item: {
            Update: {
              TableName: tableName,
              Key: keys.accountProfile(referral.refereeAccountId),
              // SET only our attributes: the profile's other attributes (registration, promo end) belong to the billing events.
              UpdateExpression: `SET entityType = if_not_exists(entityType, :entityType), accountId = :accountId, ${profileAssignments.join(", ")}`,
              ExpressionAttributeValues: { ":entityType": "AccountProfile", ":accountId": referral.refereeAccountId, ...profileValues },
            },
          },
        });
      }
      // A referral created meanwhile is a lost race (first wins: the caller reads it); an inactive code is refused.
      await commit(writes, (failed) =>
        failed.includes(codeCounter) && failed.length === 1
          ? new DomainError("referral_code_unknown", `referral code ${referral.code} is not active`)
          : undefined,
      );
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

    async listReferralsOf(referrerAccountId, page) {
      const indexPartition = keys.referralsOfReferrerPartition(referrerAccountId);
      const result = await documentClient.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: "gsi1",
          KeyConditionExpression: "gsi1pk = :partition",
          ExpressionAttributeValues: { ":partition": indexPartition },
          ScanIndexForward: false,
          Limit: page.limit,
          ExclusiveStartKey:
            page.cursor === undefined
              ? undefined
              : decodeIndexCursor(page.cursor, {
                  indexPartition,
                  tablePartitionPrefix: partitionKeyPrefixes.account,
                  sortKey: keys.referral("x").sk,
                }),
        }),
      );
      const referrals = (result.Items ?? []).map((item) => referralItemSchema.parse(item));
      const names = new Map<string, string>();
      if (referrals.length > 0) {
        const profiles = await batchGetAll(
          table,
          referrals.map((referral) => keys.accountProfile(referral.refereeAccountId)),
          "referees' profiles",
        );
        for (const profile of profiles)
          if (typeof profile.displayName === "string") names.set(String(profile.accountId), profile.displayName);
      }
      return {
        referrals: referrals.map((referral) => ({ referral, displayName: names.get(referral.refereeAccountId) })),
        ...(result.LastEvaluatedKey ? { nextCursor: encodeCursor(result.LastEvaluatedKey) } : {}),
      };
    },
  };
}
