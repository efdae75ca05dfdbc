/**
 * The embeddable dashboard's credentials (AP45, AP46): widget tokens and widget sessions, each in a partition
 * of its own keyed by the SHA-256 of its secret (the secret itself is stored nowhere) and expiring by TTL at
 * its expiry (deletion can lag by days, so readers compare `expiresAt`, never rely on the item being gone).
 *
 * The exchange is one transaction: the token is marked exchanged on condition it never was and has not
 * expired, and the session is put on condition it is new. Two exchanges of one token racing open one
 * session; the loser's transaction writes nothing.
 */
import { GetCommand, PutCommand, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import type { WidgetSession, WidgetToken } from "../domain/widget-sessions.ts";
import { TransientError } from "../errors.ts";
import { widgetSessionItemSchema, widgetTokenItemSchema } from "../schemas/widget-items.ts";
import { cancellationCodesOf, transientCancellationCodes } from "./aws-errors.ts";
import { widgetKeys } from "./keys.ts";
import type { TableContext } from "./table-context.ts";

/** The TTL attribute's value for an item that stops being valid at `expiresAt` (a whole second, not before it). */
const expiresAtEpochSecondsOf = (expiresAt: string): number => Math.ceil(Date.parse(expiresAt) / 1000);

export type SessionOpening = { readonly status: "opened" } | { readonly status: "token_already_exchanged" };

export interface WidgetCredentialStore {
  /** Stores a newly minted token (its hash is new: 256 random bits). */
  putToken(token: WidgetToken): Promise<void>;
  /** The token of this hash as stored now (strongly consistent), or undefined. */
  readToken(tokenHash: string): Promise<WidgetToken | undefined>;
  /** Marks the token exchanged at `session.openedAt` and puts the session, in one transaction, on condition the token was never exchanged. */
  openSession(tokenHash: string, session: WidgetSession): Promise<SessionOpening>;
  /** The session of this bearer hash (strongly consistent: a session opened a moment ago is found), or undefined. */
  readSession(sessionHash: string): Promise<WidgetSession | undefined>;
}

export function createWidgetCredentialStore(table: TableContext): WidgetCredentialStore {
  const { documentClient, tableName } = table;
  return {
    async putToken(token) {
      await documentClient.send(
        new PutCommand({
          TableName: tableName,
          Item: {
            ...widgetKeys.token(token.tokenHash),
            entityType: "WidgetToken",
            ...token,
            expiresAtEpochSeconds: expiresAtEpochSecondsOf(token.expiresAt),
          },
          // A fresh 256-bit secret: a collision would be a broken random source, never overwritten.
          ConditionExpression: "attribute_not_exists(pk)",
        }),
      );
    },

    async readToken(tokenHash) {
      const result = await documentClient.send(
        new GetCommand({ TableName: tableName, Key: widgetKeys.token(tokenHash), ConsistentRead: true }),
      );
      return result.Item ? widgetTokenItemSchema.parse(result.Item) : undefined;
    },

    async openSession(tokenHash, session) {
      try {
        await documentClient.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Update: {
                  TableName: tableName,
                  Key: widgetKeys.token(tokenHash),
                  UpdateExpression: "SET exchangedAt = :openedAt",
                  // One exchange per token, ever, and only before its expiry (the decider read it so; this holds it under a race).
                  ConditionExpression: "attribute_exists(pk) AND attribute_not_exists(exchangedAt) AND expiresAt > :openedAt",
                  ExpressionAttributeValues: { ":openedAt": session.openedAt },
                },
              },
              {
                Put: {
                  TableName: tableName,
                  Item: {
                    ...widgetKeys.session(session.sessionHash),
                    entityType: "WidgetSession",
                    ...session,
                    expiresAtEpochSeconds: expiresAtEpochSecondsOf(session.expiresAt),
                  },
                  ConditionExpression: "attribute_not_exists(pk)",
                },
              },
            ],
          }),
        );
        return { status: "opened" };
      } catch (error) {
        const codes = cancellationCodesOf(error);
        if (codes?.[0] === "ConditionalCheckFailed") return { status: "token_already_exchanged" };
        if (codes?.some((code) => transientCancellationCodes.has(code)))
          throw new TransientError("the widget session's transaction was cancelled; retry", { cause: error });
        throw error;
      }
    },

    async readSession(sessionHash) {
      const result = await documentClient.send(
        new GetCommand({ TableName: tableName, Key: widgetKeys.session(sessionHash), ConsistentRead: true }),
      );
      return result.Item ? widgetSessionItemSchema.parse(result.Item) : undefined;
    },
  };
}
