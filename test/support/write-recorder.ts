/**
 * Records every DynamoDB write a client sends: the command, each partition key it writes (a transaction
 * writes several) and the second of the simulated clock at that moment. Attached as a middleware to the
 * very client the code under test uses, so it sees what the engine receives, refused writes included.
 */
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { Clock } from "../../shared/domain/clock.ts";

export interface RecordedWrite {
  readonly command: string;
  readonly partitionKey: string;
  /** Whole seconds of the simulated clock since the epoch. */
  readonly second: number;
}

type KeyValue = string | { S?: string } | undefined;
const text = (value: KeyValue): string => (typeof value === "string" ? value : (value?.S ?? "?"));

function partitionKeysWritten(commandName: string, input: Record<string, unknown>): string[] {
  if (commandName === "PutItemCommand") return [text((input.Item as { pk?: KeyValue } | undefined)?.pk)];
  if (commandName === "UpdateItemCommand" || commandName === "DeleteItemCommand") return [text((input.Key as { pk?: KeyValue }).pk)];
  if (commandName === "TransactWriteItemsCommand") {
    const items = (input.TransactItems ?? []) as {
      Put?: { Item: { pk: KeyValue } };
      Update?: { Key: { pk: KeyValue } };
      Delete?: { Key: { pk: KeyValue } };
    }[];
    return items.flatMap((item) => {
      if (item.Put) return [text(item.Put.Item.pk)];
      if (item.Update) return [text(item.Update.Key.pk)];
      if (item.Delete) return [text(item.Delete.Key.pk)];
      return []; // a ConditionCheck writes nothing
    });
  }
  if (commandName === "BatchWriteItemCommand") {
    const requests = Object.values((input.RequestItems ?? {}) as Record<string, { PutRequest?: { Item: { pk: KeyValue } } }[]>).flat();
    return requests.flatMap((request) => (request.PutRequest ? [text(request.PutRequest.Item.pk)] : []));
  }
  return [];
}

export function recordWrites(client: DynamoDBDocumentClient, clock: Clock): RecordedWrite[] {
  const writes: RecordedWrite[] = [];
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const command = String((context as { commandName?: string }).commandName ?? "unknown");
      const second = Math.floor(clock.now().getTime() / 1000);
      for (const partitionKey of partitionKeysWritten(command, args.input as Record<string, unknown>))
        writes.push({ command, partitionKey, second });
      return next(args);
    },
    { step: "initialize", name: "testWriteRecorder", override: true },
  );
  return writes;
}

/** The most writes any one partition key took in one simulated second, and which key. */
export function busiestKeySecond(writes: readonly RecordedWrite[], filter: (write: RecordedWrite) => boolean = () => true) {
  const counts = new Map<string, number>();
  for (const write of writes.filter(filter)) {
    const key = `${write.second} ${write.partitionKey}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  let busiest = { partitionKey: "", second: 0, writes: 0 };
  for (const [key, count] of counts) {
    if (count > busiest.writes) {
      const [second, ...partitionKey] = key.split(" ");
      busiest = { partitionKey: partitionKey.join(" "), second: Number(second), writes: count };
    }
  }
  return busiest;
}
