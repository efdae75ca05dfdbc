/** docs/events.md shows a valid example of every message type: each JSON block parses with the real schema. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { billingEventTypes, parseBillingEvent } from "../../shared/schemas/billing-events.ts";
import { outboundMessageSchema } from "../../shared/schemas/outbound-messages.ts";

const markdown = readFileSync(new URL("../../docs/events.md", import.meta.url), "utf8");
const blocks = [...markdown.matchAll(/```json\n([\s\S]*?)```/g)].map((match) => match[1]!);

describe("docs/events.md", () => {
  it("has a valid example of every billing event type", () => {
    const examples = blocks
      .map((block) => JSON.parse(block) as { type: string })
      .filter((example) => billingEventTypes.includes(example.type as never));
    expect(new Set(examples.map((example) => example.type))).toEqual(new Set(billingEventTypes));
    for (const example of examples) expect(() => parseBillingEvent(JSON.stringify(example))).not.toThrow();
  });

  it("shows outbound messages that match their schema", () => {
    const outbound = blocks.map((block) => JSON.parse(block) as { type: string }).filter((example) => example.type.startsWith("credit."));
    expect(outbound.length).toBeGreaterThan(0);
    for (const example of outbound) expect(outboundMessageSchema.safeParse(example).success).toBe(true);
  });
});
