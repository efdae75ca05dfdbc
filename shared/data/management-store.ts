/**
 * Manager (agency) links on the table (docs/agencies.md, AP70-AP74): consents by the hash of their
 * token, the two mirror items of each link, and the audit entries, each change in one transaction with
 * its audit entries. Nothing here holds a token or any personal data: account ids, times and ids.
 */
import { GetCommand, QueryCommand, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import {
  type ManagementAuditItem,
  type ManagerConsentItem,
  type ManagerLinkItem,
  managementAuditItemSchema,
  managerConsentItemSchema,
  managerLinkItemSchema,
} from "../schemas/management-items.ts";
import { cancellationCodesOf } from "./aws-errors.ts";
import { managementKeys } from "./keys.ts";
import { decodeCursor, encodeCursor } from "./page-cursor.ts";
import type { TableContext } from "./table-context.ts";
import { type TransactItem, WriteConflictError } from "./write-conflicts.ts";

/** A consent item is deleted by TTL a day after it expires (it is refused from `expiresAt` on, deleted or not). */
const consentRetentionSeconds = 24 * 60 * 60;

export interface Page<T> {
  readonly items: T[];
  readonly nextCursor?: string;
}

const strip = ({ pk: _pk, sk: _sk, entityType: _entityType, expiresAtEpochSeconds: _ttl, ...rest }: Record<string, unknown>) => rest;

export function createManagementStore(table: TableContext) {
  const { documentClient, tableName } = table;

  const auditPuts = (entries: readonly ManagementAuditItem[], accountIds: (entry: ManagementAuditItem) => string[]): TransactItem[] =>
    entries.flatMap((entry) =>
      accountIds(entry).map((accountId) => ({
        Put: {
          TableName: tableName,
          Item: { ...managementKeys.auditEntry(accountId, entry.at, entry.entryId), entityType: "ManagementAudit", ...entry },
          // An audit entry is written once: its id is random, so this only guards against a bug.
          ConditionExpression: "attribute_not_exists(pk)",
        },
      })),
    );

  const linkPuts = (link: ManagerLinkItem): TransactItem[] =>
    [
      managementKeys.managerOfClient(link.clientAccountId, link.managerAccountId),
      managementKeys.clientOfManager(link.managerAccountId, link.clientAccountId),
    ].map((key) => ({ Put: { TableName: tableName, Item: { ...key, entityType: "ManagerLink", ...link } } }));

  async function transact(items: TransactItem[], label: "managerConsent" | "managerLink"): Promise<void> {
    try {
      await documentClient.send(new TransactWriteCommand({ TransactItems: items }));
    } catch (error) {
      // A failed condition (the consent used meanwhile, the link changed) or a transaction holding an item: decide again.
      if (cancellationCodesOf(error) !== undefined) throw new WriteConflictError([label]);
      throw error;
    }
  }

  async function queryPage<T>(
    accountId: string,
    sortKeyPrefix: string,
    schema: { parse: (value: unknown) => T },
    options: { readonly limit: number; readonly cursor?: string | undefined; readonly consistent?: boolean },
  ): Promise<Page<T>> {
    const partition = managementKeys.partition(accountId);
    const result = await documentClient.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
        ExpressionAttributeValues: { ":pk": partition, ":prefix": sortKeyPrefix },
        Limit: options.limit,
        ConsistentRead: options.consistent ?? false,
        ...(options.cursor ? { ExclusiveStartKey: decodeCursor(options.cursor, { partition, sortKeyPrefix }) } : {}),
      }),
    );
    const items = (result.Items ?? []).map((item) => schema.parse(strip(item)));
    return result.LastEvaluatedKey ? { items, nextCursor: encodeCursor(result.LastEvaluatedKey) } : { items };
  }

  return {
    /** AP70: the consent with this token hash, consistent (a consent used a moment ago reads as used). */
    async readConsent(tokenHash: string): Promise<ManagerConsentItem | undefined> {
      const result = await documentClient.send(
        new GetCommand({ TableName: tableName, Key: managementKeys.consent(tokenHash), ConsistentRead: true }),
      );
      return result.Item ? managerConsentItemSchema.parse(strip(result.Item)) : undefined;
    },

    /** Stores a new consent and its audit entry (under the client). */
    async issueConsent(tokenHash: string, consent: ManagerConsentItem, audit: ManagementAuditItem): Promise<void> {
      await transact(
        [
          {
            Put: {
              TableName: tableName,
              Item: {
                ...managementKeys.consent(tokenHash),
                entityType: "ManagerConsent",
                ...consent,
                expiresAtEpochSeconds: Math.ceil(Date.parse(consent.expiresAt) / 1000) + consentRetentionSeconds,
              },
              ConditionExpression: "attribute_not_exists(pk)",
            },
          },
          ...auditPuts([audit], (entry) => [entry.clientAccountId]),
        ],
        "managerConsent",
      );
    },

    /**
     * Uses the consent and links: the consent is marked used on condition it still is not (one-time: of two
     * presentations at once, one commits and the other is a WriteConflictError, then reads it used), is not
     * expired at `usedAt`, and is the one read; both link items are put (a revoked link is linked again) with
     * the audit entry under both accounts.
     */
    async useConsent(tokenHash: string, link: ManagerLinkItem, audit: ManagementAuditItem): Promise<void> {
      await transact(
        [
          {
            Update: {
              TableName: tableName,
              Key: managementKeys.consent(tokenHash),
              UpdateExpression: "SET usedAt = :usedAt, usedByManagerAccountId = :manager",
              // Why: one-time. Unused, not expired (ISO times in UTC compare as strings), and the consent the decision read.
              ConditionExpression:
                "attribute_exists(pk) AND attribute_not_exists(usedAt) AND expiresAt > :usedAt AND consentId = :consentId",
              ExpressionAttributeValues: { ":usedAt": link.linkedAt, ":manager": link.managerAccountId, ":consentId": link.consentId },
            },
          },
          ...linkPuts(link),
          ...auditPuts([audit], (entry) => [entry.clientAccountId, entry.managerAccountId!]),
        ],
        "managerConsent",
      );
    },

    /** AP71: the link of a client to a manager, consistent (a revocation a moment ago is seen). */
    async readLink(clientAccountId: string, managerAccountId: string): Promise<ManagerLinkItem | undefined> {
      const result = await documentClient.send(
        new GetCommand({
          TableName: tableName,
          Key: managementKeys.managerOfClient(clientAccountId, managerAccountId),
          ConsistentRead: true,
        }),
      );
      return result.Item ? managerLinkItemSchema.parse(strip(result.Item)) : undefined;
    },

    /** Writes a revoked link over `read` (on condition both items are still as read) with the audit entry under both accounts. */
    async revokeLink(read: ManagerLinkItem, revoked: ManagerLinkItem, audit: ManagementAuditItem): Promise<void> {
      const condition = {
        // Why: the revocation was decided on this link; a link or revocation that raced is decided again.
        ConditionExpression: "#status = :active AND linkedAt = :linkedAt",
        ExpressionAttributeNames: { "#status": "status" },
        ExpressionAttributeValues: { ":active": "active", ":linkedAt": read.linkedAt },
      };
      await transact(
        [
          ...linkPuts(revoked).map((item) => ({ Put: { ...item.Put!, ...condition } })),
          ...auditPuts([audit], (entry) => [entry.clientAccountId, entry.managerAccountId!]),
        ],
        "managerLink",
      );
    },

    /** AP72: a manager's links to its clients, by client id. */
    listClients(managerAccountId: string, options: { readonly limit: number; readonly cursor?: string | undefined }) {
      return queryPage(managerAccountId, managementKeys.clientsPrefix, managerLinkItemSchema, options);
    },

    /** AP73: a client's links to its managers, by manager id. */
    listManagers(clientAccountId: string, options: { readonly limit: number; readonly cursor?: string | undefined }) {
      return queryPage(clientAccountId, managementKeys.managersPrefix, managerLinkItemSchema, options);
    },

    /** AP73, consistent: whether any manager's link to the client is active (read to the end: a client has few managers). */
    async hasActiveManager(clientAccountId: string): Promise<boolean> {
      let cursor: string | undefined;
      do {
        const page = await queryPage(clientAccountId, managementKeys.managersPrefix, managerLinkItemSchema, {
          limit: 100,
          cursor,
          consistent: true,
        });
        if (page.items.some((link) => link.status === "active")) return true;
        cursor = page.nextCursor;
      } while (cursor !== undefined);
      return false;
    },

    /** AP74: an account's audit entries, oldest first. */
    listAudit(accountId: string, options: { readonly limit: number; readonly cursor?: string | undefined }) {
      return queryPage(accountId, managementKeys.auditPrefix, managementAuditItemSchema, options);
    },
  };
}

export type ManagementStore = ReturnType<typeof createManagementStore>;
