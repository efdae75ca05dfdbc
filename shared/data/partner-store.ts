/**
 * What the partner-application use cases read, and the writes they add to an effect's transaction
 * (ledger-store `commit`): the application (PARTNER_APPLICATION#id, listed by program and status in
 * gsi1), the account's membership of the program (ACCOUNT#id / PARTNER#program), and the
 * registration-id entries (PARTNER_REGISTRATION#id / ACCOUNT#account). Each write carries a label so a
 * failed condition names itself, and each condition says why it is there.
 */
import { GetCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { partnerLimits } from "../limits.ts";
import {
  type ApplicationItem,
  type ApplicationStatus,
  applicationItemSchema,
  type MembershipItem,
  membershipItemSchema,
  type RegistrationEntryItem,
  registrationEntryItemSchema,
} from "../schemas/partner-application-items.ts";
import { readIndexPageOldestFirst } from "./index-page.ts";
import { partitionKeyPrefixes, partnerKeys } from "./keys.ts";
import type { TableContext } from "./table-context.ts";
import type { LabelledWrite } from "./write-conflicts.ts";

export interface ApplicationPageQuery {
  readonly programId: string;
  readonly status: ApplicationStatus;
  readonly limit: number;
  readonly cursor?: string | undefined;
}

export interface ApplicationPage {
  readonly applications: ApplicationItem[];
  readonly nextCursor?: string;
}

// Why each condition:
const itemIsNew = "attribute_not_exists(pk)"; // an application id is used once
// The membership is still what the decision read: none, or the rejection the wait was counted from. Two
// applications at once: one commits, the other decides again and finds the open one.
const membershipIsNew = "attribute_not_exists(pk)";
const membershipIsAsRead = "#status = :status AND applicationId = :applicationId";
// A decision is made once: two operators deciding at once end in one decision.
const applicationIsSubmitted = "#status = :submitted";
// The account is this application's applicant still (its membership names it).
const membershipAwaitsThisApplication = "#status = :applicant AND applicationId = :applicationId";

export function createPartnerStore(table: TableContext) {
  const { documentClient, tableName } = table;

  function applicationPut(application: ApplicationItem) {
    return {
      TableName: tableName,
      Item: {
        ...partnerKeys.application(application.applicationId),
        ...partnerKeys.applicationByStatus(application.programId, application.status, application.submittedAt, application.applicationId),
        entityType: "PartnerApplication",
        ...application,
      },
    };
  }

  function membershipPut(membership: MembershipItem) {
    return {
      TableName: tableName,
      Item: { ...partnerKeys.membership(membership.accountId, membership.programId), entityType: "PartnerMembership", ...membership },
    };
  }

  async function readMembership(accountId: string, programId: string): Promise<MembershipItem | undefined> {
    const result = await documentClient.send(
      new GetCommand({ TableName: tableName, Key: partnerKeys.membership(accountId, programId), ConsistentRead: true }),
    );
    return result.Item ? membershipItemSchema.parse(result.Item) : undefined;
  }

  return {
    /** AP62, strongly consistent: the account's standing in the program, if it ever applied. */
    readMembership,

    /** AP62: a partner of the program (its application approved). What the levels and quotes read. */
    async isApprovedPartner(accountId: string, programId: string): Promise<boolean> {
      return (await readMembership(accountId, programId))?.status === "partner";
    },

    /** AP60. */
    async readApplication(applicationId: string): Promise<ApplicationItem | undefined> {
      const result = await documentClient.send(
        new GetCommand({ TableName: tableName, Key: partnerKeys.application(applicationId), ConsistentRead: true }),
      );
      return result.Item ? applicationItemSchema.parse(result.Item) : undefined;
    },

    /** AP61: a program's applications in one status, oldest first (eventually consistent, as every index read). */
    async listByStatus(query: ApplicationPageQuery): Promise<ApplicationPage> {
      const page = await readIndexPageOldestFirst(table, {
        indexPartition: partnerKeys.applicationsByStatusPartition(query.programId, query.status),
        tablePartitionPrefix: partitionKeyPrefixes.partnerApplication,
        sortKey: partnerKeys.application("x").sk,
        limit: query.limit,
        cursor: query.cursor,
      });
      const applications = page.items.map((item) => applicationItemSchema.parse(item));
      return page.nextCursor === undefined ? { applications } : { applications, nextCursor: page.nextCursor };
    },

    /** AP63: the accounts that applied with a registration id, at most `registrationAccountsListedMax + 1` (one page). */
    async accountsWithRegistration(registrationId: string): Promise<RegistrationEntryItem[]> {
      const result = await documentClient.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: "pk = :partition",
          ExpressionAttributeValues: { ":partition": partnerKeys.registrationPartition(registrationId) },
          Limit: partnerLimits.registrationAccountsListedMax + 1,
        }),
      );
      return (result.Items ?? []).map((item) => registrationEntryItemSchema.parse(item));
    },

    /** Writes to add to an application's or a decision's transaction. */
    writes: {
      /** The new application, listed under its status. */
      submitApplication(application: ApplicationItem): LabelledWrite {
        return { label: "partnerApplication", item: { Put: { ...applicationPut(application), ConditionExpression: itemIsNew } } };
      },

      /** The application decided, moved to that status's listing, on condition it was still submitted (it is decided once). */
      decideApplication(application: ApplicationItem): LabelledWrite {
        return {
          label: "partnerApplication",
          item: {
            Put: {
              ...applicationPut(application),
              ConditionExpression: applicationIsSubmitted,
              ExpressionAttributeNames: { "#status": "status" },
              ExpressionAttributeValues: { ":submitted": "submitted" },
            },
          },
        };
      },

      /** The account's membership after a submission, on condition it is still what was read (none, or that rejection). */
      openMembership(membership: MembershipItem, previous: MembershipItem | undefined): LabelledWrite {
        const put = membershipPut(membership);
        return {
          label: "partnerMembership",
          item: {
            Put: previous
              ? {
                  ...put,
                  ConditionExpression: membershipIsAsRead,
                  ExpressionAttributeNames: { "#status": "status" },
                  ExpressionAttributeValues: { ":status": previous.status, ":applicationId": previous.applicationId },
                }
              : { ...put, ConditionExpression: membershipIsNew },
          },
        };
      },

      /** The account a partner, or rejected, on condition it still awaits this application's decision. */
      decideMembership(membership: MembershipItem): LabelledWrite {
        return {
          label: "partnerMembership",
          item: {
            Put: {
              ...membershipPut(membership),
              ConditionExpression: membershipAwaitsThisApplication,
              ExpressionAttributeNames: { "#status": "status" },
              ExpressionAttributeValues: { ":applicant": "applicant", ":applicationId": membership.applicationId },
            },
          },
        };
      },

      /** The account applied with this registration id (its latest application with it replaces the entry: one item per id and account). */
      recordRegistration(entry: RegistrationEntryItem): LabelledWrite {
        return {
          label: "partnerRegistration",
          item: {
            Put: {
              TableName: tableName,
              Item: {
                ...partnerKeys.registrationEntry(entry.registrationId, entry.accountId),
                entityType: "PartnerRegistration",
                ...entry,
              },
            },
          },
        };
      },
    },
  };
}

export type PartnerStore = ReturnType<typeof createPartnerStore>;
