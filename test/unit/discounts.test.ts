/** The t2 discount deciders on their intents: the referee's discount, the referrer's streak, bonuses once, and the daily schedule. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type DiscountDecision,
  decideDueDiscount,
  decideRefereeDiscount,
  decideReferrerReferral,
  firstDayFrom,
  isBridgedToStreak,
  isInForceOn,
  nextDueDay,
  streakRateBps,
  streakTableOf,
  validityMonthsFor,
} from "../../shared/domain/discounts.ts";
import { t2InviteCodePreset } from "../../shared/domain/program-presets.ts";
import type { DiscountItem } from "../../shared/schemas/discount-items.ts";
import { programDiscountsSchema, programSchema } from "../../shared/schemas/operator-config.ts";
import { outboundMessageSchema } from "../../shared/schemas/outbound-messages.ts";

const discounts = programDiscountsSchema.parse(t2InviteCodePreset.discounts);
const referee = discounts.referee!;
const referrer = discounts.referrer!;
const at = "2026-03-01T10:00:00.000Z";

/** Folds referrals (referee id, day) into the referrer's discount as the trigger would, each referee once; returns the state and every decision. */
/**
 * Decides `referrals` in the given order, as the stream would. With `allWritten`, every referral is written before any
 * is decided (an import), and each decision is given the other days, as decide-referral-discounts gives a referral
 * outside the current streak.
 */
function fold(referrals: readonly (readonly [string, string])[], today = "2026-03-01", allWritten = false) {
  let current: DiscountItem | undefined;
  const decisions: DiscountDecision[] = [];
  const counted = new Set<string>();
  for (const [refereeAccountId, referralOn] of referrals) {
    if (counted.has(refereeAccountId)) continue; // the idempotency record of the referee's id
    counted.add(refereeAccountId);
    const decide = (earlier: readonly string[]) =>
      decideReferrerReferral(
        referrer,
        { programId: "t2-invite", referrerAccountId: "referrer-1", refereeAccountId, referralOn },
        current,
        today > referralOn ? today : referralOn,
        at,
        earlier,
      );
    const others = referrals.filter(([other]) => other !== refereeAccountId).map(([, day]) => day);
    const decision = decide(allWritten ? others : []);
    if (!decision) continue; // a streak of its own, over before the current one began
    decisions.push(decision);
    current = decision.discount;
  }
  return { current: current!, decisions, entries: decisions.flatMap((decision) => decision.history) };
}

describe("t2 discounts in the program configuration", () => {
  it("carries the seed's numbers and passes the program schema", () => {
    expect(programSchema.safeParse(t2InviteCodePreset).success).toBe(true);
    expect(referee).toEqual({ rateBps: 2_000, months: 3, excludedCategories: ["sms_package"] });
    expect([1, 2, 3, 4, 5, 6, 9].map((count) => [streakRateBps(referrer, count), validityMonthsFor(referrer, count)])).toEqual([
      [2_000, 3],
      [4_000, 6],
      [6_000, 12],
      [8_000, 12],
      [10_000, 12],
      [10_000, 12],
      [10_000, 12],
    ]);
    expect(referrer.bonuses.map((bonus) => [bonus.atCount, bonus.sku])).toEqual([
      [3, "sms-package-1200"],
      [5, "sms-package-3200"],
    ]);
  });

  it.each([
    ["a validity table that shrinks", { validityMonthsByCount: [3, 6, 2] }, "referrer.validityMonthsByCount"],
    ["a validity beyond the table shorter than its last entry", { validityMonthsBeyond: 6 }, "referrer.validityMonthsByCount"],
    ["two bonuses at one count", { bonuses: [referrer.bonuses[0], { ...referrer.bonuses[1], atCount: 3 }] }, "referrer.bonuses"],
    ["a first rate over the cap", { firstRateBps: 5_000, capBps: 4_000 }, "referrer.firstRateBps"],
  ])("refuses %s", (_, change, path) => {
    const parsed = programDiscountsSchema.safeParse({ ...discounts, referrer: { ...referrer, ...change } });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.path.join("."))).toContain(path);
  });

  it("refuses a misspelt discount setting", () => {
    expect(programDiscountsSchema.safeParse({ referee: { ...referee, month: 3 } }).success).toBe(false);
  });
});

describe("the referee's discount", () => {
  const referral = { programId: "t2-invite", refereeAccountId: "referee-1", activatedOn: "2026-03-01" };

  it("gives 20 % for 3 months from the first day after the promo period, scheduled until then", () => {
    const decision = decideRefereeDiscount(referee, { ...referral, promoOverOn: "2026-04-15" }, undefined, "2026-03-01", at)!;
    expect(decision.discount).toMatchObject({
      discountId: "referee:t2-invite:referee-1",
      status: "scheduled",
      rateBps: 2_000,
      startsOn: "2026-04-15",
      endsOn: "2026-07-15",
      excludedCategories: ["sms_package"],
      reason: { code: "promo_period_ended", refereeAccountId: "referee-1" },
    });
    expect(decision.history.map((entry) => entry.kind)).toEqual(["scheduled"]);
    expect(decision.messages).toEqual([]);
    expect(nextDueDay(decision.discount)).toBe("2026-04-15");
  });

  it("starts at the code activation when there is no promo period, or it was already over", () => {
    for (const promoOverOn of [undefined, "2026-02-20", "2026-03-01"]) {
      const decision = decideRefereeDiscount(referee, { ...referral, promoOverOn }, undefined, "2026-03-01", at)!;
      expect(decision.discount).toMatchObject({ status: "active", startsOn: "2026-03-01", endsOn: "2026-06-01" });
      expect(decision.discount.reason.code).toBe("code_activated");
      expect(decision.messages.map((message) => message.type)).toEqual(["discount.activated"]);
      expect(outboundMessageSchema.parse(decision.messages[0])).toMatchObject({ messageId: "referee:t2-invite:referee-1:activated" });
    }
  });

  it("clamps three months from 30 November to 28 February and 31 January + 3 months to 30 April", () => {
    expect(decideRefereeDiscount(referee, { ...referral, activatedOn: "2026-11-30" }, undefined, "2026-11-30", at)!.discount.endsOn).toBe(
      "2027-02-28",
    );
    expect(decideRefereeDiscount(referee, { ...referral, activatedOn: "2026-01-31" }, undefined, "2026-01-31", at)!.discount.endsOn).toBe(
      "2026-04-30",
    );
  });

  it("is decided once: an existing discount is never decided again", () => {
    const first = decideRefereeDiscount(referee, referral, undefined, "2026-03-01", at)!;
    expect(decideRefereeDiscount(referee, referral, first.discount, "2026-03-02", at)).toBeUndefined();
  });

  it("a referral recorded after the discount would have ended is activated and ended at once", () => {
    const decision = decideRefereeDiscount(referee, { ...referral, activatedOn: "2025-10-01" }, undefined, "2026-03-01", at)!;
    expect(decision.history.map((entry) => entry.kind)).toEqual(["activated", "ended"]);
    expect(decision.discount).toMatchObject({ status: "ended", endedOn: "2026-01-01" });
  });

  it("the promo period's end is the next day unless it ends at local midnight", () => {
    expect(firstDayFrom(new Date("2026-03-31T22:00:00.000Z"), "Europe/Prague")).toBe("2026-04-01");
    expect(firstDayFrom(new Date("2026-03-31T22:00:01.000Z"), "Europe/Prague")).toBe("2026-04-02");
    expect(firstDayFrom(new Date("2026-03-31T21:59:59.000Z"), "Europe/Prague")).toBe("2026-04-01");
  });
});

describe("the referrer's stacked discount", () => {
  it("joins backdated referrals (an import) on their own days, in any order: a past end is left to the daily run", () => {
    // Processed on 4 December: 1 August (20 % to 1 November), then 15 October, inside that streak.
    for (const order of [
      [
        ["e1", "2026-08-01"],
        ["e2", "2026-10-15"],
      ],
      [
        ["e2", "2026-10-15"],
        ["e1", "2026-08-01"],
      ],
    ] as const) {
      const { current } = fold(order, "2026-12-04");
      expect(current).toMatchObject({ status: "active", rateBps: 4_000, startsOn: "2026-08-01", endsOn: "2027-04-15", streakNumber: 1 });
    }
    // Three of them (1 June, 15 July, 1 August), whatever the order: 60 % to 1 August 2027 and the bonus at three.
    for (const order of [
      ["a", "b", "c"],
      ["c", "a", "b"],
      ["b", "c", "a"],
    ]) {
      const days: Record<string, string> = { a: "2026-06-01", b: "2026-07-15", c: "2026-08-01" };
      const { current } = fold(
        order.map((id) => [id, days[id]!] as const),
        "2026-12-04",
      );
      expect(current).toMatchObject({ rateBps: 6_000, endsOn: "2027-08-01", streak: { count: 3, bonusesGranted: [3] } });
    }
  });

  it("leaves the current streak as it is for a referral of a day whose own streak was over before it began", () => {
    // A streak begun on 4 December (20 % to 4 March); a referral of 1 June would have run to 1 September only.
    const { current } = fold([["now", "2026-12-04"]], "2026-12-04");
    expect(
      decideReferrerReferral(
        referrer,
        { programId: "t2-invite", referrerAccountId: "referrer-1", refereeAccountId: "june", referralOn: "2026-06-01" },
        current,
        "2026-12-04",
        at,
      ),
    ).toBeUndefined();
    // The other order ends at the same discount: June's streak is over by the 4 December referral, which starts the next.
    const reversed = fold(
      [
        ["june", "2026-06-01"],
        ["now", "2026-12-04"],
      ],
      "2026-12-04",
    ).current;
    expect(reversed).toMatchObject({ rateBps: current.rateBps, startsOn: current.startsOn, endsOn: current.endsOn });
  });

  it("gives the same streak in every order when an older referral bridges a gap (10 January, 5 April, 1 September: the audit's case)", () => {
    const days: Record<string, string> = { jan: "2026-01-10", apr: "2026-04-05", sep: "2026-09-01" };
    const orders = [
      ["jan", "apr", "sep"],
      ["jan", "sep", "apr"],
      ["apr", "jan", "sep"],
      ["apr", "sep", "jan"],
      ["sep", "jan", "apr"],
      ["sep", "apr", "jan"],
    ];
    for (const order of orders) {
      const { current } = fold(
        order.map((id) => [id, days[id]!] as const),
        "2026-12-06",
        true,
      );
      expect(current, order.join(",")).toMatchObject({
        rateBps: 6_000,
        startsOn: "2026-01-10",
        endsOn: "2027-09-01",
        streak: { count: 3, bonusesGranted: [3] },
      });
    }
    // Decided as they come, each before the next is written, newest first: 5 April and 10 January come too late to bridge.
    expect(
      fold(
        [
          ["sep", days.sep!],
          ["apr", days.apr!],
          ["jan", days.jan!],
        ],
        "2026-12-06",
      ).current,
    ).toMatchObject({ rateBps: 2_000 });
  });

  it("bridges only through a run of referrals without a gap", () => {
    expect(isBridgedToStreak(referrer, "2026-04-05", ["2026-01-10"], "2026-09-01")).toBe(true); // 10 Jan → 10 Apr; 5 Apr → 5 Oct
    expect(isBridgedToStreak(referrer, "2026-04-05", [], "2026-09-01")).toBe(false); // 5 Apr alone: to 5 Jul
    expect(isBridgedToStreak(referrer, "2026-04-05", ["2025-12-01"], "2026-09-01")).toBe(false); // 1 Dec runs to 1 Mar: a gap
    expect(isBridgedToStreak(referrer, "2026-01-10", ["2026-04-05"], "2026-09-01")).toBe(true); // the other way round
    expect(isBridgedToStreak(referrer, "2026-01-10", ["2026-04-05", "2026-09-02"], "2026-09-01")).toBe(true); // later days ignored
  });

  it("stacks 20 % per referral while active: 20/3, 40/6, 60/12 + 1,200 SMS, 80/12, 100/12 + 3,200 SMS, then 100/12", () => {
    const days = ["2026-01-10", "2026-02-01", "2026-03-05", "2026-04-01", "2026-05-20", "2026-06-02"];
    const { decisions } = fold(days.map((day, index) => [`referee-${index + 1}`, day]));
    expect(decisions.map((decision) => [decision.discount.rateBps, decision.discount.endsOn, decision.discount.streak!.count])).toEqual([
      [2_000, "2026-04-10", 1],
      [4_000, "2026-08-01", 2],
      [6_000, "2027-03-05", 3],
      [8_000, "2027-04-01", 4],
      [10_000, "2027-05-20", 5],
      [10_000, "2027-06-02", 6],
    ]);
    expect(decisions.map((decision) => decision.messages.map((message) => message.type))).toEqual([
      ["discount.activated"],
      ["discount.changed"],
      ["discount.changed", "bonus.granted"],
      ["discount.changed"],
      ["discount.changed", "bonus.granted"],
      ["discount.changed"],
    ]);
    const bonuses = decisions.flatMap((decision) => decision.messages).filter((message) => message.type === "bonus.granted");
    expect(bonuses.map((bonus) => [bonus.sku, bonus.atCount, bonus.reason.refereeAccountId])).toEqual([
      ["sms-package-1200", 3, "referee-3"],
      ["sms-package-3200", 5, "referee-5"],
    ]);
    // the 6th referral: still 100 % (min(100, 100 + 20)), extended 12 months from its day, no bonus
    const sixth = decisions[5]!.messages[0]!;
    expect(sixth).toMatchObject({ type: "discount.changed", previousRateBps: 10_000, rateBps: 10_000, previousEndsOn: "2027-05-20" });
    for (const message of decisions.flatMap((decision) => decision.messages))
      expect(outboundMessageSchema.safeParse(message).success).toBe(true);
  });

  it("ends the streak when the discount ends; the next referral starts again at 20 % for 3 months with a new discount id", () => {
    const { decisions, current } = fold([
      ["referee-1", "2026-01-10"],
      ["referee-2", "2026-02-01"], // 40 % until 2026-08-01
      ["referee-3", "2026-08-01"], // the end day itself: no longer in force
    ]);
    expect(decisions[2]!.history.map((entry) => [entry.kind, entry.discountId, entry.effectiveOn])).toEqual([
      ["ended", "referrer:t2-invite:referrer-1:1", "2026-08-01"],
      ["activated", "referrer:t2-invite:referrer-1:2", "2026-08-01"],
    ]);
    expect(current).toMatchObject({ rateBps: 2_000, startsOn: "2026-08-01", endsOn: "2026-11-01", streakNumber: 2, streak: { count: 1 } });
  });

  it("a streak ended by the schedule restarts at 20 % and grants its bonuses again only when the new streak reaches 3", () => {
    const first = fold([
      ["a", "2026-01-01"],
      ["b", "2026-01-02"],
      ["c", "2026-01-03"],
    ]);
    const ended = decideDueDiscount(first.current, "2027-01-03", at)!;
    expect(ended.messages.map((message) => message.type)).toEqual(["discount.ended"]);
    let current = ended.discount;
    const types: string[] = [];
    for (const [referee, day] of [
      ["d", "2027-02-01"],
      ["e", "2027-02-02"],
      ["f", "2027-02-03"],
    ] as const) {
      const decision = decideReferrerReferral(
        referrer,
        { programId: "t2-invite", referrerAccountId: "referrer-1", refereeAccountId: referee, referralOn: day },
        current,
        day,
        at,
      )!;
      types.push(...decision.messages.map((message) => message.type));
      current = decision.discount;
    }
    expect(types).toEqual(["discount.activated", "discount.changed", "discount.changed", "bonus.granted"]);
    expect(current).toMatchObject({ streakNumber: 2, rateBps: 6_000, streak: { count: 3, bonusesGranted: [3] } });
  });

  it("grants each bonus once per streak whatever the order and however often the referrals are delivered", () => {
    const referrals = [
      ["r1", "2026-01-01"],
      ["r2", "2026-01-05"],
      ["r3", "2026-01-09"],
      ["r4", "2026-02-01"],
      ["r5", "2026-02-10"],
      ["r6", "2026-03-01"],
    ] as const;
    const inOrder = fold(referrals, "2026-03-01");
    fc.assert(
      // every referral delivered twice, in any order
      fc.property(fc.shuffledSubarray([...referrals, ...referrals], { minLength: 12 }), (delivered) => {
        const result = fold(delivered, "2026-03-01");
        const bonuses = result.entries.filter((entry) => entry.kind === "bonus_granted").map((entry) => entry.bonusAtCount);
        expect(bonuses.sort()).toEqual([3, 5]);
        expect(result.current.rateBps).toBe(inOrder.current.rateBps);
        expect(result.current.endsOn).toBe(inOrder.current.endsOn);
        expect(result.current.startsOn).toBe(inOrder.current.startsOn);
        expect(result.current.streak).toEqual(inOrder.current.streak);
        expect(new Set(result.entries.map((entry) => entry.entryId)).size).toBe(result.entries.length);
      }),
      { numRuns: 100 },
    );
  });

  it("names the reason of every change: the referee, the referral's day and the streak count", () => {
    const { entries } = fold([
      ["referee-1", "2026-01-10"],
      ["referee-2", "2026-01-11"],
    ]);
    expect(entries.map((entry) => [entry.kind, entry.reason])).toEqual([
      ["activated", { code: "referral", refereeAccountId: "referee-1", referralOn: "2026-01-10", streakCount: 1 }],
      ["raised_and_extended", { code: "referral", refereeAccountId: "referee-2", referralOn: "2026-01-11", streakCount: 2 }],
    ]);
  });
});

describe("the daily schedule", () => {
  const scheduled = decideRefereeDiscount(
    referee,
    { programId: "t2-invite", refereeAccountId: "referee-1", activatedOn: "2026-03-01", promoOverOn: "2026-04-15" },
    undefined,
    "2026-03-01",
    at,
  )!.discount;

  it("activates a discount on its start day, and ends it on its end day", () => {
    expect(decideDueDiscount(scheduled, "2026-04-14", at)).toBeUndefined();
    const activated = decideDueDiscount(scheduled, "2026-04-15", at)!;
    expect(activated.history.map((entry) => [entry.kind, entry.reason.code])).toEqual([["activated", "start_day_reached"]]);
    expect(activated.expectedRevision).toBe(0);
    expect(activated.discount.revision).toBe(1);
    expect(decideDueDiscount(activated.discount, "2026-07-14", at)).toBeUndefined();
    const ended = decideDueDiscount(activated.discount, "2026-07-15", at)!;
    expect(ended.messages).toEqual([
      expect.objectContaining({ type: "discount.ended", endedOn: "2026-07-15", messageId: "referee:t2-invite:referee-1:ended" }),
    ]);
    expect(nextDueDay(ended.discount)).toBeUndefined();
  });

  it("is idempotent per discount and day: a repeated run decides nothing", () => {
    const activated = decideDueDiscount(scheduled, "2026-04-15", at)!;
    expect(decideDueDiscount(activated.discount, "2026-04-15", at)).toBeUndefined();
  });

  it("catches up a missed run: past both days, it activates and ends in one decision, each change once", () => {
    const late = decideDueDiscount(scheduled, "2026-08-01", at)!;
    expect(late.history.map((entry) => [entry.kind, entry.effectiveOn])).toEqual([
      ["activated", "2026-04-15"],
      ["ended", "2026-07-15"],
    ]);
    expect(late.discount).toMatchObject({ status: "ended", endedOn: "2026-07-15" });
  });

  it("is in force from its start day up to the day before its end day", () => {
    const active = decideDueDiscount(scheduled, "2026-04-15", at)!.discount;
    expect(["2026-04-14", "2026-04-15", "2026-07-14", "2026-07-15"].map((day) => isInForceOn(active, day))).toEqual([
      false,
      true,
      true,
      false,
    ]);
  });
});

describe("the program's table (the dashboard's third tab)", () => {
  it("is t2's table: 20/3, 40/6, 60/12 + 1,200 SMS, 80/12, 100/12 + 3,200 SMS, then 100 % for 12 months beyond five", () => {
    const table = streakTableOf(referrer);
    expect(table.rows.map((row) => [row.count, row.rateBps, row.validityMonths, row.bonus?.sku])).toEqual([
      [1, 2_000, 3, undefined],
      [2, 4_000, 6, undefined],
      [3, 6_000, 12, "sms-package-1200"],
      [4, 8_000, 12, undefined],
      [5, 10_000, 12, "sms-package-3200"],
    ]);
    expect(table.beyond).toEqual({ fromCount: 6, rateBps: 10_000, validityMonths: 12 });
  });

  it("runs until the last count at which the rate, the validity or a bonus changes, and agrees with the deciders for every count", () => {
    const slow = {
      ...referrer,
      stepBps: 1_500,
      validityMonthsByCount: [3],
      bonuses: [{ atCount: 9, sku: "late", description: "late bonus" }],
    };
    const table = streakTableOf(slow);
    // 20 % + 1.5 % steps reach the cap at the 7th referral (20 + 6 × 15 = 110, capped at 100); the bonus comes at the 9th.
    expect(table.rows.map((row) => row.rateBps)).toEqual([2_000, 3_500, 5_000, 6_500, 8_000, 9_500, 10_000, 10_000, 10_000]);
    expect(table.rows.at(-1)?.bonus?.sku).toBe("late");
    expect(table.beyond.fromCount).toBe(10);
    expect(streakTableOf({ ...referrer, stepBps: 0, bonuses: [] }).rows.map((row) => row.rateBps)).toEqual([
      2_000, 2_000, 2_000, 2_000, 2_000,
    ]);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), (count) => {
        const row = table.rows[count - 1] ?? { rateBps: table.beyond.rateBps, validityMonths: table.beyond.validityMonths };
        expect([row.rateBps, row.validityMonths]).toEqual([streakRateBps(slow, count), validityMonthsFor(slow, count)]);
      }),
    );
  });
});
