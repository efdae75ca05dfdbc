/**
 * ensureTable brings a table kept from an earlier version (the local stack keeps DynamoDB Local's data
 * between runs) up to the shared definition: a table made before the operator's ledger index (gsi3)
 * gets it, filled from the items already there, and a second call changes nothing.
 *
 * On a DynamoDB Local of its own: the run's shared one, busy with every other file's tables and
 * streams, can leave a new index CREATING for minutes.
 */
import { randomUUID } from "node:crypto";
import { CreateTableCommand, DescribeTableCommand } from "@aws-sdk/client-dynamodb";
import { PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningDynamoDbLocal, startDynamoDbLocal } from "../../scripts/lib/dynamodb-local.ts";
import { ensureTable } from "../../scripts/lib/table.ts";
import { createDocumentClient } from "../../shared/data/client.ts";
import { keys, operatorLedgerKeys } from "../../shared/data/keys.ts";
import { createTableInput, tableDefinition } from "../../shared/data/table-definition.ts";
import { localDynamoDbClient } from "../support/dynamodb.ts";

let dynamoDb: RunningDynamoDbLocal;
beforeAll(async () => {
  dynamoDb = await startDynamoDbLocal();
}, 120_000);
afterAll(async () => {
  await dynamoDb?.stop();
});

describe("ensureTable on a table kept from before", () => {
  it("creates the global secondary index the table lacks, with the items it already holds", async () => {
    const client = localDynamoDbClient(dynamoDb.endpoint);
    const documentClient = createDocumentClient(client);
    const tableName = `kept-${randomUUID()}`;
    const current = createTableInput(tableName);
    const withoutGsi3 = {
      ...current,
      AttributeDefinitions: current.AttributeDefinitions.filter((attribute) => !attribute.AttributeName.startsWith("gsi3")),
      GlobalSecondaryIndexes: current.GlobalSecondaryIndexes.filter((index) => index.IndexName !== "gsi3"),
    };
    await client.send(new CreateTableCommand(withoutGsi3));
    const indexKeys = operatorLedgerKeys.transfer("EUR", 3, "2026-03-01T00:00:00.000Z", "tr_kept");
    await documentClient.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...keys.transfer("acct-kept", "2026-03-01T00:00:00.000Z", "tr_kept"), ...indexKeys, entityType: "Transfer" },
      }),
    );

    await ensureTable(client, tableName);
    await ensureTable(client, tableName); // nothing left to do

    const described = await client.send(new DescribeTableCommand({ TableName: tableName }));
    expect((described.Table?.GlobalSecondaryIndexes ?? []).map((index) => [index.IndexName, index.IndexStatus]).sort()).toEqual(
      tableDefinition.globalSecondaryIndexes.map((index) => [index.indexName, "ACTIVE"]),
    );
    expect(described.Table?.StreamSpecification?.StreamEnabled).toBe(true);
    const listed = await documentClient.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: "gsi3",
        KeyConditionExpression: "gsi3pk = :partition",
        ExpressionAttributeValues: { ":partition": operatorLedgerKeys.partition("EUR", 3) },
      }),
    );
    expect(listed.Items?.map((item) => item.gsi3sk)).toEqual([indexKeys.gsi3sk]);
  }, 120_000);
});
