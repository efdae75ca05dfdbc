/**
 * A fresh table on the run's DynamoDB Local for one test file. Refuses to run against anything but a
 * loopback endpoint, so a test can never touch real AWS.
 */

import { randomUUID } from "node:crypto";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { type DynamoDBDocumentClient, ScanCommand } from "@aws-sdk/lib-dynamodb";
import { inject } from "vitest";
import { localAwsEnvironment } from "../../scripts/lib/dynamodb-local.ts";
import { ensureTable } from "../../scripts/lib/table.ts";
import { createDocumentClient } from "../../shared/data/client.ts";

export interface TestTable {
  readonly tableName: string;
  readonly endpoint: string;
  readonly client: DynamoDBClient;
  readonly documentClient: DynamoDBDocumentClient;
}

export function localDynamoDbClient(endpoint = inject("dynamoDbEndpoint")): DynamoDBClient {
  if (!/^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?$/.test(endpoint)) throw new Error(`refusing to test against ${endpoint}`);
  return new DynamoDBClient({
    endpoint,
    region: localAwsEnvironment.AWS_REGION,
    credentials: { accessKeyId: localAwsEnvironment.AWS_ACCESS_KEY_ID, secretAccessKey: localAwsEnvironment.AWS_SECRET_ACCESS_KEY },
    maxAttempts: 3,
  });
}

export async function createTestTable(prefix = "test"): Promise<TestTable> {
  const endpoint = inject("dynamoDbEndpoint");
  const client = localDynamoDbClient(endpoint);
  const tableName = `${prefix}-${randomUUID()}`;
  await ensureTable(client, tableName);
  return { tableName, endpoint, client, documentClient: createDocumentClient(client) };
}

/** Every item of a test table (consistent reads), for invariant checks over the whole ledger. */
export async function scanTable(table: Pick<TestTable, "documentClient" | "tableName">): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await table.documentClient.send(
      new ScanCommand({ TableName: table.tableName, ConsistentRead: true, ExclusiveStartKey: startKey }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}
