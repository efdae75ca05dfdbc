/**
 * Creates the single table on a DynamoDB endpoint from the shared definition (idempotent), and turns its
 * stream on when a table kept from before the stream existed has none.
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
    if (described.Table?.TableStatus === "ACTIVE") {
      if (described.Table.StreamSpecification?.StreamEnabled) break;
      await client.send(
        new UpdateTableCommand({
          TableName: tableName,
          StreamSpecification: { StreamEnabled: true, StreamViewType: tableDefinition.streamViewType },
        }),
      );
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
