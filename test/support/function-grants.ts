/**
 * The functions' IAM grants (infra/catalog.ts `table`), enforced on DynamoDB Local: a document client
 * that refuses, as AWS would with AccessDeniedException, any request the named functions' grants do not
 * allow (the action, the index, and every partition key against the dynamodb:LeadingKeys patterns).
 * The integration setups run the code under test through it, so code that starts to call an action or
 * touch a partition its function is not granted fails its tests here instead of in AWS.
 */
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { functionSpecs, type TableAction } from "../../infra/catalog.ts";
import { tableDefinition } from "../../shared/data/table-definition.ts";

/** One authorization AWS makes for a request: an action on the table or an index, for these partition keys. */
export interface TableAuthorization {
  readonly action: TableAction | `dynamodb:${string}`;
  readonly indexName?: string;
  readonly partitionKeys: readonly string[];
}

type Input = Record<string, unknown> & {
  Key?: Record<string, unknown>;
  Item?: Record<string, unknown>;
  IndexName?: string;
  KeyConditionExpression?: string;
  ExpressionAttributeValues?: Record<string, unknown>;
  RequestItems?: Record<string, { Keys?: Record<string, unknown>[] }>;
  TransactItems?: Record<string, { Key?: Record<string, unknown>; Item?: Record<string, unknown> }>[];
};

const pkOf = (key: Record<string, unknown> | undefined): string => String(key?.[tableDefinition.partitionKey]);

/** The partition value of a Query: the `<attribute> = :value` of its key condition. */
function queryPartitionKey(input: Input): string {
  const match = /^\s*#?(\w+)\s*=\s*(:\w+)/.exec(input.KeyConditionExpression ?? "");
  if (!match) throw new Error(`cannot read the partition of the key condition ${input.KeyConditionExpression}`);
  return String(input.ExpressionAttributeValues?.[match[2]!]);
}

/** What AWS authorizes for a document-client command. A TransactWriteItems is authorized per item. */
export function authorizationsOf(command: { constructor: { name: string }; input: unknown }): TableAuthorization[] {
  const input = command.input as Input;
  switch (command.constructor.name) {
    case "GetCommand":
      return [{ action: "dynamodb:GetItem", partitionKeys: [pkOf(input.Key)] }];
    case "PutCommand":
      return [{ action: "dynamodb:PutItem", partitionKeys: [pkOf(input.Item)] }];
    case "UpdateCommand":
      return [{ action: "dynamodb:UpdateItem", partitionKeys: [pkOf(input.Key)] }];
    case "DeleteCommand":
      return [{ action: "dynamodb:DeleteItem", partitionKeys: [pkOf(input.Key)] }];
    case "QueryCommand":
      return input.IndexName
        ? [{ action: "dynamodb:Query", indexName: input.IndexName, partitionKeys: [queryPartitionKey(input)] }]
        : [{ action: "dynamodb:Query", partitionKeys: [queryPartitionKey(input)] }];
    case "BatchGetCommand":
      return Object.values(input.RequestItems ?? {}).map((request) => ({
        action: "dynamodb:BatchGetItem",
        partitionKeys: (request.Keys ?? []).map(pkOf),
      }));
    case "TransactWriteCommand":
      return (input.TransactItems ?? []).map((item) => {
        const [kind, request] = Object.entries(item)[0]!;
        const action = {
          Put: "dynamodb:PutItem",
          Update: "dynamodb:UpdateItem",
          Delete: "dynamodb:DeleteItem",
          ConditionCheck: "dynamodb:ConditionCheckItem",
        }[kind];
        if (!action) throw new Error(`unknown transaction item ${kind}`);
        return { action, partitionKeys: [pkOf(request.Key ?? request.Item)] } as TableAuthorization;
      });
    case "TransactGetCommand":
      return (input.TransactItems ?? []).map((item) => ({ action: "dynamodb:GetItem", partitionKeys: [pkOf(item.Get?.Key)] }));
    case "ScanCommand":
      return [{ action: "dynamodb:Scan", partitionKeys: [] }];
    case "BatchWriteCommand":
      return [{ action: "dynamodb:BatchWriteItem", partitionKeys: [] }];
    default:
      throw new Error(`function-grants does not know ${command.constructor.name}: add how AWS authorizes it`);
  }
}

/** IAM's StringLike: `*` any characters, `?` one character, everything else literal. */
function stringLike(pattern: string, value: string): boolean {
  const expression = pattern
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${expression}$`, "s").test(value);
}

/** Why the functions' grants refuse this authorization, or undefined when one of them allows it. */
export function refusalOf(functionNames: readonly string[], authorization: TableAuthorization): string | undefined {
  const allowedBy = functionNames.some((name) => {
    const grants = functionSpecs.find((spec) => spec.name === name)?.table;
    if (!grants) return false;
    if (authorization.indexName !== undefined)
      return authorization.action === "dynamodb:Query" && (grants.indexQueries ?? []).some((index) => index === authorization.indexName);
    const patterns = grants.actions[authorization.action as TableAction];
    // ForAllValues:StringLike: every key of the request must match one of the patterns.
    return patterns !== undefined && authorization.partitionKeys.every((key) => patterns.some((pattern) => stringLike(pattern, key)));
  });
  if (allowedBy) return undefined;
  const where = authorization.indexName ? `index ${authorization.indexName}` : `partition ${authorization.partitionKeys.join(", ")}`;
  return `${functionNames.join(" / ")} is not granted ${authorization.action} on ${where}: list it in infra/catalog.ts if the code needs it`;
}

/** `inner` for the code of these functions: every request is checked against their grants first. */
export function withGrantsOf(functionNames: readonly string[], inner: DynamoDBDocumentClient): DynamoDBDocumentClient {
  for (const name of functionNames)
    if (!functionSpecs.some((spec) => spec.name === name)) throw new Error(`no function ${name} in the catalog`);
  const send = async (command: { constructor: { name: string }; input: unknown }, ...rest: unknown[]) => {
    for (const authorization of authorizationsOf(command)) {
      const refusal = refusalOf(functionNames, authorization);
      if (refusal) throw Object.assign(new Error(refusal), { name: "AccessDeniedException" });
    }
    return (inner.send as (...args: unknown[]) => Promise<unknown>)(command, ...rest);
  };
  return new Proxy(inner, { get: (target, property, receiver) => (property === "send" ? send : Reflect.get(target, property, receiver)) });
}
