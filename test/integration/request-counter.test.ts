/**
 * The bench's request counter (bench/lib/request-counter.ts), whose figures docs/benchmarks.md and
 * docs/cost.md carry: on DynamoDB Local, index writes are costed from the request by AWS's rule.
 */
import { PutCommand, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import { beforeAll, describe, expect, it } from "vitest";
import {
  countRequests,
  countsBetween,
  type RequestCounts,
  snapshotCounts,
  writeUnitsByAwsRule,
  writeUnitsWithIndexes,
} from "../../bench/lib/request-counter.ts";
import { createTestTable, type TestTable } from "../support/dynamodb.ts";

let table: TestTable;
let counts: RequestCounts;

beforeAll(async () => {
  table = await createTestTable("request-counter");
  counts = countRequests(table.documentClient);
});

async function measure(work: () => Promise<unknown>): Promise<RequestCounts> {
  const before = snapshotCounts(counts);
  await work();
  return countsBetween(before, snapshotCounts(counts));
}

describe("index write units by AWS's rule", () => {
  it("leaves single-item writes as DynamoDB Local reports them, indexes included (as AWS bills them)", async () => {
    const plain = await measure(() =>
      table.documentClient.send(new PutCommand({ TableName: table.tableName, Item: { pk: "A", sk: "1" } })),
    );
    const indexed = await measure(() =>
      table.documentClient.send(
        new PutCommand({ TableName: table.tableName, Item: { pk: "B", sk: "1", gsi1pk: "X", gsi1sk: "1", gsi3pk: "Y", gsi3sk: "1" } }),
      ),
    );
    expect(writeUnitsWithIndexes(plain)).toBe(1);
    expect(writeUnitsWithIndexes(indexed)).toBe(3);
    expect(indexed.transactionalIndexWriteUnitsByAwsRule).toBe(0);
  });

  it("adds a transaction's index writes to its table units: one per index key a put carries, per started KB", async () => {
    const transaction = await measure(() =>
      table.documentClient.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: table.tableName, Item: { pk: "D", sk: "1", gsi1pk: "X", gsi1sk: "3", gsi3pk: "Y", gsi3sk: "3" } } },
            { Put: { TableName: table.tableName, Item: { pk: "D", sk: "2", gsi1pk: "X", gsi1sk: "4", note: "x".repeat(2_500) } } },
            { Put: { TableName: table.tableName, Item: { pk: "D", sk: "3" } } },
          ],
        }),
      ),
    );
    expect(writeUnitsByAwsRule(transaction)).toBe(2 + 6 + 2);
    expect(transaction.transactionalIndexWriteUnitsByAwsRule).toBe(2 + 3);
    expect(writeUnitsWithIndexes(transaction)).toBe(15);
  });

  it("counts each index key a transaction's update sets or removes, through attribute names too", async () => {
    const transaction = await measure(() =>
      table.documentClient.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: table.tableName,
                Key: { pk: "D", sk: "1" },
                UpdateExpression: "SET #gsi2pk = :shard, gsi2sk = :at REMOVE gsi3pk, gsi3sk",
                ExpressionAttributeNames: { "#gsi2pk": "gsi2pk" },
                ExpressionAttributeValues: { ":shard": "S", ":at": "1" },
              },
            },
            {
              Update: {
                TableName: table.tableName,
                Key: { pk: "A", sk: "1" },
                UpdateExpression: "SET note = :n",
                ExpressionAttributeValues: { ":n": "n" },
              },
            },
          ],
        }),
      ),
    );
    expect(writeUnitsByAwsRule(transaction)).toBe(4);
    expect(transaction.transactionalIndexWriteUnitsByAwsRule).toBe(2);
  });

  it("counts nothing for a cancelled transaction (DynamoDB Local reports no units for it either)", async () => {
    const cancelled = await measure(() =>
      table.documentClient
        .send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: table.tableName,
                  Item: { pk: "D", sk: "1", gsi1pk: "X", gsi1sk: "5" },
                  ConditionExpression: "attribute_not_exists(pk)",
                },
              },
            ],
          }),
        )
        .catch(() => undefined),
    );
    expect(cancelled.failedByError).toEqual({ TransactionCanceledException: 1 });
    expect(writeUnitsWithIndexes(cancelled)).toBe(0);
  });
});
