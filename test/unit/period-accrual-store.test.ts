/**
 * The settled-accrual read is a BatchGetItem (batch-get.ts): keys DynamoDB leaves unprocessed are asked
 * again, not turned into a failed event. DynamoDB Local never leaves any, so aws-sdk-client-mock plays
 * the partial answer.
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { BatchGetCommand, DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, describe, expect, it } from "vitest";
import type { TableKey } from "../../shared/data/keys.ts";
import { type AccrualReference, createPeriodAccrualStore } from "../../shared/data/period-accrual-store.ts";
import { fixedClock } from "../../shared/domain/clock.ts";

const tableName = "period-accrual-test";
const documentClient = DynamoDBDocumentClient.from(new DynamoDBClient({ region: "eu-central-1" }));
const mock = mockClient(documentClient);
afterEach(() => mock.reset());

const accruals: AccrualReference[] = ["2026-03-1", "2026-03-2", "2026-04-1"].map((periodId) => ({
  accountId: "referrer",
  programId: "zadarma",
  periodId,
  currency: "EUR",
}));

function accrualItem(key: TableKey) {
  const periodId = String(key.sk).split("#")[2]!;
  return {
    ...key,
    accountId: "referrer",
    programId: "zadarma",
    periodId,
    currency: "EUR",
    accruedMinor: 500,
    baseMinor: 5000,
    entryCount: 1,
    updatedAt: "2026-05-01T00:00:00.000Z",
    // Only the first period is settled.
    ...(periodId === "2026-03-1" ? { settledAt: "2026-03-16T00:00:00.000Z", settledBaseMinor: 5000 } : {}),
  };
}

describe("readSettledAccruals", () => {
  it("asks again for the keys left unprocessed and answers with every settled one", async () => {
    let answered = 0;
    mock.on(BatchGetCommand).callsFake((input: { RequestItems: Record<string, { Keys: TableKey[] }> }) => {
      const asked = input.RequestItems[tableName]!.Keys;
      answered += 1;
      // The first answer serves only the last key; the settled one is left unprocessed.
      if (answered === 1)
        return {
          Responses: { [tableName]: asked.slice(-1).map(accrualItem) },
          UnprocessedKeys: { [tableName]: { Keys: asked.slice(0, -1) } },
        };
      return { Responses: { [tableName]: asked.map(accrualItem) } };
    });
    const store = createPeriodAccrualStore({ documentClient, tableName }, fixedClock(new Date("2026-05-01T00:00:00Z")));
    const settled = await store.readSettledAccruals([...accruals, accruals[0]!]);
    expect([...settled.values()].map((accrual) => accrual.periodId)).toEqual(["2026-03-1"]);
    const asked = mock.commandCalls(BatchGetCommand).map((call) => call.args[0].input.RequestItems![tableName]!.Keys!.length);
    expect(asked).toEqual([3, 2]);
  });
});
