/**
 * The consumer counts what each billing event did as CloudWatch metrics (EMF, one line per batch): an
 * operator can alarm on dead-lettered events and graph rewards and duplicates without reading logs.
 */
import { afterEach, describe, expect, it, vi } from "vitest";

await vi.hoisted(() => import("../support/handler-environment.ts"));

import { alarmedMetricNames, metrics } from "../../shared/observability.ts";
import { outcomeMetricNames } from "../../shared/use-cases/consume-billing-event.ts";
import { invoicePaid, rechargeCompleted } from "../support/billing-event-builders.ts";
import { useLedgerTestSetup } from "../support/ledger-setup.ts";
import { sqsEvent, sqsEventOf, sqsRecord } from "../support/sqs-events.ts";

const setup = useLedgerTestSetup();

afterEach(() => {
  vi.restoreAllMocks();
});

function countsByMetric(spy: { mock: { calls: unknown[][] } }): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const [name, , value] of spy.mock.calls) counts[String(name)] = (counts[String(name)] ?? 0) + Number(value);
  return counts;
}

describe("billing-event outcome metrics", () => {
  it("counts rewarded, duplicate, without-effect and dead-lettered events and the entries posted", async () => {
    await setup.seedReferral({ refereeAccountId: "metrics-referee", referrerAccountId: "metrics-referrer", programId: "zadarma-partner" });
    const recharge = rechargeCompleted({ accountId: "metrics-referee", amountMinor: 2_000 });
    const addMetric = vi.spyOn(metrics, "addMetric");
    const publish = vi.spyOn(metrics, "publishStoredMetrics");

    const response = await setup.consume(
      sqsEvent([
        sqsRecord({ body: recharge, messageId: "m-1" }),
        sqsRecord({ body: recharge, messageId: "m-2" }),
        sqsRecord({ body: invoicePaid({ accountId: "metrics-nobody" }), messageId: "m-3" }),
        sqsRecord({ body: "not json", messageId: "m-4" }),
      ]),
    );

    expect(response.batchItemFailures).toEqual([]);
    expect(countsByMetric(addMetric)).toEqual({
      [outcomeMetricNames.rewarded]: 1,
      [outcomeMetricNames.duplicate]: 1,
      [outcomeMetricNames.other]: 1,
      [outcomeMetricNames.dead_lettered]: 1,
      LedgerTransfersPosted: 1,
      [alarmedMetricNames.billingEventsBatchItemFailures]: 0,
    });
    expect(publish).toHaveBeenCalled();
    await setup.drain(setup.sqs.queueUrls.billingEventsDeadLetter);
  });

  it("counts a record that failed and will be retried as a batch item failure, and as no outcome", async () => {
    const addMetric = vi.spyOn(metrics, "addMetric");
    const failing = setup.dependencies({
      clock: {
        now: () => {
          throw new Error("clock broke");
        },
      },
    });

    const response = await setup.consume(sqsEventOf([rechargeCompleted({ accountId: "metrics-referee" })]), failing);

    expect(response.batchItemFailures).toHaveLength(1);
    expect(countsByMetric(addMetric)).toEqual({ [alarmedMetricNames.billingEventsBatchItemFailures]: 1 });
  });
});
