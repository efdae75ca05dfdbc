import { describe, expect, it } from "vitest";
import { keys } from "../../shared/data/keys.ts";
import {
  decodeBoundaryCursor,
  decodeCursor as decodePageCursor,
  encodeBoundaryCursor,
  encodeCursor,
} from "../../shared/data/page-cursor.ts";
import { ValidationError } from "../../shared/errors.ts";

/** The cursor rules of a ledger page (ledger-store listTransfers): the requested account's transfers, and period. */
function decodeCursor(cursor: string, query: { accountId: string; periodId?: string }) {
  return decodePageCursor(cursor, {
    partition: keys.accountPartition(query.accountId),
    sortKeyPrefix: keys.transferPrefix,
    periodPartition: query.periodId === undefined ? undefined : keys.ledgerPeriodPartition(query.accountId, query.periodId),
  });
}

describe("ledger page cursors", () => {
  const accountKey = { pk: "ACCOUNT#a-1", sk: "TRANSFER#2026-03-01T00:00:00.000Z#tr_1" };
  const periodKey = { ...accountKey, gsi1pk: "LEDGER#a-1#2026-03-1", gsi1sk: accountKey.sk };

  it("round-trips a key of the requested listing", () => {
    expect(decodeCursor(encodeCursor(accountKey), { accountId: "a-1" })).toEqual(accountKey);
    expect(decodeCursor(encodeCursor(periodKey), { accountId: "a-1", periodId: "2026-03-1" })).toEqual(periodKey);
  });

  it.each([
    ["another account's", encodeCursor({ ...accountKey, pk: "ACCOUNT#a-2" }), {}],
    ["a ledger account key", encodeCursor({ pk: "ACCOUNT#a-1", sk: "LEDGER_ACCOUNT#commission_pending#EUR" }), {}],
    ["a period cursor without the period", encodeCursor(periodKey), {}],
    ["another period's", encodeCursor(periodKey), { periodId: "2026-03-2" }],
    ["an account cursor for a period listing", encodeCursor(accountKey), { periodId: "2026-03-1" }],
    ["one with extra attributes", encodeCursor({ ...accountKey, admin: "yes" }), {}],
    ["garbage", "%%%", {}],
    ["base64 of a non-object", Buffer.from("42").toString("base64url"), {}],
  ])("rejects %s cursor as a validation error on query.cursor", (_, cursor, extra) => {
    expect(() => decodeCursor(cursor, { accountId: "a-1", ...extra })).toThrow(ValidationError);
  });
});

describe("operator ledger page cursors (a boundary sort key bound to the currency's listing)", () => {
  const scope = { listing: "OPERATOR_LEDGER#EUR", sortKeyPrefix: "TRANSFER#" };
  const before = "TRANSFER#2026-03-01T00:00:00.000Z#tr_1";

  it("round-trips the boundary of the requested listing", () => {
    expect(decodeBoundaryCursor(encodeBoundaryCursor(scope, before), scope)).toBe(before);
  });

  it.each([
    ["another currency's", encodeBoundaryCursor({ ...scope, listing: "OPERATOR_LEDGER#CZK" }, before)],
    ["one outside the transfers", encodeBoundaryCursor(scope, "LEDGER_ACCOUNT#commission_expense#EUR")],
    ["an account listing's", encodeCursor({ pk: "ACCOUNT#a-1", sk: before })],
    ["one with extra attributes", encodeCursor({ listing: scope.listing, before, admin: "yes" })],
    ["garbage", "%%%"],
  ])("rejects %s cursor as a validation error", (_, cursor) => {
    expect(() => decodeBoundaryCursor(cursor, scope)).toThrow(ValidationError);
  });

  it("is refused by an account's listing", () => {
    expect(() => decodeCursor(encodeBoundaryCursor(scope, before), { accountId: "a-1" })).toThrow(ValidationError);
  });
});
