/**
 * Semi-monthly settlement end to end (Zadarma) on DynamoDB Local and the local SQS server: the real
 * scheduled handler fans the run out on the settlement queue, the real worker settles each account,
 * each with its own function's grants. Double firing, a late run, a crash half way, tier edges,
 * individual rates, the hold, refunds after settlement and the ledger's invariants.
 */
import { describe, expect, it, vi } from "vitest";

await vi.hoisted(() => import("../support/handler-environment.ts"));

import { SendMessageCommand } from "@aws-sdk/client-sqs";
import { createSettlementsHandler } from "../../functions/http/settlements.ts";
import { createSettleCommissionsHandler } from "../../functions/schedules/settle-commissions.ts";
import { keys } from "../../shared/data/keys.ts";
import { addDays, formatLocalDate, fromLocal, periodOf } from "../../shared/domain/calendar.ts";
import { demoOperatorConfig, zadarmaCommissionPreset } from "../../shared/domain/program-presets.ts";
import { periodAccrualItemSchema } from "../../shared/schemas/ledger-items.ts";
import type { OperatorConfigInput } from "../../shared/schemas/operator-config.ts";
import { outboundMessageSchema } from "../../shared/schemas/outbound-messages.ts";
import { chargeback, rechargeCompleted } from "../support/billing-event-builders.ts";
import { httpEvent, invoke, jsonBody, lambdaContext } from "../support/http-events.ts";
import { ledgerInvariantViolations } from "../support/ledger-invariants.ts";
import { useLedgerTestSetup } from "../support/ledger-setup.ts";
import { drainSettlement, fireSettlement, settlementDependencies } from "../support/settlement-setup.ts";
import { sqsEventOf } from "../support/sqs-events.ts";

const setup = useLedgerTestSetup("2026-03-15T08:00:00.000Z");
const program = "zadarma-partner";
/** 00:00 on 15 March 2026 in Prague: the run that settles 1-14 March. */
const march15 = "2026-03-14T23:00:00.000Z";

async function referees(partner: string, count: number): Promise<string[]> {
  const ids = Array.from({ length: count }, (_, index) => `${partner}-client-${index}`);
  for (const refereeAccountId of ids) await setup.seedReferral({ refereeAccountId, referrerAccountId: partner, programId: program });
  return ids;
}

async function recharge(accountId: string, amountMinor: number, completedAt = "2026-03-05T10:00:00.000Z") {
  const event = rechargeCompleted({ accountId, amountMinor, completedAt });
  expect((await setup.consume(sqsEventOf([event]))).batchItemFailures).toEqual([]);
  return event;
}

async function accrualOf(accountId: string, periodId = "2026-03-1") {
  const item = await setup.readItem(keys.periodAccrual(accountId, program, periodId, "EUR"));
  return item ? periodAccrualItemSchema.parse(item) : undefined;
}

async function progressOf(periodId = "2026-03-1") {
  return await settlementDependencies(setup, "settlements").settlementStore.readProgress(program, periodId);
}

async function statementsSent() {
  return (await setup.drain(setup.sqs.queueUrls.outbound))
    .map((message) => outboundMessageSchema.parse(JSON.parse(message.Body!)))
    .filter((message) => message.type === "commission.settled");
}

let nextFreshMonth = 5;
/** Where each partner of a fresh period was settled. */
const settledIn = new Map<string, string>();

/**
 * The first half of a month no run has started for yet (May 2026 on, summer time), the clock inside it: a recharge
 * there accrues in it, and `runAt` settles it. A period whose run has started takes no new accrual (a late commission
 * accrues in the open period), so a test that settles new partners needs a period of its own.
 */
function freshPeriod() {
  const month = String(nextFreshMonth++).padStart(2, "0");
  setup.clock.set(`2026-${month}-10T10:00:00.000Z`);
  // The run at 00:00 on the 15th in Prague: 22:00 UTC in summer time, 23:00 in winter.
  const runAt = fromLocal({ year: 2026, month: Number(month), day: 15 }, "Europe/Prague").toISOString();
  return { periodId: `2026-${month}-1`, completedAt: `2026-${month}-10T09:00:00.000Z`, runAt };
}

/** A fresh period in which each of the partner's new referees recharges once, settled at the partner's individual rate (set on 1 March). */
async function settleAtIndividualRate(partner: string, period: { referees: number; amountMinor: number; rateBps: number }) {
  const fresh = freshPeriod();
  for (const referee of await referees(partner, period.referees)) await recharge(referee, period.amountMinor, fresh.completedAt);
  await settlementDependencies(setup, "commission-rates").settlementStore.putIndividualRate({
    accountId: partner,
    programId: program,
    rateBps: period.rateBps,
    note: "contract 2026-07",
    setAt: "2026-03-01T00:00:00.000Z",
  });
  await fireSettlement(setup, fresh.runAt);
  expect(await drainSettlement(setup)).toMatchObject({ failed: 0 });
  return fresh;
}

async function expectInvariants() {
  expect(ledgerInvariantViolations(await setup.scanAll())).toEqual([]);
}

describe("the semi-monthly settlement run", () => {
  it("settles the half month just closed: pending released to available, a statement sent, progress counted", async () => {
    const [first, second] = await referees("st-partner-1", 2);
    await recharge(first!, 5_000, "2026-03-02T09:00:00.000Z");
    await recharge(first!, 2_345, "2026-03-03T09:00:00.000Z");
    await recharge(second!, 10_000, "2026-03-14T22:59:59.000Z"); // 23:59:59 on the 14th, Prague: still the first half
    await setup.drain(setup.sqs.queueUrls.outbound);

    const plan = await fireSettlement(setup, march15);
    expect(plan.programs).toEqual([
      { programId: program, periodId: "2026-03-1", firstDay: "2026-03-01", lastDay: "2026-03-14", holdDays: 0, runs: 1 },
    ]);
    expect(await drainSettlement(setup)).toMatchObject({ failed: 0 });

    expect(await setup.balanceOf("st-partner-1")).toMatchObject({ commissionPendingMinor: 0, commissionAvailableMinor: 1_735 });
    expect(await accrualOf("st-partner-1")).toMatchObject({
      settledRateBps: 1_000,
      settledRateReason: { kind: "rule_rate" },
      settledBaseMinor: 17_345,
      topUpMinor: 0,
      activeCustomers: 2,
    });
    const releases = (await setup.entriesOf("st-partner-1")).filter((entry) => entry.code === "settlement_release");
    expect(releases.map((entry) => [entry.ledgerAccountKind, entry.amountMinor])).toEqual([
      ["commission_pending", -1_735],
      ["commission_available", 1_735],
    ]);
    expect(await statementsSent()).toEqual([
      expect.objectContaining({
        settlementId: `settlement:${program}:2026-03-1:st-partner-1:EUR`,
        accruedMinor: 1_735,
        settledMinor: 1_735,
        activeCustomers: 2,
        rateReason: { kind: "rule_rate" },
      }),
    ]);
    const progress = await progressOf();
    expect(progress).toMatchObject({ settled: progress.enqueued, failed: 0, shardsListed: 16, shards: 16 });
    expect(progress.enqueued).toBeGreaterThanOrEqual(1);
    await expectInvariants();
  });

  it("settles each account once when the schedule fires twice, and starts nothing three days late", async () => {
    const before = await setup.entriesOf("st-partner-1");
    const settledBefore = (await progressOf()).settled;
    expect((await fireSettlement(setup, march15)).programs.map((planned) => planned.periodId)).toEqual(["2026-03-1"]); // the same firing again
    // A firing on another day finds the latest due period's run started, and its own scheduled run was not missed.
    expect((await fireSettlement(setup, "2026-03-17T23:00:00.000Z")).programs).toEqual([]);
    expect(await drainSettlement(setup)).toMatchObject({ failed: 0 });
    expect(await setup.entriesOf("st-partner-1")).toEqual(before);
    expect(await statementsSent()).toEqual([]);
    const progress = await progressOf();
    expect(progress).toMatchObject({ settled: settledBefore });
    expect(progress.run?.runs).toBe(2);
  });

  it("a commission paid in a settled period accrues in the open one", async () => {
    setup.clock.set(new Date("2026-03-16T10:00:00.000Z"));
    await recharge("st-partner-1-client-0", 1_000, "2026-03-10T09:00:00.000Z");
    expect(await accrualOf("st-partner-1", "2026-03-2")).toMatchObject({ accruedMinor: 100, activeCustomers: 1 });
    expect(await setup.balanceOf("st-partner-1")).toMatchObject({ commissionPendingMinor: 100, commissionAvailableMinor: 1_735 });
    setup.clock.set(new Date("2026-03-15T08:00:00.000Z"));
  });

  it("accrues a late commission of a partner with nothing in the settled period in the open one, which the next run settles", async () => {
    // The run of 1-14 March listed its accounts when it started; this partner had none then, so nothing would ever settle it there.
    setup.clock.set(new Date("2026-03-16T10:00:00.000Z"));
    const partner = "st-late-new";
    const [client] = await referees(partner, 1);
    await recharge(client!, 1_000, "2026-03-10T09:00:00.000Z");
    expect(await accrualOf(partner, "2026-03-1")).toBeUndefined();
    expect(await accrualOf(partner, "2026-03-2")).toMatchObject({ accruedMinor: 100, activeCustomers: 1 });
    expect(await setup.balanceOf(partner)).toMatchObject({ commissionPendingMinor: 100 });
    setup.clock.set(new Date("2026-03-15T08:00:00.000Z"));
  });

  it.each([
    // 05:00 on 15 November in Prague: 1-14 November is closed and its run is due, but the scheduler has not started it yet.
    [
      "a closed period",
      "st-late-race",
      "2026-11-15T04:00:00.000Z",
      "2026-11-14T12:00:00.000Z",
      "2026-11-1",
      "2026-11-14T23:00:00.000Z",
      "2026-11-2",
    ],
    // 23:59:30 on 14 December in Prague: 1-14 December is still open, for 30 seconds: the check is made in its last minute too.
    [
      "the open period's last minute",
      "st-edge-race",
      "2026-12-14T22:59:30.000Z",
      "2026-12-14T22:59:00.000Z",
      "2026-12-1",
      "2026-12-14T23:00:00.000Z",
      "2026-12-2",
    ],
  ])(
    "decides a commission of %s again into the next period when the run starts between its decision and its commit",
    async (_case, partner, now, completedAt, periodId, runAt, nextPeriodId) => {
      setup.clock.set(new Date(now));
      const [client] = await referees(partner, 1);
      const settlement = settlementDependencies(setup, "settle-commissions").settlementStore;
      const deps = setup.dependencies();
      let commits = 0;
      const ledgerStore = {
        ...deps.ledgerStore,
        commit: async (effect: Parameters<typeof deps.ledgerStore.commit>[0]) => {
          commits += 1;
          // The run starts (and lists the period's accounts) just before the first commit.
          if (commits === 1) await settlement.startRun({ programId: program, periodId, runAt, trigger: "schedule" });
          return await deps.ledgerStore.commit(effect);
        },
      };
      const event = rechargeCompleted({ accountId: client!, amountMinor: 2_000, completedAt });
      expect((await setup.consume(sqsEventOf([event]), { ...deps, ledgerStore })).batchItemFailures).toEqual([]);
      expect(commits).toBe(2);
      expect(await accrualOf(partner, periodId)).toBeUndefined();
      expect(await accrualOf(partner, nextPeriodId)).toMatchObject({ accruedMinor: 200 });
      await expectInvariants();
      setup.clock.set(new Date("2026-03-15T08:00:00.000Z"));
    },
  );
});

describe("the rate in force at settlement", () => {
  it.each([
    [24, 1_000, { kind: "rule_rate" }],
    [25, 1_200, { kind: "tier", minActiveCustomers: 25 }],
  ])("%i active customers are paid %i bps on the whole period", async (count, rateBps, reason) => {
    const partner = `st-tier-${count}`;
    const fresh = freshPeriod();
    settledIn.set(partner, fresh.periodId);
    for (const referee of await referees(partner, count)) await recharge(referee, 10_000, fresh.completedAt);
    await fireSettlement(setup, fresh.runAt);
    await drainSettlement(setup);
    const base = count * 10_000;
    expect(await accrualOf(partner, fresh.periodId)).toMatchObject({
      activeCustomers: count,
      settledRateBps: rateBps,
      settledRateReason: reason,
    });
    expect((await setup.balanceOf(partner))?.commissionAvailableMinor).toBe((base * rateBps) / 10_000);
    await expectInvariants();
  });

  it("takes back the top-up's share on a refund after settlement: a full refund returns exactly what was earned", async () => {
    const partner = "st-tier-25";
    const accrual = await accrualOf(partner, settledIn.get(partner));
    expect(accrual).toMatchObject({ topUpMinor: 5_000 }); // 12 % of 2,500.00 = 300.00, accrued 250.00
    // One recharge of 100.00 charged back in two parts: 10.00 of commission and 2.00 of top-up come back.
    const recharges = (await setup.entriesOf(partner)).filter((entry) => entry.code === "commission_accrual");
    const first = recharges[0]!.payment!.id;
    for (const amountMinor of [3_333, 6_667])
      expect(
        (await setup.consume(sqsEventOf([chargeback({ accountId: recharges[0]!.refereeAccountId!, rechargeId: first, amountMinor })])))
          .batchItemFailures,
      ).toEqual([]);
    expect((await setup.balanceOf(partner))?.commissionAvailableMinor).toBe(30_000 - 1_200);
    const topUpBack = (await setup.entriesOf(partner)).filter((entry) => entry.code === "tier_top_up" && entry.amountMinor < 0);
    expect(topUpBack.map((entry) => entry.amountMinor).reduce((sum, amount) => sum + amount, 0)).toBe(-200);
    // Every other recharge charged back in full: nothing of the period is left.
    for (const entry of recharges.slice(1))
      await setup.consume(
        sqsEventOf([chargeback({ accountId: entry.refereeAccountId!, rechargeId: entry.payment!.id, amountMinor: 10_000 })]),
      );
    expect((await setup.balanceOf(partner))?.commissionAvailableMinor).toBe(0);
    expect(await accrualOf(partner, settledIn.get(partner))).toMatchObject({
      baseReversedAfterSettlementMinor: 250_000,
      topUpReversedMinor: 5_000,
    });
    await expectInvariants();
  });

  it("pays a partner's individual rate over the ladder, lower or higher", async () => {
    const partner = "st-individual";
    const fresh = await settleAtIndividualRate(partner, { referees: 30, amountMinor: 1_000, rateBps: 500 });
    expect(await accrualOf(partner, fresh.periodId)).toMatchObject({
      settledRateBps: 500,
      settledRateReason: { kind: "individual_rate", setAt: "2026-03-01T00:00:00.000Z" },
      topUpMinor: 1_500 - 3_000,
    });
    expect((await setup.balanceOf(partner))?.commissionAvailableMinor).toBe(1_500);
    await expectInvariants();
  });

  it("settles a period whose base and top-up are above one payment's limit (3 recharges of 1,000,000,000.00 at a 100 % individual rate)", async () => {
    const partner = "st-large";
    const fresh = await settleAtIndividualRate(partner, { referees: 3, amountMinor: 100_000_000_000, rateBps: 10_000 });
    expect(await accrualOf(partner, fresh.periodId)).toMatchObject({ settledBaseMinor: 300_000_000_000, topUpMinor: 270_000_000_000 });
    expect(await setup.balanceOf(partner)).toMatchObject({ commissionPendingMinor: 0, commissionAvailableMinor: 300_000_000_000 });
    await expectInvariants();
  });

  it("pays the whole period at the rule's rate in force at settlement when the operator changed it within the period", async () => {
    const partner = "st-rate-change";
    const fresh = freshPeriod();
    const [first, second] = await referees(partner, 2);
    await recharge(first!, 100_000, fresh.completedAt); // 10 %: 100.00
    const doubled: OperatorConfigInput = {
      ...demoOperatorConfig,
      programs: demoOperatorConfig.programs.map((candidate) =>
        candidate.programId === program
          ? { ...zadarmaCommissionPreset, rewards: (zadarmaCommissionPreset.rewards ?? []).map((rule) => ({ ...rule, rateBps: 2_000 })) }
          : candidate,
      ),
    };
    await setup.saveOperatorConfig(doubled);
    try {
      await recharge(second!, 100_000, fresh.completedAt); // 20 %: 200.00
      expect(await accrualOf(partner, fresh.periodId)).toMatchObject({ accruedMinor: 30_000, baseMinor: 200_000 });
      await fireSettlement(setup, fresh.runAt);
      await drainSettlement(setup);
      // 20 % of 2,000.00: a top-up of 100.00 over the 300.00 accrued.
      expect(await accrualOf(partner, fresh.periodId)).toMatchObject({ settledRateBps: 2_000, topUpMinor: 10_000 });
      expect((await setup.balanceOf(partner))?.commissionAvailableMinor).toBe(40_000);
      await expectInvariants();
    } finally {
      await setup.saveOperatorConfig(demoOperatorConfig);
    }
  });

  it("keeps a count on the accrual, never the clientele: its item does not grow with referred customers", async () => {
    const partner = "st-size";
    const fresh = freshPeriod();
    const clients = await referees(partner, 40);
    await recharge(clients[0]!, 1_000, fresh.completedAt);
    const sizeWithOne = JSON.stringify(await setup.readItem(keys.periodAccrual(partner, program, fresh.periodId, "EUR"))).length;
    for (const client of clients.slice(1)) await recharge(client, 1_000, fresh.completedAt);
    const item = await setup.readItem(keys.periodAccrual(partner, program, fresh.periodId, "EUR"));
    expect(item).toMatchObject({ activeCustomers: 40 });
    // Only the digits of the sums and counts change.
    expect(JSON.stringify(item).length - sizeWithOne).toBeLessThanOrEqual(8);
  });
});

describe("a run that crashes half way, the hold, a step that can never succeed", () => {
  it("settles every account exactly once when re-run after a crash half way (pages of 4 accounts)", async () => {
    const partners = Array.from({ length: 30 }, (_, index) => `st-crash-${index}`);
    const fresh = freshPeriod();
    for (const partner of partners) for (const referee of await referees(partner, 1)) await recharge(referee, 2_000, fresh.completedAt);
    await fireSettlement(setup, fresh.runAt);
    await drainSettlement(setup, { pageSize: 4, batchesMax: 3 }); // the worker stops; the rest waits on the queue
    const halfway = await Promise.all(partners.map(async (partner) => (await accrualOf(partner, fresh.periodId))?.settledAt !== undefined));
    expect(halfway.some((settled) => !settled)).toBe(true);
    await fireSettlement(setup, fresh.runAt);
    expect(await drainSettlement(setup, { pageSize: 4 })).toMatchObject({ failed: 0 });
    for (const partner of partners) {
      expect((await setup.balanceOf(partner))?.commissionAvailableMinor, partner).toBe(200);
      expect(
        (await setup.entriesOf(partner)).filter((entry) => entry.code === "settlement_release"),
        partner,
      ).toHaveLength(2);
    }
    const progress = await progressOf(fresh.periodId);
    expect(progress.settled).toBe(progress.enqueued);
    await expectInvariants();
  });

  it("with a hold of 30 days, the run on 15 April settles 1-14 March, and March's second half waits", async () => {
    const held: OperatorConfigInput = {
      ...demoOperatorConfig,
      programs: demoOperatorConfig.programs.map((candidate) =>
        candidate.programId === program
          ? { ...zadarmaCommissionPreset, commission: { ...zadarmaCommissionPreset.commission!, holdDays: 30 } }
          : candidate,
      ),
    };
    await setup.saveOperatorConfig(held);
    try {
      const partner = "st-hold";
      const [client] = await referees(partner, 1);
      setup.clock.set(new Date("2026-03-20T10:00:00.000Z"));
      await recharge(client!, 4_000, "2026-03-20T09:00:00.000Z");
      setup.clock.set(new Date("2026-04-15T08:00:00.000Z"));
      const plan = await fireSettlement(setup, "2026-04-14T22:00:00.000Z");
      expect(plan.programs).toMatchObject([{ periodId: "2026-03-1", holdDays: 30 }]);
      await drainSettlement(setup);
      expect(await setup.balanceOf(partner)).toMatchObject({ commissionPendingMinor: 400, commissionAvailableMinor: 0 });
      const may1 = await fireSettlement(setup, "2026-04-30T22:00:00.000Z");
      expect(may1.programs).toMatchObject([{ periodId: "2026-03-2" }]);
      await drainSettlement(setup);
      expect(await setup.balanceOf(partner)).toMatchObject({ commissionPendingMinor: 0, commissionAvailableMinor: 400 });
    } finally {
      await setup.saveOperatorConfig(demoOperatorConfig);
      setup.clock.set(new Date("2026-03-15T08:00:00.000Z"));
    }
  });

  it("with a hold of 15 days, two half months fall due between the runs of 1 and 15 July: the run on 1 August settles both", async () => {
    // 15-30 June closes on 1 July and is due on 16 July, after that day's run: the run on 1 August is its own (the audit's case).
    await setup.saveOperatorConfig({
      ...demoOperatorConfig,
      programs: demoOperatorConfig.programs.map((candidate) =>
        candidate.programId === program
          ? { ...zadarmaCommissionPreset, commission: { ...zadarmaCommissionPreset.commission!, holdDays: 15 } }
          : candidate,
      ),
    });
    try {
      const partner = "st-hold-15";
      const [client] = await referees(partner, 1);
      setup.clock.set(new Date("2026-06-20T10:00:00.000Z"));
      await recharge(client!, 4_000, "2026-06-20T09:00:00.000Z");
      const settled = async (scheduledTime: string) => {
        const plan = await fireSettlement(setup, scheduledTime);
        await drainSettlement(setup);
        return plan.programs.map((planned) => planned.periodId);
      };
      expect(await settled("2026-06-30T22:00:00.000Z")).toEqual(["2026-05-2", "2026-06-1"]);
      expect(await settled("2026-07-14T22:00:00.000Z")).toEqual([]);
      expect(await setup.balanceOf(partner)).toMatchObject({ commissionPendingMinor: 400, commissionAvailableMinor: 0 });
      expect(await settled("2026-07-31T22:00:00.000Z")).toEqual(["2026-06-2", "2026-07-1"]);
      expect(await setup.balanceOf(partner)).toMatchObject({ commissionPendingMinor: 0, commissionAvailableMinor: 400 });
    } finally {
      await setup.saveOperatorConfig(demoOperatorConfig);
      setup.clock.set(new Date("2026-03-15T08:00:00.000Z"));
    }
  });

  it("records an account that can never be settled, with its reason, and counts it failed", async () => {
    const partner = "st-orphan";
    const [client] = await referees(partner, 1);
    const fresh = freshPeriod();
    await recharge(client!, 1_000, fresh.completedAt);
    await setup.saveOperatorConfig({ ...demoOperatorConfig, programs: demoOperatorConfig.programs.filter((p) => p.programId !== program) });
    try {
      await setup.queueClient.send(
        new SendMessageCommand({
          QueueUrl: setup.sqs.queueUrls.settlement,
          MessageBody: JSON.stringify({
            kind: "settlement.account",
            programId: program,
            periodId: fresh.periodId,
            accountId: partner,
            currency: "EUR",
          }),
        }),
      );
      expect(await drainSettlement(setup)).toEqual({ processed: 1, failed: 0 });
      const store = settlementDependencies(setup, "settlements").settlementStore;
      expect((await progressOf(fresh.periodId)).failed).toBeGreaterThanOrEqual(1);
      expect(await store.listFailures(program, fresh.periodId, 10)).toContainEqual(
        expect.objectContaining({ accountId: partner, code: "configuration_invalid" }),
      );
      expect(await setup.balanceOf(partner)).toMatchObject({ commissionPendingMinor: 100 });
    } finally {
      await setup.saveOperatorConfig(demoOperatorConfig);
    }
  });

  it("lets the schedule start a run a few seconds before its time (clocks differ), never minutes", async () => {
    const handler = createSettleCommissionsHandler(settlementDependencies(setup, "settle-commissions"));
    const fire = (scheduledTime: string) =>
      handler({ scheduleName: "settle-commissions", scheduledTime }, lambdaContext("settle-commissions"));
    // 00:00 on 1 July in Prague is 22:00 UTC the day before.
    setup.clock.set(new Date("2026-06-30T21:59:50.000Z"));
    await expect(fire("2026-06-30T22:00:00.000Z")).resolves.toMatchObject({ programs: [{ periodId: "2026-06-2" }] });
    setup.clock.set(new Date("2026-06-30T21:58:00.000Z"));
    await expect(fire("2026-06-30T22:00:00.000Z")).rejects.toMatchObject({ code: "settlement_date_in_future" });
    await drainSettlement(setup);
    setup.clock.set(new Date("2026-03-15T08:00:00.000Z"));
  });

  it("refuses a run on demand for a day still ahead, which would settle an open half month, and writes nothing; a dry run may look ahead", async () => {
    const handler = createSettlementsHandler(settlementDependencies(setup, "settlements"));
    const start = (body: unknown) =>
      invoke(handler, httpEvent({ method: "POST", route: "/settlements", path: "/settlements", body, principal: { kind: "operator" } }));
    // A year ahead: a half month nothing has settled yet, whatever hold the program has.
    const ahead = formatLocalDate(addDays(periodOf(setup.clock.now(), "Europe/Prague").lastDay, 366));
    const looked = await start({ date: ahead, programId: program, dryRun: true });
    expect(looked.statusCode, looked.body).toBe(200);
    const { periodId } = (jsonBody(looked) as { programs: { periodId: string }[] }).programs[0]!;
    const refused = await start({ date: ahead, programId: program });
    expect(refused.statusCode, refused.body).toBe(422);
    expect(jsonBody(refused)).toMatchObject({ error: { code: "settlement_date_in_future" } });
    expect((await settlementDependencies(setup, "settlements").settlementStore.readProgress(program, periodId)).run).toBeUndefined();
    // A year before 1970 (0001 would be read as 1901) is no date to settle on.
    const ancient = await start({ date: "0001-01-15", dryRun: true });
    expect(ancient.statusCode, ancient.body).toBe(400);
    expect(ancient.body).toContain("body.date");
  });
});
