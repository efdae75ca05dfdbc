/**
 * batchGetAll asks again for the keys DynamoDB leaves unprocessed. DynamoDB Local never leaves any, so
 * aws-sdk-client-mock plays the partial answers.
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { BatchGetCommand, DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, describe, expect, it } from "vitest";
import { batchGetAll } from "../../shared/data/batch-get.ts";
import type { TableKey } from "../../shared/data/keys.ts";
import { TransientError } from "../../shared/errors.ts";
import { batchGetLimits } from "../../shared/limits.ts";

const tableName = "batch-get-test";
const documentClient = DynamoDBDocumentClient.from(new DynamoDBClient({ region: "eu-central-1" }));
const mock = mockClient(documentClient);
afterEach(() => mock.reset());

const keysOf = (count: number): TableKey[] => Array.from({ length: count }, (_, index) => ({ pk: `ACCOUNT#${index}`, sk: "PROFILE" }));

/** Answers each request with its first key found and the rest unprocessed, `partialAnswers` times; then everything. */
function answerPartly(partialAnswers: number) {
  let answered = 0;
  mock.on(BatchGetCommand).callsFake((input: { RequestItems: Record<string, { Keys: TableKey[] }> }) => {
    const asked = input.RequestItems[tableName]!.Keys;
    answered += 1;
    if (answered <= partialAnswers)
      return { Responses: { [tableName]: asked.slice(0, 1) }, UnprocessedKeys: { [tableName]: { Keys: asked.slice(1) } } };
    return { Responses: { [tableName]: asked } };
  });
}

describe("batchGetAll", () => {
  it("asks again for the unprocessed keys until every key is answered", async () => {
    answerPartly(3);
    const items = await batchGetAll({ documentClient, tableName }, keysOf(6), "profiles");
    expect(items.map((item) => item.pk).sort()).toEqual(keysOf(6).map((key) => key.pk));
    const asked = mock.commandCalls(BatchGetCommand).map((call) => call.args[0].input.RequestItems![tableName]!.Keys!.length);
    expect(asked).toEqual([6, 5, 4, 3]);
  });

  it(`answers after ${batchGetLimits.unprocessedKeysRetriesMax} retries, and gives up with a TransientError after one more`, async () => {
    answerPartly(batchGetLimits.unprocessedKeysRetriesMax);
    expect(await batchGetAll({ documentClient, tableName }, keysOf(8), "profiles")).toHaveLength(8);
    mock.reset();
    answerPartly(batchGetLimits.unprocessedKeysRetriesMax + 1);
    await expect(batchGetAll({ documentClient, tableName }, keysOf(8), "profiles")).rejects.toBeInstanceOf(TransientError);
    expect(mock.commandCalls(BatchGetCommand)).toHaveLength(batchGetLimits.unprocessedKeysRetriesMax + 1);
  });

  it(`takes ${batchGetLimits.keysMax} keys and refuses one more, sending nothing`, async () => {
    answerPartly(0);
    expect(await batchGetAll({ documentClient, tableName }, keysOf(batchGetLimits.keysMax), "many")).toHaveLength(batchGetLimits.keysMax);
    mock.reset();
    await expect(batchGetAll({ documentClient, tableName }, keysOf(batchGetLimits.keysMax + 1), "too many")).rejects.toThrow(/exceeds/);
    expect(mock.commandCalls(BatchGetCommand)).toHaveLength(0);
  });
});
