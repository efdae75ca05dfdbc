/**
 * The operator's verdict on a referral: marking it fraudulent stops its rewards from that moment
 * (earning transactions check the referral is still active, shared/data/referral-marks-store.ts).
 */
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { Clock } from "../domain/clock.ts";
import { NotFoundError } from "../errors.ts";
import { type ReferralItem, referralItemSchema } from "../schemas/items.ts";
import { keys } from "./keys.ts";
import type { TableContext } from "./table-context.ts";

export function createReferralStatusStore(table: TableContext, clock: Clock) {
  return {
    /** Marks the referral fraudulent (idempotent: the first marking time is kept); NotFoundError when there is none. */
    async markFraudulentOrThrow(refereeAccountId: string): Promise<ReferralItem> {
      try {
        const result = await table.documentClient.send(
          new UpdateCommand({
            TableName: table.tableName,
            Key: keys.referral(refereeAccountId),
            UpdateExpression: "SET #status = :fraudulent, markedFraudulentAt = if_not_exists(markedFraudulentAt, :now)",
            // Never create a referral by marking it.
            ConditionExpression: "attribute_exists(pk)",
            ExpressionAttributeNames: { "#status": "status" },
            ExpressionAttributeValues: { ":fraudulent": "fraudulent", ":now": clock.now().toISOString() },
            ReturnValues: "ALL_NEW",
          }),
        );
        return referralItemSchema.parse(result.Attributes);
      } catch (error) {
        if (error instanceof Error && error.name === "ConditionalCheckFailedException")
          throw new NotFoundError(`account ${refereeAccountId} has no referral`);
        throw error;
      }
    },
  };
}

export type ReferralStatusStore = ReturnType<typeof createReferralStatusStore>;
