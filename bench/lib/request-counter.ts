/**
 * Counts the DynamoDB requests a client sends and the capacity they consume. It asks every request for
 * ReturnConsumedCapacity TOTAL (DynamoDB Local reports it like the service does), so write units are
 * measured, not estimated.
 */
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";

export interface RequestCounts {
  requests: number;
  byCommand: Record<string, number>;
  writeCapacityUnits: number;
  readCapacityUnits: number;
}

export function emptyCounts(): RequestCounts {
  return { requests: 0, byCommand: {}, writeCapacityUnits: 0, readCapacityUnits: 0 };
}

interface CapacityEntry {
  CapacityUnits?: number;
  WriteCapacityUnits?: number;
  ReadCapacityUnits?: number;
}

function addCapacity(counts: RequestCounts, commandName: string, capacity: CapacityEntry | CapacityEntry[] | undefined): void {
  for (const entry of Array.isArray(capacity) ? capacity : capacity ? [capacity] : []) {
    const write = entry.WriteCapacityUnits ?? (/(Put|Update|Delete|TransactWrite|BatchWrite)/.test(commandName) ? entry.CapacityUnits ?? 0 : 0);
    const read = entry.ReadCapacityUnits ?? (/(Get|Query|Scan|TransactGet|BatchGet)/.test(commandName) ? entry.CapacityUnits ?? 0 : 0);
    counts.writeCapacityUnits += write;
    counts.readCapacityUnits += read;
  }
}

/** Adds a counting middleware to the client's stack; returns the live counters. */
export function countRequests(client: DynamoDBClient | DynamoDBDocumentClient, counts: RequestCounts = emptyCounts()): RequestCounts {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const commandName = String((context as { commandName?: string }).commandName ?? "unknown");
      const input = args.input as Record<string, unknown>;
      if (!("ReturnConsumedCapacity" in input)) input.ReturnConsumedCapacity = "TOTAL";
      counts.requests += 1;
      counts.byCommand[commandName] = (counts.byCommand[commandName] ?? 0) + 1;
      const result = await next(args);
      const output = result.output as { ConsumedCapacity?: CapacityEntry | CapacityEntry[] };
      addCapacity(counts, commandName, output.ConsumedCapacity);
      return result;
    },
    { step: "initialize", name: "benchRequestCounter", override: true },
  );
  return counts;
}
