/**
 * The account profile (AP2) as the billing events write it: the registration facts of
 * account.registered. The attribution writes the profile's fingerprints itself (referral-store.ts
 * `createAttribution`); each side SETs only its own attributes.
 */
import { keys } from "./keys.ts";
import type { TableContext } from "./table-context.ts";
import type { LabelledWrite } from "./write-conflicts.ts";

export interface AccountRegistration {
  readonly accountId: string;
  /** The registration event's occurredAt: the newest one wins (a late, older event changes nothing). */
  readonly occurredAt: string;
  readonly registeredAt: string;
  readonly promoEndsAt?: string | undefined;
  readonly displayName?: string | undefined;
  readonly emailHash?: string | undefined;
  readonly paymentFingerprintHash?: string | undefined;
}

export function createAccountProfileStore(table: TableContext) {
  const { tableName } = table;

  return {
    /** Writes to add to an effect's transaction. */
    writes: {
      /**
       * The registration facts on the account profile; SET only these attributes (the referral part owns
       * the others). Only if no newer registration event was applied (else WriteConflictError("profile")):
       * ISO instants in one format compare as strings.
       */
      registerAccount(registration: AccountRegistration): LabelledWrite {
        const assignments = [
          "entityType = if_not_exists(entityType, :entityType)",
          "accountId = :accountId",
          "registeredAt = :registeredAt",
          "registrationOccurredAt = :occurredAt",
        ];
        const values: Record<string, unknown> = {
          ":entityType": "AccountProfile",
          ":accountId": registration.accountId,
          ":registeredAt": registration.registeredAt,
          ":occurredAt": registration.occurredAt,
        };
        for (const name of ["promoEndsAt", "displayName", "emailHash", "paymentFingerprintHash"] as const) {
          if (registration[name] === undefined) continue;
          assignments.push(`${name} = :${name}`);
          values[`:${name}`] = registration[name];
        }
        return {
          label: "profile",
          item: {
            Update: {
              TableName: tableName,
              Key: keys.accountProfile(registration.accountId),
              UpdateExpression: `SET ${assignments.join(", ")}`,
              ConditionExpression: "attribute_not_exists(registrationOccurredAt) OR registrationOccurredAt <= :occurredAt",
              ExpressionAttributeValues: values,
            },
          },
        };
      },
    },
  };
}

export type AccountProfileStore = ReturnType<typeof createAccountProfileStore>;
