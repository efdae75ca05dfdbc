/**
 * Creates the single table on a DynamoDB endpoint from the shared definition (idempotent), and brings a
 * table kept from before up to it: turns its stream on when it has none, and creates the global
 * secondary indexes it lacks (one at a time, as DynamoDB requires; each is filled from the items).
 */
import {
  CreateTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceInUseException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
} from "@aws-sdk/client-dynamodb";
import { createTableInput, tableDefinition } from "../../shared/data/table-definition.ts";

export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<void> {
  try {
    await client.send(new CreateTableCommand(createTableInput(tableName)));
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  }
  for (;;) {
    const described = await client.send(new DescribeTableCommand({ TableName: tableName }));
    const table = described.Table;
    const indexes = table?.GlobalSecondaryIndexes ?? [];
    const missing = tableDefinition.globalSecondaryIndexes.find((index) => !indexes.some((kept) => kept.IndexName === index.indexName));
    if (table?.TableStatus === "ACTIVE" && indexes.every((index) => index.IndexStatus === "ACTIVE")) {
      if (!table.StreamSpecification?.StreamEnabled) {
        await client.send(
          new UpdateTableCommand({
            TableName: tableName,
            StreamSpecification: { StreamEnabled: true, StreamViewType: tableDefinition.streamViewType },
          }),
        );
      } else if (missing) {
        await client.send(
          new UpdateTableCommand({
            TableName: tableName,
            AttributeDefinitions: [
              { AttributeName: missing.partitionKey, AttributeType: "S" },
              { AttributeName: missing.sortKey, AttributeType: "S" },
            ],
            GlobalSecondaryIndexUpdates: [
              {
                Create: {
                  IndexName: missing.indexName,
                  KeySchema: [
                    { AttributeName: missing.partitionKey, KeyType: "HASH" },
                    { AttributeName: missing.sortKey, KeyType: "RANGE" },
                  ],
                  Projection: { ProjectionType: "ALL" },
                },
              },
            ],
          }),
        );
      } else break;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await client
    .send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: tableDefinition.timeToLiveAttribute, Enabled: true },
      }),
    )
    .catch((error: unknown) => {
      // Already enabled on a restarted local stack.
      if (!(error instanceof Error) || !/already enabled/i.test(error.message)) throw error;
    });
}
