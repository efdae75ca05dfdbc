/**
 * A billing-event batch's outbox marks (shared/use-cases/billing-event-batch.ts `withBatchedOutboxMarks`), without an
 * engine: the effects' marks are deferred and written together at the batch's end, each outbox once; a transaction that
 * cannot be written falls back to one mark each, and a mark that still fails never fails the batch (it is best effort:
 * the relay sends the message again, deduplicated by its id).
 */
import { describe, expect, it } from "vitest";
import type { LedgerStore } from "../../shared/data/ledger-store.ts";
import { withBatchedOutboxMarks } from "../../shared/use-cases/billing-event-batch.ts";
import type { LedgerDependencies } from "../../shared/use-cases/ledger-dependencies.ts";

function recordingStore(options: { together?: "fail"; alone?: (eventId: string) => "fail" | "ok" } = {}) {
  const calls: string[] = [];
  const store = {
    async markOutboundsSent(eventIds: readonly string[]) {
      calls.push(`together ${eventIds.join(",")}`);
      if (options.together === "fail") throw Object.assign(new Error("cancelled"), { name: "TransactionCanceledException" });
    },
    async markOutboundSent(eventId: string) {
      calls.push(`alone ${eventId}`);
      if (options.alone?.(eventId) === "fail") throw new Error("throttled");
    },
  } as unknown as LedgerStore;
  return { calls, deps: { ledgerStore: store } as unknown as LedgerDependencies };
}

describe("withBatchedOutboxMarks", () => {
  it("defers every mark of the batch and writes them together, each outbox once", async () => {
    const { calls, deps } = recordingStore();
    const marks = withBatchedOutboxMarks(deps);
    for (const eventId of ["evt-1", "evt-2", "evt-1", "evt-3"]) await marks.deps.ledgerStore.markOutboundSent(eventId);
    expect(calls).toEqual([]);
    await marks.flush();
    expect(calls).toEqual(["together evt-1,evt-2,evt-3"]);
    await marks.flush();
    expect(calls).toHaveLength(1);
  });

  it("marks each alone when the transaction cannot be written, and never fails the batch for a mark", async () => {
    const { calls, deps } = recordingStore({ together: "fail", alone: (eventId) => (eventId === "evt-2" ? "fail" : "ok") });
    const marks = withBatchedOutboxMarks(deps);
    for (const eventId of ["evt-1", "evt-2", "evt-3"]) await marks.deps.ledgerStore.markOutboundSent(eventId);
    await expect(marks.flush()).resolves.toBeUndefined();
    expect(calls).toEqual(["together evt-1,evt-2,evt-3", "alone evt-1", "alone evt-2", "alone evt-3"]);
  });

  it("writes nothing for a batch that sent nothing", async () => {
    const { calls, deps } = recordingStore();
    await withBatchedOutboxMarks(deps).flush();
    expect(calls).toEqual([]);
  });
});
