/**
 * Counts the DynamoDB requests a client sends and the capacity they consume. It asks every request for
 * ReturnConsumedCapacity TOTAL and adds up what the engine reports.
 *
 * DynamoDB Local reports single-item requests as the service does, but under-reports TransactWriteItems:
 * it seems to add each distinct per-item figure once (three small items: 2 units, where AWS bills
 * 2 units per item and KB, so 6). So transactions are also costed here by AWS's rule, from the
 * request: 2 units per 1 KB of each Put's item, and 2 units for each Update, Delete or ConditionCheck,
 * whose stored item this counter cannot see (exact while those items stay under 1 KB).
 *
 * Attach it to the very client the code under test uses: a DynamoDBDocumentClient shares its
 * middleware stack with the DynamoDBClient it wraps, so attaching to either counts both (see
 * `sharesMiddlewareStack`). Two layers are counted:
 *
 * - `requests`: calls of `client.send` (one per command, whatever its outcome);
 * - `attempts`: HTTP requests on the wire, retries included (the SDK retries inside one call).
 *
 * Failed requests (a cancelled transaction, a failed condition) are counted in `requests` and in
 * `failedByError`, but carry no ConsumedCapacity: the engine does not report their units, while AWS
 * bills a failed conditional write as a write.
 */
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { tableDefinition } from "../../shared/data/table-definition.ts";

export interface RequestCounts {
  requests: number;
  byCommand: Record<string, number>;
  writeCapacityUnits: number;
  readCapacityUnits: number;
  /** HTTP attempts, retries included; equals `requests` when nothing was retried. */
  attempts: number;
  /** Requests that ended in an error, by error name (TransactionCanceledException, ...). */
  failedByError: Record<string, number>;
  /** Write units reported for TransactWriteItems alone (AWS bills transactional writes at twice the standard rate). */
  transactionalWriteCapacityUnits: number;
  /** Time from send to result (SDK, network, engine), summed by command: divide by byCommand for a mean. */
  millisecondsByCommand: Record<string, number>;
  /** Successful TransactWriteItems costed by AWS's rule from the request (see above). */
  transactionalWriteUnitsByAwsRule: number;
  /**
   * The writes successful TransactWriteItems make to the global secondary indexes (all project every
   * attribute), costed from the request: a standard write unit per KB of each put item per index whose
   * key it carries, and one per index key an update sets or removes (exact while that item stays under
   * 1 KB; a lower bound should AWS bill them at the transactional rate). The transaction rule above
   * counts table items only; for single-item writes DynamoDB Local's report already includes the
   * indexes, as AWS's does.
   */
  transactionalIndexWriteUnitsByAwsRule: number;
}

export function emptyCounts(): RequestCounts {
  return {
    requests: 0,
    byCommand: {},
    writeCapacityUnits: 0,
    readCapacityUnits: 0,
    attempts: 0,
    failedByError: {},
    transactionalWriteCapacityUnits: 0,
    millisecondsByCommand: {},
    transactionalWriteUnitsByAwsRule: 0,
    transactionalIndexWriteUnitsByAwsRule: 0,
  };
}

/** A copy that later requests do not change. */
export function snapshotCounts(counts: RequestCounts): RequestCounts {
  return {
    ...counts,
    byCommand: { ...counts.byCommand },
    failedByError: { ...counts.failedByError },
    millisecondsByCommand: { ...counts.millisecondsByCommand },
  };
}

/** `after - before`, field by field: what happened between two snapshots. */
export function countsBetween(before: RequestCounts, after: RequestCounts): RequestCounts {
  const subtract = (left: Record<string, number>, right: Record<string, number>) =>
    Object.fromEntries(
      Object.entries(left)
        .map(([name, value]) => [name, value - (right[name] ?? 0)] as const)
        .filter(([, value]) => value !== 0),
    );
  return {
    requests: after.requests - before.requests,
    byCommand: subtract(after.byCommand, before.byCommand),
    writeCapacityUnits: after.writeCapacityUnits - before.writeCapacityUnits,
    readCapacityUnits: after.readCapacityUnits - before.readCapacityUnits,
    attempts: after.attempts - before.attempts,
    failedByError: subtract(after.failedByError, before.failedByError),
    transactionalWriteCapacityUnits: after.transactionalWriteCapacityUnits - before.transactionalWriteCapacityUnits,
    millisecondsByCommand: subtract(after.millisecondsByCommand, before.millisecondsByCommand),
    transactionalWriteUnitsByAwsRule: after.transactionalWriteUnitsByAwsRule - before.transactionalWriteUnitsByAwsRule,
    transactionalIndexWriteUnitsByAwsRule: after.transactionalIndexWriteUnitsByAwsRule - before.transactionalIndexWriteUnitsByAwsRule,
  };
}

/** Write units as AWS would bill them: single-item writes as reported, transactions by AWS's rule. */
export function writeUnitsByAwsRule(counts: RequestCounts): number {
  return counts.writeCapacityUnits - counts.transactionalWriteCapacityUnits + counts.transactionalWriteUnitsByAwsRule;
}

/** Everything AWS bills for the writes: `writeUnitsByAwsRule` (table items) plus the transactions' index writes. */
export function writeUnitsWithIndexes(counts: RequestCounts): number {
  return writeUnitsByAwsRule(counts) + (counts.transactionalIndexWriteUnitsByAwsRule ?? 0);
}

/** Mean milliseconds per request of each command, from send to result. */
export function meanMillisecondsByCommand(counts: RequestCounts): Record<string, number> {
  return Object.fromEntries(
    Object.entries(counts.millisecondsByCommand).map(([command, milliseconds]) => [
      command,
      milliseconds / (counts.byCommand[command] ?? 1),
    ]),
  );
}

/** `left + right`, field by field. */
export function addCounts(left: RequestCounts, right: RequestCounts): RequestCounts {
  const add = (one: Record<string, number>, other: Record<string, number>) => {
    const sum = { ...one };
    for (const [name, value] of Object.entries(other)) sum[name] = (sum[name] ?? 0) + value;
    return sum;
  };
  return {
    requests: left.requests + right.requests,
    byCommand: add(left.byCommand, right.byCommand),
    writeCapacityUnits: left.writeCapacityUnits + right.writeCapacityUnits,
    readCapacityUnits: left.readCapacityUnits + right.readCapacityUnits,
    attempts: left.attempts + right.attempts,
    failedByError: add(left.failedByError, right.failedByError),
    transactionalWriteCapacityUnits: left.transactionalWriteCapacityUnits + right.transactionalWriteCapacityUnits,
    millisecondsByCommand: add(left.millisecondsByCommand, right.millisecondsByCommand),
    transactionalWriteUnitsByAwsRule: left.transactionalWriteUnitsByAwsRule + right.transactionalWriteUnitsByAwsRule,
    transactionalIndexWriteUnitsByAwsRule:
      (left.transactionalIndexWriteUnitsByAwsRule ?? 0) + (right.transactionalIndexWriteUnitsByAwsRule ?? 0),
  };
}

interface CapacityEntry {
  CapacityUnits?: number;
  WriteCapacityUnits?: number;
  ReadCapacityUnits?: number;
}

const writeCommandPattern = /(Put|Update|Delete|TransactWrite|BatchWrite)/;
const readCommandPattern = /(Get|Query|Scan|TransactGet|BatchGet)/;

function addCapacity(counts: RequestCounts, commandName: string, capacity: CapacityEntry | CapacityEntry[] | undefined): void {
  for (const entry of Array.isArray(capacity) ? capacity : capacity ? [capacity] : []) {
    const write = entry.WriteCapacityUnits ?? (writeCommandPattern.test(commandName) ? (entry.CapacityUnits ?? 0) : 0);
    const read = entry.ReadCapacityUnits ?? (readCommandPattern.test(commandName) ? (entry.CapacityUnits ?? 0) : 0);
    counts.writeCapacityUnits += write;
    counts.readCapacityUnits += read;
    if (commandName.startsWith("TransactWrite")) counts.transactionalWriteCapacityUnits += write;
  }
}

type AttributeValue = {
  S?: string;
  N?: string;
  B?: Uint8Array;
  BOOL?: boolean;
  NULL?: boolean;
  SS?: string[];
  NS?: string[];
  BS?: Uint8Array[];
  L?: AttributeValue[];
  M?: Record<string, AttributeValue>;
};

/** DynamoDB's size of a number: about one byte per two significant digits, plus one. */
function numberBytes(text: string): number {
  const digits = text.replace(/^[-+]/, "").replace(/e.*$/i, "").replace(".", "").replace(/^0+/, "").replace(/0+$/, "");
  return Math.ceil(Math.max(1, digits.length) / 2) + 1;
}

/** The size DynamoDB assigns an attribute value (developer guide, "item sizes"). */
function attributeValueBytes(value: AttributeValue): number {
  if (value.S !== undefined) return Buffer.byteLength(value.S);
  if (value.N !== undefined) return numberBytes(value.N);
  if (value.B !== undefined) return value.B.byteLength;
  if (value.BOOL !== undefined || value.NULL !== undefined) return 1;
  if (value.SS) return value.SS.reduce((sum, text) => sum + Buffer.byteLength(text), 0);
  if (value.NS) return value.NS.reduce((sum, text) => sum + numberBytes(text), 0);
  if (value.BS) return value.BS.reduce((sum, bytes) => sum + bytes.byteLength, 0);
  if (value.L) return 3 + value.L.reduce((sum, element) => sum + 1 + attributeValueBytes(element), 0);
  if (value.M)
    return (
      3 + Object.entries(value.M).reduce((sum, [name, element]) => sum + Buffer.byteLength(name) + 1 + attributeValueBytes(element), 0)
    );
  return 0;
}

function itemBytes(item: Record<string, AttributeValue>): number {
  return Object.entries(item).reduce((sum, [name, value]) => sum + Buffer.byteLength(name) + attributeValueBytes(value), 0);
}

/** AWS's rule for a TransactWriteItems request, from its (marshalled) input. */
function transactionUnitsByAwsRule(input: { TransactItems?: { Put?: { Item?: Record<string, AttributeValue> } }[] }): number {
  return (input.TransactItems ?? []).reduce(
    (sum, item) => sum + 2 * (item.Put?.Item ? Math.max(1, Math.ceil(itemBytes(item.Put.Item) / 1024)) : 1),
    0,
  );
}

/** The index key attributes of the table (shared/data/table-definition.ts). */
const indexKeyAttributes = new Set<string>(tableDefinition.globalSecondaryIndexes.map((index) => index.partitionKey));

interface WriteRequest {
  readonly Item?: Record<string, AttributeValue>;
  readonly UpdateExpression?: string;
  readonly ExpressionAttributeNames?: Record<string, string>;
}

/** Index write units of one put or update, by AWS's rule (see `transactionalIndexWriteUnitsByAwsRule`). */
function indexUnitsOfWrite(write: WriteRequest): number {
  if (write.Item) {
    const indexes = Object.keys(write.Item).filter((name) => indexKeyAttributes.has(name)).length;
    return indexes * Math.max(1, Math.ceil(itemBytes(write.Item) / 1024));
  }
  if (write.UpdateExpression) {
    const names = new Set(write.UpdateExpression.match(/#?[A-Za-z0-9_]+/g) ?? []);
    const touched = [...names].map((name) => write.ExpressionAttributeNames?.[name] ?? name).filter((name) => indexKeyAttributes.has(name));
    return new Set(touched).size;
  }
  return 0;
}

function transactionIndexUnitsByAwsRule(commandName: string, input: Record<string, unknown>): number {
  if (commandName === "TransactWriteItemsCommand")
    return ((input.TransactItems ?? []) as { Put?: WriteRequest; Update?: WriteRequest }[]).reduce(
      (sum, item) => sum + indexUnitsOfWrite(item.Put ?? item.Update ?? {}),
      0,
    );
  return 0;
}

const indexCostKey = Symbol("benchIndexUnitsByAwsRule");
const callMiddlewareName = "benchRequestCounter";
const attemptMiddlewareName = "benchAttemptCounter";
const costMiddlewareName = "benchTransactionCost";
const costKey = Symbol("benchTransactionUnitsByAwsRule");

/** Adds the counting middlewares to the client's stack; returns the live counters. */
export function countRequests(client: DynamoDBClient | DynamoDBDocumentClient, counts: RequestCounts = emptyCounts()): RequestCounts {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const commandName = String((context as { commandName?: string }).commandName ?? "unknown");
      const input = args.input as Record<string, unknown>;
      if (!("ReturnConsumedCapacity" in input)) input.ReturnConsumedCapacity = "TOTAL";
      counts.requests += 1;
      counts.byCommand[commandName] = (counts.byCommand[commandName] ?? 0) + 1;
      const started = process.hrtime.bigint();
      try {
        const result = await next(args);
        const output = result.output as { ConsumedCapacity?: CapacityEntry | CapacityEntry[] };
        addCapacity(counts, commandName, output.ConsumedCapacity);
        counts.transactionalWriteUnitsByAwsRule += (context as { [costKey]?: number })[costKey] ?? 0;
        counts.transactionalIndexWriteUnitsByAwsRule += (context as { [indexCostKey]?: number })[indexCostKey] ?? 0;
        return result;
      } catch (error) {
        const name = error instanceof Error ? error.name : "unknown";
        counts.failedByError[name] = (counts.failedByError[name] ?? 0) + 1;
        throw error;
      } finally {
        counts.millisecondsByCommand[commandName] =
          (counts.millisecondsByCommand[commandName] ?? 0) + Number(process.hrtime.bigint() - started) / 1e6;
      }
    },
    { step: "initialize", name: callMiddlewareName, override: true },
  );
  // The build step sees the marshalled input (a document client marshals in the serialize step), once per call.
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const commandName = String((context as { commandName?: string }).commandName ?? "unknown");
      (context as { [indexCostKey]?: number })[indexCostKey] = transactionIndexUnitsByAwsRule(
        commandName,
        args.input as Record<string, unknown>,
      );
      if (commandName === "TransactWriteItemsCommand") {
        (context as { [costKey]?: number })[costKey] = transactionUnitsByAwsRule(
          args.input as Parameters<typeof transactionUnitsByAwsRule>[0],
        );
      }
      return await next(args);
    },
    { step: "build", name: costMiddlewareName, override: true },
  );
  // The deserialize step runs inside the retry loop (finalizeRequest), once per HTTP attempt.
  client.middlewareStack.add(
    (next) => async (args) => {
      counts.attempts += 1;
      return await next(args);
    },
    { step: "deserialize", name: attemptMiddlewareName, override: true, priority: "low" },
  );
  return counts;
}

/** Removes the counting middlewares again (timed runs measure the client as deployed). */
export function stopCountingRequests(client: DynamoDBClient | DynamoDBDocumentClient): void {
  client.middlewareStack.remove(callMiddlewareName);
  client.middlewareStack.remove(costMiddlewareName);
  client.middlewareStack.remove(attemptMiddlewareName);
}

/**
 * True when the document client and the client it wraps send through one middleware stack, so a counter
 * attached to either sees every request of both.
 */
export function sharesMiddlewareStack(documentClient: DynamoDBDocumentClient, client: DynamoDBClient): boolean {
  return (documentClient.middlewareStack as unknown) === (client.middlewareStack as unknown);
}
