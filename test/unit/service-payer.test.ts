/**
 * The stored form of a payer change and the key order its history is read by (AP25): the payer at a
 * time is the newest change whose sort key is at or below `servicePayerChangesUntil(time)`.
 */
import { describe, expect, it } from "vitest";
import { keys } from "../../shared/data/keys.ts";
import { servicePayerChangeOf } from "../../shared/domain/service-payer.ts";
import { servicePayerChanged } from "../support/billing-event-builders.ts";

const sortKeyOf = (changedAt: string, eventId = "evt-1") => keys.servicePayerChange("SVC-1", changedAt, eventId).sk;

describe("a service's payer change", () => {
  it("is stored with its event id and changedAt as UTC ISO with milliseconds", () => {
    const event = servicePayerChanged(
      {
        serviceId: "SVC-1",
        administratorAccountId: "admin",
        previousPayerAccountId: "admin",
        payerAccountId: "agency",
        changedAt: "2026-03-05T12:00:00+01:00",
      },
      "evt-7",
    );
    expect(servicePayerChangeOf(event)).toEqual({
      serviceId: "SVC-1",
      administratorAccountId: "admin",
      previousPayerAccountId: "admin",
      payerAccountId: "agency",
      changedAt: "2026-03-05T11:00:00.000Z",
      sourceEventId: "evt-7",
    });
  });

  it("sorts the history by when each change took effect, whatever offset the producer wrote", () => {
    // 10:30Z, 11:00Z, 12:00Z: as written, the strings sort the other way round.
    const spelled = ["2026-03-05T12:30:00+02:00", "2026-03-05T11:00:00Z", "2026-03-05T09:00:00-03:00"];
    const sortKeys = spelled.map((changedAt) =>
      sortKeyOf(servicePayerChangeOf(servicePayerChanged({ administratorAccountId: "a", payerAccountId: "p", changedAt })).changedAt),
    );
    expect([...sortKeys].sort()).toEqual(sortKeys);
    expect([...spelled].sort()).toEqual([...spelled].reverse());
  });

  it("counts a change at exactly the asked time, not one a millisecond later", () => {
    const until = keys.servicePayerChangesUntil("2026-03-05T11:00:00.000Z");
    expect(sortKeyOf("2026-03-05T11:00:00.000Z", "evt-zzz.ZZZ_@") <= until).toBe(true);
    expect(sortKeyOf("2026-03-05T11:00:00.000Z", "z".repeat(128)) <= until).toBe(true);
    expect(sortKeyOf("2026-03-05T10:59:59.999Z") <= until).toBe(true);
    expect(sortKeyOf("2026-03-05T11:00:00.001Z") <= until).toBe(false);
    expect(keys.servicePayerChangePrefix <= sortKeyOf("0000-01-01T00:00:00.000Z")).toBe(true);
  });
});
