/**
 * Invites' recipients (AP40): one item per recipient, keyed by the recipient's keyed hash (the address or
 * number itself is never stored), holding the last invite sent to it by anyone. A new invite claims the
 * item by one conditional put: refused while the last one is younger than `limits.invites.recipientQuietDays`
 * (TTL deletion can lag by days, so the condition reads `invitedAt`, not the item's presence). The item
 * expires (TTL) when its quiet period is over. `sentAt` is set once the message is on the outbound queue,
 * so that the sender's retry after a failed send sends it again, and nothing else does.
 */

import { GetCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { type InviteRecipientItem, inviteRecipientItemSchema } from "../schemas/items.ts";
import { isConditionalCheckFailed } from "./aws-errors.ts";
import { keys } from "./keys.ts";
import type { TableContext } from "./table-context.ts";

export type RecipientClaim = { readonly status: "claimed" } | { readonly status: "held"; readonly existing: InviteRecipientItem };

export interface InviteStore {
  /** Claims the recipient for `invite` unless it was invited after `quietSince` (ISO: 7 days ago to the millisecond); else the invite that holds it. */
  claimRecipient(invite: InviteRecipientItem, quietSince: string, expiresAtEpochSeconds: number): Promise<RecipientClaim>;
  /** Marks the invite sent (only if it still holds the recipient). */
  markSent(recipientHash: string, inviteId: string, sentAt: string): Promise<void>;
}

export function createInviteStore(table: TableContext): InviteStore {
  const { documentClient, tableName } = table;

  async function claimRecipient(invite: InviteRecipientItem, quietSince: string, expiresAtEpochSeconds: number): Promise<RecipientClaim> {
    try {
      await documentClient.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...keys.inviteRecipient(invite.recipientHash), entityType: "InviteRecipient", ...invite, expiresAtEpochSeconds },
          ConditionExpression: "attribute_not_exists(pk) OR invitedAt <= :quietSince",
          ExpressionAttributeValues: { ":quietSince": quietSince },
        }),
      );
      return { status: "claimed" };
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
    }
    const held = await documentClient.send(
      new GetCommand({ TableName: tableName, Key: keys.inviteRecipient(invite.recipientHash), ConsistentRead: true }),
    );
    // Gone between the refused put and the read (TTL): nothing holds the recipient, claim it again.
    if (!held.Item) return await claimRecipient(invite, quietSince, expiresAtEpochSeconds);
    return { status: "held", existing: inviteRecipientItemSchema.parse(held.Item) };
  }

  return {
    claimRecipient,

    async markSent(recipientHash, inviteId, sentAt) {
      try {
        await documentClient.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keys.inviteRecipient(recipientHash),
            UpdateExpression: "SET sentAt = :sentAt",
            ConditionExpression: "inviteId = :inviteId",
            ExpressionAttributeValues: { ":sentAt": sentAt, ":inviteId": inviteId },
          }),
        );
      } catch (error) {
        // Another invite holds the recipient now (this one's quiet period ended meanwhile): nothing to mark.
        if (!isConditionalCheckFailed(error)) throw error;
      }
    },
  };
}
