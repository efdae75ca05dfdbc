/** docs/events.md shows a valid example of every message type: each JSON block parses with the real schema. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { documentedMessages, fieldRowsOf, renderEventsDoc } from "../../scripts/lib/events-doc.ts";
import { billingEventSchemas, billingEventTypes, parseBillingEvent } from "../../shared/schemas/billing-events.ts";
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
    // Sent in order, as a reader may, every example applies: no two share an event id (ids are never reused).
    const ids = examples.map((example) => (example as { eventId?: string }).eventId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("shows outbound messages that match their schema", () => {
    const outbound = blocks
      .map((block) => JSON.parse(block) as { type: string })
      .filter((example) => ["credit.", "withdrawal.", "invite.", "partner."].some((prefix) => example.type.startsWith(prefix)));
    expect(new Set(outbound.map((example) => example.type))).toEqual(
      new Set([
        "credit.granted",
        "withdrawal.requested",
        "withdrawal.paid",
        "invite.requested",
        "partner.application.approved",
        "partner.application.rejected",
        "partner.level.changed",
      ]),
    );
    for (const example of outbound) expect(outboundMessageSchema.safeParse(example).success).toBe(true);
  });
});

describe("docs/events.md's field tables", () => {
  it("are the ones generated from the zod schemas", () => {
    expect(markdown, "docs/events.md is stale: run `npm run docs` after changing a message schema").toBe(renderEventsDoc(markdown));
  });

  it("change when a schema's field changes (the check can fail)", () => {
    const edited = markdown.replace("| `payerAccountId`         | yes ", "| `payerAccountId`         | no  ");
    expect(edited).not.toBe(markdown);
    expect(renderEventsDoc(edited)).not.toBe(edited);
  });

  it("give every field a meaning and every optional field what applies when it is absent", () => {
    for (const { name, schema } of documentedMessages())
      for (const row of fieldRowsOf(schema)) {
        expect(row.meaning, `${name}: ${row.field} has no description`).not.toBe("");
        if (!row.required) expect(row.whenAbsent, `${name}: optional ${row.field} does not say what applies when absent`).toBeTruthy();
      }
  });

  it("mark required exactly the fields without which the example is rejected", () => {
    const examples = blocks.map((block) => JSON.parse(block) as { type: string; data?: Record<string, unknown> });
    for (const type of billingEventTypes) {
      const example = examples.find((candidate) => candidate.type === type);
      const data = example?.data as Record<string, unknown>;
      const rows = fieldRowsOf(billingEventSchemas[type][1]).filter((row) => !row.field.includes(".") && row.field in data);
      expect(rows.length, type).toBeGreaterThan(0);
      for (const row of rows) {
        const { [row.field]: _left, ...without } = data;
        const parsed = parseResult(JSON.stringify({ ...example, data: without }));
        // A chargeback needs one of its two payment ids: without the one it has, it is rejected though both are optional.
        const exactlyOneOf = type === "chargeback" && (row.field === "invoiceId" || row.field === "rechargeId");
        expect(parsed, `${type}: without ${row.field}`).toBe(row.required || exactlyOneOf ? "rejected" : "accepted");
      }
    }
  });
});

function parseResult(body: string): "accepted" | "rejected" {
  try {
    parseBillingEvent(body);
    return "accepted";
  } catch {
    return "rejected";
  }
}
