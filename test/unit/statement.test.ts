/** The statement decider (rows, what it counts once, the balances walked back), its CSV form, half-month arithmetic and Accept negotiation. */
import { describe, expect, it } from "vitest";
import { preferredMediaType } from "../../functions/middleware/content-negotiation.ts";
import { nextPeriodId, periodById, periodIdOfDay } from "../../shared/domain/calendar.ts";
import { holderAccount, operatorAccount } from "../../shared/domain/ledger/accounts.ts";
import { makeTransfer } from "../../shared/domain/ledger/transfers.ts";
import { decideSettlement } from "../../shared/domain/settlement.ts";
import { type BookedTransfer, buildStatement, type StatementInput } from "../../shared/domain/statement.ts";
import { csvField, decimalOf, minorDigitsOf, statementCsv, statementCsvHeader } from "../../shared/domain/statement-csv.ts";
import type { PeriodAccrualItem } from "../../shared/schemas/ledger-items.ts";
import { statementQuerySchema } from "../../shared/schemas/statement-api.ts";
import type { Transfer, TransferCode } from "../../shared/schemas/transfer-items.ts";
import { periodsBetween } from "../../shared/use-cases/read-statement.ts";

const timeZone = "Europe/Prague";
const account = "partner-1";
const pending = holderAccount(account, "commission_pending", "EUR");
const available = holderAccount(account, "commission_available", "EUR");
const reserved = holderAccount(account, "payout_reserved", "EUR");
const expense = operatorAccount("commission_expense", "EUR");
const clearing = operatorAccount("payout_clearing", "EUR");

describe("half months", () => {
  it("names the period of a day (the 14th and the 15th apart) and the one after each", () => {
    expect(periodIdOfDay({ year: 2026, month: 3, day: 14 })).toBe("2026-03-1");
    expect(periodIdOfDay({ year: 2026, month: 3, day: 15 })).toBe("2026-03-2");
    expect(nextPeriodId("2026-03-1")).toBe("2026-03-2");
    expect(nextPeriodId("2026-03-2")).toBe("2026-04-1");
    expect(nextPeriodId("2026-12-2")).toBe("2027-01-1");
    expect(() => nextPeriodId("2026-13-1")).toThrow();
  });

  it("lists the periods of a range, at most 24", () => {
    expect(periodsBetween("2026-02-28", "2026-03-15", timeZone).map((period) => period.periodId)).toEqual([
      "2026-02-2",
      "2026-03-1",
      "2026-03-2",
    ]);
    expect(periodsBetween("2026-01-01", "2026-12-31", timeZone)).toHaveLength(24);
    expect(() => periodsBetween("2026-01-01", "2027-01-01", timeZone)).toThrow(/at most 24/);
  });

  it("refuses a range of more than 24 periods, or backwards, at the edge", () => {
    expect(statementQuerySchema.safeParse({ from: "2026-01-01", to: "2026-12-31" }).success).toBe(true);
    expect(statementQuerySchema.safeParse({ from: "2026-01-01", to: "2027-01-01" }).error?.issues).toMatchObject([
      { path: ["to"], message: expect.stringContaining("25 half-month periods, at most 24") },
    ]);
    expect(statementQuerySchema.safeParse({ from: "2026-03-15", to: "2026-03-14" }).error?.issues).toMatchObject([{ path: ["to"] }]);
    expect(statementQuerySchema.safeParse({ from: "2026-03-14", to: "2026-03-14" }).success).toBe(true);
  });
});

function accrual(overrides: Partial<PeriodAccrualItem> = {}): PeriodAccrualItem {
  return {
    accountId: account,
    programId: "zadarma-partner",
    periodId: "2026-03-1",
    currency: "EUR",
    accruedMinor: 25_000,
    baseMinor: 250_000,
    accrualRateBps: 1_000,
    activeCustomers: 25,
    entryCount: 26,
    updatedAt: "2026-03-14T10:00:00.000Z",
    ...overrides,
  };
}

let sequence = 0;
function transfer(
  code: TransferCode,
  debit: Transfer["debit"],
  credit: Transfer["credit"],
  amountMinor: number,
  extra: Partial<Transfer> = {},
) {
  sequence += 1;
  return makeTransfer({
    index: 0,
    sourceEventId: `test-${sequence}`,
    sourceEventType: "test",
    postedAt: "2026-03-20T10:00:00.000Z",
    memo: code,
    programId: "zadarma-partner",
    periodId: "2026-03-1",
    debit,
    credit,
    amountMinor,
    code,
    ...extra,
  });
}

const booked = (transfers: readonly Transfer[], periodId = "2026-03-1"): BookedTransfer[] =>
  transfers.map((item) => ({ transfer: item, periodId }));

/** March's first half accrued 250.00 and settled at 12 % (a top-up of 50.00). */
const settlement = decideSettlement({
  accrual: accrual(),
  ruleRateBps: 1_000,
  settings: { tiers: [{ minActiveCustomers: 25, rateBps: 1_200 }] },
  postedAt: new Date("2026-03-14T23:00:05.000Z"),
});
const settledAccrual = accrual({ ...settlement.accrualSettlement });

function input(overrides: Partial<StatementInput> = {}): StatementInput {
  return {
    accountId: account,
    currency: "EUR",
    periods: [periodById("2026-03-1", timeZone), periodById("2026-03-2", timeZone)],
    accruals: [settledAccrual],
    transfers: booked(settlement.transfers),
    balances: { commissionPendingMinor: 0, commissionAvailableMinor: 30_000, payoutReservedMinor: 0 },
    ...overrides,
  };
}

describe("buildStatement", () => {
  it("shows the accrual from its item and the settlement from its transfers and item, with the reason", () => {
    const [march, secondHalf] = buildStatement(input());
    expect(march).toMatchObject({
      periodId: "2026-03-1",
      firstDay: "2026-03-01",
      lastDay: "2026-03-14",
      accruedMinor: 25_000,
      releasedMinor: 25_000,
      topUpMinor: 5_000,
      movements: { commissionPendingMinor: 0, commissionAvailableMinor: 30_000, payoutReservedMinor: 0 },
      openingBalances: { commissionPendingMinor: 0, commissionAvailableMinor: 0, payoutReservedMinor: 0 },
      closingBalances: { commissionPendingMinor: 0, commissionAvailableMinor: 30_000, payoutReservedMinor: 0 },
      programs: [
        {
          programId: "zadarma-partner",
          settlement: "settled",
          rateBps: 1_200,
          rateReason: { kind: "tier", minActiveCustomers: 25 },
          rateExplanation: "12 %: 25 active referred customers, at least 25 for this tier",
          topUpMinor: 5_000,
        },
      ],
    });
    expect(secondHalf).toMatchObject({ accruedMinor: 0, programs: [], openingBalances: march!.closingBalances });
  });

  it("counts an accrual or a pending clawback found after settlement once: on the item", () => {
    const late = [transfer("commission_accrual", expense, pending, 700), transfer("commission_clawback", pending, expense, 200)];
    const [march] = buildStatement(input({ transfers: booked([...settlement.transfers, ...late]) }));
    expect(march).toMatchObject({ accruedMinor: 25_000, clawedBackAfterSettlementMinor: 0, movements: { commissionPendingMinor: 0 } });
  });

  it("counts a transfer found twice once, and leaves out what is booked before the first period", () => {
    const reserve = transfer("withdrawal_reserve", available, reserved, 10_000, { periodId: "2026-03-2" });
    const older = transfer("commission_clawback", available, expense, 99, { periodId: "2026-02-2" });
    const rows = buildStatement(
      input({
        transfers: [...booked(settlement.transfers), ...booked([reserve, reserve], "2026-03-2"), ...booked([older], "2026-02-2")],
        balances: { commissionPendingMinor: 0, commissionAvailableMinor: 20_000 - 99, payoutReservedMinor: 10_000 },
      }),
    );
    expect(rows[1]).toMatchObject({
      withdrawalReservedMinor: 10_000,
      movements: { commissionAvailableMinor: -10_000, payoutReservedMinor: 10_000 },
      closingBalances: { commissionAvailableMinor: 20_000 - 99, payoutReservedMinor: 10_000 },
    });
    // What was booked before the range is in the first opening balance.
    expect(rows[0]!.openingBalances).toEqual({ commissionPendingMinor: 0, commissionAvailableMinor: -99, payoutReservedMinor: 0 });
  });

  it("splits refunds after settlement into the commission and the top-up's share, and withdrawals into reserved, paid and returned", () => {
    const topUpId = settlement.accrualSettlement.topUpTransferId!;
    const after = [
      transfer("commission_clawback", available, expense, 1_000),
      transfer("tier_top_up", available, expense, 200, { reversesTransferId: topUpId }),
    ];
    const first = transfer("withdrawal_reserve", available, reserved, 20_000, { periodId: "2026-03-2" });
    const second = transfer("withdrawal_reserve", available, reserved, 8_000, { periodId: "2026-03-2" });
    const withdrawals = [
      first,
      transfer("withdrawal_post", reserved, clearing, 20_000, { periodId: "2026-03-2", reservationTransferId: first.transferId }),
      second,
      transfer("withdrawal_void", reserved, available, 8_000, { periodId: "2026-03-2", reversesTransferId: second.transferId }),
    ];
    const rows = buildStatement(
      input({
        transfers: [...booked([...settlement.transfers, ...after]), ...booked(withdrawals, "2026-03-2")],
        balances: { commissionPendingMinor: 0, commissionAvailableMinor: 30_000 - 1_200 - 20_000, payoutReservedMinor: 0 },
      }),
    );
    expect(rows[0]).toMatchObject({
      clawedBackAfterSettlementMinor: 1_000,
      topUpReversedMinor: 200,
      closingBalances: { commissionAvailableMinor: 28_800 },
    });
    expect(rows[1]).toMatchObject({
      withdrawalReservedMinor: 28_000,
      withdrawalPaidMinor: 20_000,
      withdrawalReturnedMinor: 8_000,
      movements: { commissionAvailableMinor: -20_000, payoutReservedMinor: 0 },
      closingBalances: { commissionAvailableMinor: 8_800, payoutReservedMinor: 0 },
    });
    expect(rows[0]!.openingBalances.commissionAvailableMinor).toBe(0);
  });

  it("shows a reduction (an individual rate below the accrual's) as a negative top-up, and its share given back as a negative reversal", () => {
    const reduced = decideSettlement({
      accrual: accrual(),
      ruleRateBps: 1_000,
      settings: { tiers: [] },
      individualRate: { rateBps: 500, setAt: "2026-03-01T00:00:00.000Z" },
      postedAt: new Date("2026-03-14T23:00:05.000Z"),
    });
    const givenBack = transfer("tier_top_up", expense, available, 100, { reversesTransferId: reduced.accrualSettlement.topUpTransferId! });
    const [march] = buildStatement(
      input({
        accruals: [accrual({ ...reduced.accrualSettlement })],
        transfers: booked([...reduced.transfers, givenBack]),
        balances: { commissionPendingMinor: 0, commissionAvailableMinor: 12_600, payoutReservedMinor: 0 },
      }),
    );
    expect(march).toMatchObject({
      topUpMinor: -12_500,
      topUpReversedMinor: -100,
      programs: [{ rateBps: 500, rateReason: { kind: "individual_rate" }, topUpMinor: -12_500 }],
      openingBalances: { commissionAvailableMinor: 0 },
    });
  });

  it("walks the balances back through periods booked to after the range", () => {
    const laterAccrual = accrual({ periodId: "2026-05-1", accruedMinor: 3_000, settledAt: undefined });
    const rows = buildStatement(
      input({
        periods: [periodById("2026-03-1", timeZone)],
        accruals: [settledAccrual, laterAccrual],
        balances: { commissionPendingMinor: 3_000, commissionAvailableMinor: 30_000, payoutReservedMinor: 0 },
      }),
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.closingBalances).toEqual({ commissionPendingMinor: 0, commissionAvailableMinor: 30_000, payoutReservedMinor: 0 });
  });

  it("shows one program's figures with programId, the balances still the currency's", () => {
    const other = accrual({ programId: "other-program", accruedMinor: 1_000, baseMinor: 10_000, activeCustomers: 1 });
    const both = input({
      accruals: [settledAccrual, other],
      balances: { commissionPendingMinor: 1_000, commissionAvailableMinor: 30_000, payoutReservedMinor: 0 },
    });
    const [all] = buildStatement(both);
    expect(all).toMatchObject({ accruedMinor: 26_000, programs: [{ programId: "other-program" }, { programId: "zadarma-partner" }] });
    const [one] = buildStatement({ ...both, programId: "zadarma-partner" });
    expect(one).toMatchObject({
      accruedMinor: 25_000,
      movements: { commissionPendingMinor: 0 },
      programs: [{ programId: "zadarma-partner" }],
      closingBalances: all!.closingBalances,
    });
  });
});

describe("the CSV form", () => {
  it("quotes a field with a comma, a quote, a CR or an LF, doubling quotes (RFC 4180)", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvField("cr\rhere")).toBe('"cr\rhere"');
  });

  it("writes minor units as decimals with the currency's ISO 4217 digits", () => {
    expect([minorDigitsOf("EUR"), minorDigitsOf("JPY"), minorDigitsOf("BHD"), minorDigitsOf("XXY")]).toEqual([2, 0, 3, 2]);
    expect([decimalOf(123_456, 2), decimalOf(-5, 2), decimalOf(0, 2), decimalOf(-1_500, 0), decimalOf(1_234, 3)]).toEqual([
      "1234.56",
      "-0.05",
      "0.00",
      "-1500",
      "1.234",
    ]);
  });

  it("has a header and one CRLF-ended line per period, each of the header's length", () => {
    const rows = buildStatement(input());
    const csv = statementCsv(rows, "EUR");
    const lines = csv.split("\r\n");
    expect(lines.at(-1)).toBe("");
    expect(lines.slice(0, -1)).toHaveLength(1 + rows.length);
    expect(lines[0]).toBe(statementCsvHeader.join(","));
    expect(lines[1]).toContain(",EUR,25000,250.00,25000,250.00,5000,50.00,");
  });
});

describe("Accept negotiation", () => {
  const offered = ["application/json", "text/csv"] as const;
  it.each([
    [undefined, "application/json"],
    ["", "application/json"],
    ["text/csv", "text/csv"],
    ["text/csv; charset=utf-8", "text/csv"],
    ["TEXT/CSV", "text/csv"],
    ["application/json, text/csv", "application/json"],
    ["text/csv, application/json;q=0.9", "text/csv"],
    ["text/csv;q=0.5, application/json", "application/json"],
    ["text/*, application/json;q=0.2", "text/csv"],
    ["*/*", "application/json"],
    ["text/csv;q=0, */*", "application/json"],
    ["text/html", "application/json"],
    ["garbage;;;", "application/json"],
    ["text/csv;q=abc", "application/json"],
  ])("%j → %s", (accept, expected) => {
    expect(preferredMediaType(accept, offered)).toBe(expected);
  });
});
