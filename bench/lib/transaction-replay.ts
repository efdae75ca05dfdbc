/**
 * The consumer's transactions, issued bare: what the engine does for the same writes without the
 * handler around them (bench/billing-events.ts, "the consumer ÷ its own transactions").
 *
 * `captureTransactions` records each TransactWriteItems a client sends, marshalled as it goes out (a
 * document client shares its base client's middleware stack), grouped by the batch the caller names.
 * `bareTransactionOf` makes one replayable: every item under a partition key of its own (`BARE#` before
 * the key, so the replay never touches the consumer's items; the index keys stay, so index writes are
 * the same), without its conditions (a replay cannot meet conditions on a state it does not recreate):
 * each ConditionExpression is dropped with the attribute names and values only it used, and a
 * ConditionCheck, which writes nothing, is left out. The items, their sizes and the index writes are
 * the consumer's.
 */
import type { DynamoDBClient, TransactWriteItem, TransactWriteItemsCommandInput } from "@aws-sdk/client-dynamodb";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";

const middlewareName = "benchTransactionCapture";

export interface TransactionCapture {
  /** The batch the next transactions belong to (undefined: do not capture). */
  capturingBatch: number | undefined;
  /** Captured inputs, by batch, in the order they were sent. */
  readonly batches: Map<number, TransactWriteItemsCommandInput[]>;
  stop(): void;
}

export function captureTransactions(client: DynamoDBClient | DynamoDBDocumentClient): TransactionCapture {
  const capture: TransactionCapture = {
    capturingBatch: undefined,
    batches: new Map(),
    stop: () => client.middlewareStack.remove(middlewareName),
  };
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const commandName = String((context as { commandName?: string }).commandName ?? "");
      if (commandName === "TransactWriteItemsCommand" && capture.capturingBatch !== undefined) {
        const list = capture.batches.get(capture.capturingBatch) ?? [];
        list.push(structuredClone(args.input as TransactWriteItemsCommandInput));
        capture.batches.set(capture.capturingBatch, list);
      }
      return await next(args);
    },
    { step: "build", name: middlewareName, override: true },
  );
  return capture;
}

const tokensOf = (expression: string | undefined, sigil: ":" | "#") =>
  new Set((expression ?? "").match(sigil === ":" ? /:[A-Za-z0-9_]+/g : /#[A-Za-z0-9_]+/g) ?? []);

function withoutCondition<
  Write extends {
    ConditionExpression?: string;
    ExpressionAttributeNames?: Record<string, string>;
    ExpressionAttributeValues?: Record<string, unknown>;
  },
>(write: Write, kept: readonly (string | undefined)[]): Write {
  const { ConditionExpression: _, ExpressionAttributeNames, ExpressionAttributeValues, ...rest } = write;
  const values = new Set(kept.flatMap((expression) => [...tokensOf(expression, ":")]));
  const names = new Set(kept.flatMap((expression) => [...tokensOf(expression, "#")]));
  const usedValues = Object.entries(ExpressionAttributeValues ?? {}).filter(([token]) => values.has(token));
  const usedNames = Object.entries(ExpressionAttributeNames ?? {}).filter(([token]) => names.has(token));
  return {
    ...rest,
    ...(usedValues.length > 0 ? { ExpressionAttributeValues: Object.fromEntries(usedValues) } : {}),
    ...(usedNames.length > 0 ? { ExpressionAttributeNames: Object.fromEntries(usedNames) } : {}),
  } as Write;
}

function barePartition<Key extends Record<string, { S?: string }>>(key: Key): Key {
  return { ...key, pk: { S: `BARE#${key.pk?.S ?? ""}` } };
}

/** One captured transaction, made replayable bare (see the file's comment); undefined when nothing of it writes. */
export function bareTransactionOf(input: TransactWriteItemsCommandInput): TransactWriteItemsCommandInput | undefined {
  const items: TransactWriteItem[] = [];
  for (const item of input.TransactItems ?? []) {
    if (item.Put) {
      items.push({
        Put: withoutCondition({ ...item.Put, Item: barePartition(item.Put.Item as Record<string, { S?: string }>) as never }, []),
      });
    } else if (item.Update) {
      items.push({
        Update: withoutCondition({ ...item.Update, Key: barePartition(item.Update.Key as Record<string, { S?: string }>) as never }, [
          item.Update.UpdateExpression,
        ]),
      });
    } else if (item.Delete) {
      items.push({
        Delete: withoutCondition({ ...item.Delete, Key: barePartition(item.Delete.Key as Record<string, { S?: string }>) as never }, []),
      });
    }
  }
  return items.length === 0 ? undefined : { TransactItems: items };
}
