/**
 * A billing-events batch's outboxes (shared/use-cases/billing-event-batch.ts `withBatchedOutbox`), without an engine:
 * the effects' outboxes are held and sent at the batch's end in as few SendMessageBatch requests as their order allows
 * (never two messages of one account in one request, so the FIFO queue keeps each account's order), then marked in one
 * transaction. A message the queue does not accept fails its record and holds back its account's later messages; a
 * mark that cannot be written never fails the batch (it is best effort: the relay sends the message again, deduplicated
 * by its id).
 */
import { describe, expect, it } from "vitest";
import type { LedgerStore } from "../../shared/data/ledger-store.ts";
import type { OutboundSender } from "../../shared/data/message-queues.ts";
import type { OutboundMessage } from "../../shared/schemas/outbound-messages.ts";
import { withBatchedOutbox } from "../../shared/use-cases/billing-event-batch.ts";
import type { LedgerDependencies } from "../../shared/use-cases/ledger-dependencies.ts";

function message(accountId: string, entryId: string): OutboundMessage {
  return { type: "credit.granted", accountId, entryId } as unknown as OutboundMessage;
}

const entryOf = (sent: OutboundMessage) => (sent as unknown as { entryId: string }).entryId;

function recording(
  options: { together?: "fail"; alone?: (eventId: string) => "fail" | "ok"; refuse?: (entryId: string) => boolean; down?: boolean } = {},
) {
  const calls: string[] = [];
  const store = {
    async markOutboundsSent(eventIds: readonly string[]) {
      calls.push(`mark together ${eventIds.join(",")}`);
      if (options.together === "fail") throw Object.assign(new Error("cancelled"), { name: "TransactionCanceledException" });
    },
    async markOutboundSent(eventId: string) {
      calls.push(`mark alone ${eventId}`);
      if (options.alone?.(eventId) === "fail") throw new Error("throttled");
    },
  } as unknown as LedgerStore;
  const outbound: OutboundSender = {
    async send() {
      throw new Error("the batch sends with sendBatch");
    },
    async sendBatch(messages) {
      calls.push(`send ${messages.map(entryOf).join(",")}`);
      if (options.down) throw new Error("ServiceUnavailable");
      return messages.map((sent) => !options.refuse?.(entryOf(sent)));
    },
  };
  return { calls, deps: { ledgerStore: store, outbound } as unknown as LedgerDependencies };
}

/** Holds each outbox as the record's effect would (commit-effect.ts), in this order. */
function hold(outbox: ReturnType<typeof withBatchedOutbox>, outboxes: [recordId: string, eventId: string, OutboundMessage[]][]): void {
  for (const [recordId, eventId, messages] of outboxes) outbox.forRecord(recordId).batchOutbox!.hold(eventId, messages);
}

describe("withBatchedOutbox", () => {
  it("sends nothing before the batch's end, then the messages of different accounts in one request and the marks in one transaction", async () => {
    const { calls, deps } = recording();
    const outbox = withBatchedOutbox(deps);
    hold(outbox, [
      ["r1", "evt-1", [message("acc-a", "m1")]],
      ["r2", "evt-2", [message("acc-b", "m2")]],
      ["r3", "evt-3", [message("acc-c", "m3")]],
    ]);
    expect(calls).toEqual([]);
    expect(await outbox.flush()).toEqual(new Set());
    expect(calls).toEqual(["send m1,m2,m3", "mark together evt-1,evt-2,evt-3"]);
    expect(await outbox.flush()).toEqual(new Set());
    expect(calls).toHaveLength(2);
  });

  it("sends one account's messages in successive requests, in the order they were committed", async () => {
    const { calls, deps } = recording();
    const outbox = withBatchedOutbox(deps);
    hold(outbox, [
      ["r1", "evt-1", [message("acc-a", "a1")]],
      ["r2", "evt-2", [message("acc-b", "b1")]],
      ["r3", "evt-3", [message("acc-a", "a2"), message("acc-c", "c1")]],
      ["r4", "evt-4", [message("acc-a", "a3")]],
    ]);
    await outbox.flush();
    expect(calls).toEqual(["send a1,b1,c1", "send a2", "send a3", "mark together evt-1,evt-2,evt-3,evt-4"]);
  });

  it("fails the record whose message is not accepted, holds back that account's later messages, and lets the others go", async () => {
    const { calls, deps } = recording({ refuse: (entryId) => entryId === "a1" });
    const outbox = withBatchedOutbox(deps);
    hold(outbox, [
      ["r1", "evt-1", [message("acc-a", "a1")]],
      ["r2", "evt-2", [message("acc-b", "b1")]],
      ["r3", "evt-3", [message("acc-a", "a2")]],
      ["r4", "evt-4", [message("acc-b", "b2")]],
    ]);
    expect(await outbox.flush()).toEqual(new Set(["r1", "r3"]));
    expect(calls).toEqual(["send a1,b1", "send b2", "mark together evt-2,evt-4"]);
  });

  it("fails every record of a request the queue did not answer, and marks nothing of them", async () => {
    const { calls, deps } = recording({ down: true });
    const outbox = withBatchedOutbox(deps);
    hold(outbox, [
      ["r1", "evt-1", [message("acc-a", "a1")]],
      ["r2", "evt-2", [message("acc-b", "b1")]],
      ["r3", "evt-3", [message("acc-a", "a2")]],
    ]);
    expect(await outbox.flush()).toEqual(new Set(["r1", "r2", "r3"]));
    expect(calls).toEqual(["send a1,b1"]);
  });

  it("puts at most ten messages in one request", async () => {
    const { calls, deps } = recording();
    const outbox = withBatchedOutbox(deps);
    hold(
      outbox,
      Array.from({ length: 12 }, (_, index) => [`r${index}`, `evt-${index}`, [message(`acc-${index}`, `m${index}`)]]),
    );
    await outbox.flush();
    expect(calls.filter((call) => call.startsWith("send"))).toEqual(["send m0,m1,m2,m3,m4,m5,m6,m7,m8,m9", "send m10,m11"]);
  });

  it("marks each alone when the transaction cannot be written, and never fails the batch for a mark", async () => {
    const { calls, deps } = recording({ together: "fail", alone: (eventId) => (eventId === "evt-2" ? "fail" : "ok") });
    const outbox = withBatchedOutbox(deps);
    hold(outbox, [
      ["r1", "evt-1", [message("acc-a", "m1")]],
      ["r2", "evt-2", [message("acc-b", "m2")]],
      ["r3", "evt-3", [message("acc-c", "m3")]],
    ]);
    expect(await outbox.flush()).toEqual(new Set());
    expect(calls).toEqual(["send m1,m2,m3", "mark together evt-1,evt-2,evt-3", "mark alone evt-1", "mark alone evt-2", "mark alone evt-3"]);
  });

  it("sends each outbox with send when the sender has no batch send, and writes nothing for a batch that sent nothing", async () => {
    const sent: string[][] = [];
    const { calls, deps } = recording();
    const plain = { ...deps, outbound: { send: async (messages: readonly OutboundMessage[]) => void sent.push(messages.map(entryOf)) } };
    const outbox = withBatchedOutbox(plain);
    hold(outbox, [
      ["r1", "evt-1", [message("acc-a", "a1")]],
      ["r2", "evt-2", [message("acc-b", "b1")]],
    ]);
    expect(await outbox.flush()).toEqual(new Set());
    expect(sent).toEqual([["a1", "b1"]]);
    await withBatchedOutbox(deps).flush();
    expect(calls).toEqual(["mark together evt-1,evt-2"]);
  });
});
