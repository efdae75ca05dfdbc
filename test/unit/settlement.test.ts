/** The settlement decider on its intents: which period a run settles, the rate and why, the transfers, and the top-up a refund takes back. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatLocalDate, fromLocal, nextPeriodId, parseLocalDate, periodById } from "../../shared/domain/calendar.ts";
import { accountChanges, netByCurrency } from "../../shared/domain/ledger/transfers.ts";
import { proportionalShareMinor } from "../../shared/domain/money.ts";
import {
  activeCustomerMark,
  decideSettlement,
  decideTopUpReversal,
  periodDueAt,
  periodsSettledAt,
  type SettledAccrual,
  settledAccrualOf,
  settlementRateOf,
  settlementRunDayOf,
  uniformAccrualRateOf,
} from "../../shared/domain/settlement.ts";
import { settlementLimits } from "../../shared/limits.ts";
import type { PeriodAccrualItem } from "../../shared/schemas/ledger-items.ts";

const tiers = [
  { minActiveCustomers: 25, rateBps: 1_200 },
  { minActiveCustomers: 100, rateBps: 1_500 },
];

function accrual(overrides: Partial<PeriodAccrualItem> = {}): PeriodAccrualItem {
  return {
    accountId: "partner-1",
    programId: "zadarma-partner",
    periodId: "2026-03-1",
    currency: "EUR",
    accruedMinor: 1_735,
    baseMinor: 17_345,
    accrualRateBps: 1_000,
    activeCustomers: 2,
    entryCount: 3,
    updatedAt: "2026-03-14T10:00:00.000Z",
    ...overrides,
  };
}

const postedAt = new Date("2026-03-14T23:00:05.000Z");

describe("periodDueAt: the period a run settles (Europe/Prague)", () => {
  it.each([
    ["00:00 on the 15th settles the 1st-14th", "2026-03-14T23:00:00Z", 0, "2026-03-1", "2026-03-01", "2026-03-14"],
    ["00:00 on the 1st settles the 15th to the month's end", "2026-03-31T22:00:00Z", 0, "2026-03-2", "2026-03-15", "2026-03-31"],
    ["a run on 1 March settles the 15th-28th of February", "2026-02-28T23:00:00Z", 0, "2026-02-2", "2026-02-15", "2026-02-28"],
    ["a run three days late settles the same period", "2026-03-17T23:00:00Z", 0, "2026-03-1", "2026-03-01", "2026-03-14"],
    ["a 30-day hold: the run on 15 April settles 1-14 March", "2026-04-14T22:00:00Z", 30, "2026-03-1", "2026-03-01", "2026-03-14"],
    ["a 30-day hold: the run on 1 April settles 1-14 February", "2026-03-31T22:00:00Z", 30, "2026-02-2", "2026-02-15", "2026-02-28"],
    ["the run on 1 November, after the DST change of 25 October", "2026-10-31T23:00:00Z", 0, "2026-10-2", "2026-10-15", "2026-10-31"],
    ["the run on 1 April, after the DST change of 29 March", "2026-03-31T22:00:00Z", 0, "2026-03-2", "2026-03-15", "2026-03-31"],
  ])("%s", (_, runAt, holdDays, periodId, firstDay, lastDay) => {
    const period = periodDueAt(new Date(runAt), "Europe/Prague", holdDays);
    expect({ periodId: period.periodId, firstDay: formatLocalDate(period.firstDay), lastDay: formatLocalDate(period.lastDay) }).toEqual({
      periodId,
      firstDay,
      lastDay,
    });
  });
});

describe("settlementRunDayOf: the day of the run that settles a period (Europe/Prague)", () => {
  it.each([
    ["no hold: the 1st-14th on the 15th", "2026-11-1", 0, "2026-11-15"],
    ["no hold: the 15th-end on the 1st of the next month", "2026-11-2", 0, "2026-12-01"],
    ["no hold: December's second half in January", "2026-12-2", 0, "2027-01-01"],
    ["a 30-day hold: 1-14 November on 15 December", "2026-11-1", 30, "2026-12-15"],
    ["a 30-day hold: 15-31 December on 1 February", "2026-12-2", 30, "2027-02-01"],
    ["a 14-day hold: 1-14 March on 1 April (29 March shifts the clock)", "2026-03-1", 14, "2026-04-01"],
  ])("%s", (_, periodId, holdDays, runDay) => {
    const period = periodById(periodId, "Europe/Prague");
    expect(settlementRunDayOf(period, holdDays)).toBe(runDay);
    // The run of that day is the one that settles it.
    expect(periodDueAt(fromLocal(parseLocalDate(runDay), "Europe/Prague"), "Europe/Prague", holdDays).periodId).toBe(periodId);
  });
});

describe("periodsDueAt: the scheduled runs settle every period once, whatever the hold", () => {
  /** The 1st and the 15th of 2026-2028, in order, as the schedule fires them (00:00 operator-local). */
  const scheduledDays: string[] = [];
  for (let year = 2026; year <= 2028; year += 1)
    for (let month = 1; month <= 12; month += 1)
      for (const day of [1, 15]) scheduledDays.push(`${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`);

  /** Runs the schedule over three years as startSettlement does: each run starts the due periods no run started. */
  function scheduledRuns(holdDays: number, timeZone: string): { startedOn: Map<string, string>; startedBy: Map<string, string[]> } {
    const startedOn = new Map<string, string>();
    const startedBy = new Map<string, string[]>();
    for (const day of scheduledDays) {
      const runAt = fromLocal({ ...parseLocalDate(day), hour: 0, minute: 0, second: 0 }, timeZone);
      const { own, latest } = periodsSettledAt(runAt, timeZone, holdDays);
      const started = [...own, ...(own.includes(latest) || startedOn.has(latest.periodId) ? [] : [latest])].map(
        (period) => period.periodId,
      );
      for (const periodId of started) expect(startedOn.has(periodId), `${periodId} started twice, hold ${holdDays}`).toBe(false);
      for (const periodId of started) startedOn.set(periodId, day);
      startedBy.set(day, started);
    }
    return { startedOn, startedBy };
  }

  it("starts each half month of 2026-03 to 2028-06 once, on its settlementRunDayOf, for every hold from 0 to 60 days", () => {
    for (const timeZone of ["Europe/Prague", "America/Los_Angeles", "Pacific/Auckland"])
      for (let holdDays = 0; holdDays <= 60; holdDays += 1) {
        const { startedOn } = scheduledRuns(holdDays, timeZone);
        for (let periodId = "2026-03-1"; periodId <= "2028-06-2"; periodId = nextPeriodId(periodId))
          expect(startedOn.get(periodId), `${periodId}, hold ${holdDays}, ${timeZone}`).toBe(
            settlementRunDayOf(periodById(periodId, timeZone), holdDays),
          );
      }
  });

  it("a 30-day hold: the run on 1 April 2027 starts both halves of February, the run on 1 March none (the audit's case)", () => {
    const { startedBy } = scheduledRuns(30, "Europe/Prague");
    expect(startedBy.get("2027-02-15")).toEqual(["2027-01-1"]);
    expect(startedBy.get("2027-03-01")).toEqual([]);
    expect(startedBy.get("2027-03-15")).toEqual(["2027-01-2"]);
    expect(startedBy.get("2027-04-01")).toEqual(["2027-02-1", "2027-02-2"]);
  });

  it("a run on demand, or late, settles the latest due period whose scheduled run is past", () => {
    const at = (day: string) => fromLocal(parseLocalDate(day), "Europe/Prague");
    expect(periodsSettledAt(at("2027-03-17"), "Europe/Prague", 0)).toMatchObject({ own: [], latest: { periodId: "2027-03-1" } });
    expect(periodsSettledAt(at("2027-03-15"), "Europe/Prague", 0)).toMatchObject({ own: [{ periodId: "2027-03-1" }] });
    expect(periodsSettledAt(at("2027-03-20"), "Europe/Prague", 30)).toMatchObject({ own: [], latest: { periodId: "2027-02-1" } });
  });
});

describe("settlementRateOf: the rate in force at settlement, and why", () => {
  it.each([
    [0, 1_000, { kind: "rule_rate" }],
    [24, 1_000, { kind: "rule_rate" }],
    [25, 1_200, { kind: "tier", minActiveCustomers: 25 }],
    [99, 1_200, { kind: "tier", minActiveCustomers: 25 }],
    [100, 1_500, { kind: "tier", minActiveCustomers: 100 }],
    [200_000, 1_500, { kind: "tier", minActiveCustomers: 100 }],
  ])("%i active customers: %i bps", (activeCustomers, rateBps, reason) => {
    expect(settlementRateOf({ activeCustomers, ruleRateBps: 1_000, settings: { tiers } })).toEqual({ rateBps, reason });
  });

  it("takes the partner's individual rate over the ladder, higher or lower", () => {
    for (const rateBps of [800, 2_000])
      expect(
        settlementRateOf({
          activeCustomers: 500,
          ruleRateBps: 1_000,
          settings: { tiers },
          individualRate: { rateBps, setAt: "2026-01-01T00:00:00.000Z" },
        }),
      ).toEqual({ rateBps, reason: { kind: "individual_rate", setAt: "2026-01-01T00:00:00.000Z" } });
  });

  it("pays the rule's rate with no ladder", () => {
    expect(settlementRateOf({ activeCustomers: 1_000, ruleRateBps: 1_000, settings: { tiers: [] } })).toEqual({
      rateBps: 1_000,
      reason: { kind: "rule_rate" },
    });
  });
});

describe("decideSettlement", () => {
  it("at the accrual's own rate: releases what accrued, no top-up", () => {
    const decision = decideSettlement({ accrual: accrual(), ruleRateBps: 1_000, settings: { tiers }, postedAt });
    expect(decision.transfers).toMatchObject([
      {
        code: "settlement_release",
        amountMinor: 1_735,
        debit: { holder: "partner-1", kind: "commission_pending" },
        credit: { holder: "partner-1", kind: "commission_available" },
        periodId: "2026-03-1",
        sourceEventId: "settlement:zadarma-partner:2026-03-1:partner-1:EUR",
      },
    ]);
    expect(decision.topUpMinor).toBe(0);
    expect(decision.message).toMatchObject({
      type: "commission.settled",
      settledMinor: 1_735,
      rateBps: 1_000,
      rateReason: { kind: "rule_rate" },
    });
  });

  it("at a tier: pays the whole period's base at the tier's rate, the difference from the operator's expense", () => {
    const decision = decideSettlement({ accrual: accrual({ activeCustomers: 25 }), ruleRateBps: 1_000, settings: { tiers }, postedAt });
    // 12 % of 173.45 = 20.814 → 20.81; accrued 17.35: top-up 3.46.
    expect(decision.topUpMinor).toBe(2_081 - 1_735);
    expect(decision.transfers[1]).toMatchObject({
      code: "tier_top_up",
      amountMinor: 346,
      debit: { holder: "operator", kind: "commission_expense" },
      credit: { holder: "partner-1", kind: "commission_available" },
      rateBps: 1_200,
      basisMinor: 17_345,
    });
    expect(decision.transfers[1]?.memo).toContain("25 active referred customers, at least 25 for this tier");
    expect(decision.accrualSettlement).toMatchObject({ settledRateBps: 1_200, settledBaseMinor: 17_345, topUpMinor: 346 });
    expect(decision.accrualSettlement.topUpTransferId).toBe(decision.transfers[1]?.transferId);
    expect([...netByCurrency(accountChanges(decision.transfers)).values()]).toEqual([0]);
  });

  it("at a lower individual rate: the reduction goes back to the operator's expense", () => {
    const decision = decideSettlement({
      accrual: accrual(),
      ruleRateBps: 1_000,
      settings: { tiers },
      individualRate: { rateBps: 500, setAt: "2026-02-01T00:00:00.000Z" },
      postedAt,
    });
    expect(decision.topUpMinor).toBe(867 - 1_735);
    expect(decision.transfers[1]).toMatchObject({
      code: "tier_top_up",
      amountMinor: 868,
      debit: { kind: "commission_available" },
      credit: { kind: "commission_expense" },
    });
    // The release and the reduction in one effect never take available below zero.
    const available = accountChanges(decision.transfers).find((change) => change.account.kind === "commission_available");
    expect(available).toMatchObject({ balanceDeltaMinor: 867 });
    expect(available?.requiredBalanceMinor).toBeUndefined();
  });

  it("settles a period whose base is above one payment's limit: 26 recharges of 40,000,000.00 IDR at a tier (the audit's case)", () => {
    const decision = decideSettlement({
      accrual: accrual({ currency: "IDR", baseMinor: 104_000_000_000, accruedMinor: 10_400_000_000, activeCustomers: 26 }),
      ruleRateBps: 1_000,
      settings: { tiers },
      postedAt,
    });
    expect(decision.transfers.map((transfer) => [transfer.code, transfer.amountMinor])).toEqual([
      ["settlement_release", 10_400_000_000],
      ["tier_top_up", 2_080_000_000],
    ]);
    // A whole-period individual rate of 100 % moves more than one payment may: 300,000,000,000 in all.
    const whole = decideSettlement({
      accrual: accrual({ baseMinor: 300_000_000_000, accruedMinor: 30_000_000_000 }),
      ruleRateBps: 1_000,
      settings: { tiers },
      individualRate: { rateBps: 10_000, setAt: "2026-02-01T00:00:00.000Z" },
      postedAt,
    });
    expect(whole.topUpMinor).toBe(270_000_000_000);
    expect([...netByCurrency(accountChanges(whole.transfers)).values()]).toEqual([0]);
  });

  it("an accrual refunded to nothing settles with no transfer, and still says so", () => {
    const decision = decideSettlement({
      accrual: accrual({ accruedMinor: 0, baseMinor: 0 }),
      ruleRateBps: 1_000,
      settings: { tiers },
      postedAt,
    });
    expect(decision.transfers).toEqual([]);
    expect(decision.message).toMatchObject({ settledMinor: 0, transferIds: [] });
  });

  it("pays the whole base at the rate in force when the rule's rate changed within the period (10 % then 20 %, and back)", () => {
    // 1,000.00 at 10 % (100.00) and 1,000.00 at 20 % (200.00); the rule says 20 % at settlement: 400.00 in all.
    const mixed = accrual({
      accruedMinor: 30_000,
      baseMinor: 200_000,
      accrualRateBps: 2_000,
      accrualRateCount: 2,
      accrualRateSum: 3_000,
      accrualRateSquareSum: 1_000 ** 2 + 2_000 ** 2,
    });
    const decision = decideSettlement({ accrual: mixed, ruleRateBps: 2_000, settings: { tiers: [] }, postedAt });
    expect(decision).toMatchObject({ topUpMinor: 10_000, message: { rateBps: 2_000, settledMinor: 40_000, topUpMinor: 10_000 } });
    // 10 %, 20 %, 10 %: the last rate is the rule's again, but the period still accrued at two.
    expect(
      uniformAccrualRateOf({ accrualRateBps: 1_000, accrualRateCount: 3, accrualRateSum: 4_000, accrualRateSquareSum: 6_000_000 }, 1_000),
    ).toBeUndefined();
    expect(
      uniformAccrualRateOf({ accrualRateBps: 1_000, accrualRateCount: 3, accrualRateSum: 3_000, accrualRateSquareSum: 3_000_000 }, 1_000),
    ).toBe(1_000);
    // Written before the sums were kept: its last rate.
    expect(uniformAccrualRateOf({ accrualRateBps: 1_500 }, 1_000)).toBe(1_500);
    // One rate throughout at the rate in force: each payment keeps its own rounding, no top-up.
    const uniform = accrual({ accrualRateCount: 3, accrualRateSum: 3_000, accrualRateSquareSum: 3_000_000 });
    expect(decideSettlement({ accrual: uniform, ruleRateBps: 1_000, settings: { tiers: [] }, postedAt }).topUpMinor).toBe(0);
  });

  it("refuses an accrual settled before", () => {
    expect(() =>
      decideSettlement({ accrual: accrual({ settledAt: "2026-03-15T00:00:00.000Z" }), ruleRateBps: 1_000, settings: { tiers }, postedAt }),
    ).toThrow(/settled already/);
  });
});

describe("decideTopUpReversal: a refund after settlement takes back the top-up's share", () => {
  const settled = (topUpMinor: number, settledBaseMinor: number): SettledAccrual => ({
    accountId: "partner-1",
    programId: "zadarma-partner",
    periodId: "2026-03-1",
    currency: "EUR",
    settledBaseMinor,
    topUpMinor,
    topUpTransferId: "tr_000000000000000000000001",
    baseReversedAfterSettlementMinor: 0,
    topUpReversedMinor: 0,
  });
  const reverse = (accrual: SettledAccrual, basisMinor: number, index = 0) =>
    decideTopUpReversal({
      accrual,
      basisMinor,
      sourceEventId: "refund-1",
      sourceEventType: "invoice.refunded",
      index,
      postedAt,
      memo: "refund",
    });

  it("in proportion to the refunded base, from available back to the expense", () => {
    const reversal = reverse(settled(346, 17_345), 10_000);
    expect(reversal?.transfer).toMatchObject({
      code: "tier_top_up",
      amountMinor: proportionalShareMinor(346, 10_000, 17_345),
      debit: { kind: "commission_available" },
      credit: { kind: "commission_expense" },
      reversesTransferId: "tr_000000000000000000000001",
    });
  });

  it("gives back a reduction's share the other way", () => {
    expect(reverse(settled(-868, 17_345), 17_345)?.transfer).toMatchObject({
      amountMinor: 868,
      debit: { kind: "commission_expense" },
      credit: { kind: "commission_available" },
    });
  });

  it("nothing to record when the period was paid at its accrual rate", () => {
    expect(reverse(settled(0, 17_345), 5_000)).toBeUndefined();
  });

  it("refunds in any split return exactly the top-up, never more", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -50_000, max: 50_000 }).filter((topUp) => topUp !== 0),
        fc.array(fc.integer({ min: 1, max: 40_000 }), { minLength: 1, maxLength: 12 }),
        (topUpMinor, parts) => {
          const base = parts.reduce((sum, part) => sum + part, 0);
          let state = settled(topUpMinor, base);
          let returned = 0;
          for (const part of [...parts, 1_000]) {
            const reversal = reverse(state, part);
            if (!reversal) continue;
            const amount = reversal.transfer?.amountMinor ?? 0;
            returned += reversal.transfer?.debit.kind === "commission_available" ? amount : -amount;
            state = reversal.accrual;
          }
          expect(returned).toBe(topUpMinor);
          expect(state.baseReversedAfterSettlementMinor).toBe(base);
        },
      ),
    );
  });

  it("reads what a settled accrual item recorded", () => {
    expect(settledAccrualOf(accrual())).toBeUndefined();
    expect(settledAccrualOf(accrual({ settledAt: "2026-03-15T00:00:00.000Z", settledBaseMinor: 17_345, topUpMinor: 346 }))).toMatchObject({
      settledBaseMinor: 17_345,
      topUpMinor: 346,
      baseReversedAfterSettlementMinor: 0,
      topUpReversedMinor: 0,
    });
  });
});

describe("activeCustomerMark: a referee counts once per accrual", () => {
  const step = { programId: "zadarma-partner", periodId: "2026-03-1", currency: "EUR" };

  it("counts a new accrual and remembers it; not twice", () => {
    const first = activeCustomerMark({}, step);
    expect(first).toEqual({ counts: true, commissionedPeriods: ["zadarma-partner#2026-03-1#EUR"] });
    expect(activeCustomerMark({ commissionedPeriods: [...first.commissionedPeriods] }, step).counts).toBe(false);
    expect(activeCustomerMark({ commissionedPeriods: [...first.commissionedPeriods] }, { ...step, currency: "USD" }).counts).toBe(true);
  });

  it("keeps only the newest accruals, whatever order payments arrive in", () => {
    let periods: string[] = [];
    for (let month = 12; month >= 1; month -= 1)
      for (const half of [2, 1]) {
        const mark = activeCustomerMark(
          { commissionedPeriods: periods },
          { ...step, periodId: `2025-${String(month).padStart(2, "0")}-${half}` },
        );
        periods = [...mark.commissionedPeriods];
      }
    expect(periods).toHaveLength(settlementLimits.commissionedPeriodsKept);
    expect(periods[0]).toBe("zadarma-partner#2025-12-2#EUR");
    expect(periods.at(-1)).toBe("zadarma-partner#2025-07-1#EUR");
  });
});
