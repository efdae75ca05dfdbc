/**
 * The grant check the integration setups run the code through (test/support/function-grants.ts): it
 * refuses what IAM would refuse under the catalog's grants, so it can fail, and allows what they grant.
 */
import {
  BatchGetCommand,
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  TransactWriteCommand,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { keys } from "../../shared/data/keys.ts";
import { authorizationsOf, refusalOf } from "../support/function-grants.ts";

const TableName = "ledger";
const refused = (functionName: string, command: { constructor: { name: string }; input: unknown }) =>
  authorizationsOf(command)
    .map((authorization) => refusalOf([functionName], authorization))
    .filter((refusal) => refusal !== undefined);

describe("the functions' grants on DynamoDB Local", () => {
  it("let billing-events delete a parked reversal and a reward in window, never an item of an account's partition", () => {
    expect(refused("billing-events", new DeleteCommand({ TableName, Key: keys.parkedEvent("INV-1", "evt-1") }))).toEqual([]);
    expect(
      refused("billing-events", new DeleteCommand({ TableName, Key: keys.rewardInWindow("acc-1", "invoice", "2026-01-01", "INV-1") })),
    ).toEqual([]);
    expect(refused("billing-events", new DeleteCommand({ TableName, Key: keys.transfer("acc-1", "2026-01-01", "tr_1") }))).toEqual([
      "billing-events is not granted dynamodb:DeleteItem on partition ACCOUNT#acc-1: list it in infra/catalog.ts if the code needs it",
    ]);
  });

  it("authorize a transaction per item: one item outside the grants refuses it", () => {
    const transaction = new TransactWriteCommand({
      TransactItems: [
        { Put: { TableName, Item: { ...keys.sourceEvent("evt-1") } } },
        { Delete: { TableName, Key: keys.ledgerAccount("acc-1", "commission_pending", "EUR") } },
      ],
    });
    expect(refused("billing-events", transaction)).toHaveLength(1);
    expect(refused("billing-events", new TransactWriteCommand({ TransactItems: [transaction.input.TransactItems![0]!] }))).toEqual([]);
  });

  it("refuse a batch read when any of its keys is outside the patterns (ForAllValues)", () => {
    const batch = (pks: string[]) => new BatchGetCommand({ RequestItems: { [TableName]: { Keys: pks.map((pk) => ({ pk, sk: "X" })) } } });
    expect(refused("create-attribution", batch(["ACCOUNT#a", "ACCOUNT#b"]))).toEqual([]);
    expect(refused("create-attribution", batch(["ACCOUNT#a", "EVENT#e"]))).toHaveLength(1);
  });

  it("let the redirect read codes and the configuration, put counted clicks, and nothing else (not even a counter)", () => {
    expect(refused("redirect", new GetCommand({ TableName, Key: keys.referralCode("ABC123") }))).toEqual([]);
    expect(refused("redirect", new GetCommand({ TableName, Key: keys.operatorConfig() }))).toEqual([]);
    expect(refused("redirect", new PutCommand({ TableName, Item: keys.countedClick("ABC123", "hash") }))).toEqual([]);
    expect(refused("redirect", new UpdateCommand({ TableName, Key: keys.referralCode("ABC123") }))).toHaveLength(1);
    expect(refused("redirect", new GetCommand({ TableName, Key: keys.accountProfile("acc-1") }))).toHaveLength(1);
    expect(refused("redirect", new DeleteCommand({ TableName, Key: keys.referralCode("ABC123") }))).toHaveLength(1);
    expect(refused("redirect", new ScanCommand({ TableName }))).toHaveLength(1);
  });

  it("let the click aggregator read and move its checkpoints and add to code counters, and nothing else", () => {
    expect(refused("aggregate-clicks", new GetCommand({ TableName, Key: keys.clickStreamCheckpoint("shardId-1") }))).toEqual([]);
    const counters = new TransactWriteCommand({
      TransactItems: [
        { Update: { TableName, Key: keys.referralCode("ABC123"), UpdateExpression: "ADD clickCount :n" } },
        { Update: { TableName, Key: keys.dailyClicks("ABC123", "2026-03-14"), UpdateExpression: "ADD clickCount :n" } },
        { Update: { TableName, Key: keys.clickStreamCheckpoint("shardId-1"), UpdateExpression: "SET lastSequenceNumber = :s" } },
      ],
    });
    expect(refused("aggregate-clicks", counters)).toEqual([]);
    expect(refused("aggregate-clicks", new PutCommand({ TableName, Item: keys.countedClick("ABC123", "hash") }))).toHaveLength(1);
    expect(refused("aggregate-clicks", new GetCommand({ TableName, Key: keys.accountProfile("acc-1") }))).toHaveLength(1);
  });

  it("let get-ledger query gsi1 and the operator's ledger index (gsi3) only, and get-openapi nothing", () => {
    const byIndex = (IndexName: string) =>
      new QueryCommand({
        TableName,
        IndexName,
        KeyConditionExpression: `${IndexName}pk = :p`,
        ExpressionAttributeValues: { ":p": "LEDGER#a#p" },
      });
    expect(refused("get-ledger", byIndex("gsi1"))).toEqual([]);
    expect(refused("get-ledger", byIndex("gsi3"))).toEqual([]);
    expect(refused("get-ledger", byIndex("gsi2"))).toHaveLength(1);
    expect(refused("get-balance", byIndex("gsi3"))).toHaveLength(1);
    expect(refused("get-openapi", new GetCommand({ TableName, Key: keys.operatorConfig() }))).toHaveLength(1);
  });
});
