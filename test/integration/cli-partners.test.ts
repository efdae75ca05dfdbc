/**
 * The operator CLI's partner commands against the real local pieces (DynamoDB Local, the local SQS
 * server), in process through `runCli`: `partners applications|show|approve|reject|level|verify`, on the
 * same use cases as the routes (docs/partners.md).
 */
await vi.hoisted(() => import("../support/handler-environment.ts"));

import { beforeAll, describe, expect, it, vi } from "vitest";
import type { ApplicationItem } from "../../shared/schemas/partner-application-items.ts";
import { serviceActivated } from "../support/billing-event-builders.ts";
import { useCliStack } from "../support/cli-setup.ts";
import { jsonBody } from "../support/http-events.ts";
import { useLedgerTestSetup } from "../support/ledger-setup.ts";
import { partnerRoutes } from "../support/partner-setup.ts";
import { sqsEventOf } from "../support/sqs-events.ts";

const setup = useLedgerTestSetup("2026-03-02T09:00:00.000Z");
const { cli } = useCliStack(setup, "cli-partners");
let approveId: string;
let rejectId: string;

async function applied(accountId: string, registrationId: string): Promise<string> {
  const response = await partnerRoutes(setup).apply(accountId, {
    programId: "active24-reseller",
    fields: { companyName: `${accountId} s.r.o.`, registrationId, expectedServices: 60 },
  });
  expect(response.statusCode, response.body).toBe(201);
  return (jsonBody(response) as { application: ApplicationItem }).application.applicationId;
}

beforeAll(async () => {
  const activations = Array.from({ length: 10 }, (_, index) =>
    serviceActivated({ serviceId: `cli-svc-${index}`, administratorAccountId: `cli-end-${index}`, payerAccountId: "cli-partner-1" }),
  );
  expect((await setup.consume(sqsEventOf(activations))).batchItemFailures).toEqual([]);
  approveId = await applied("cli-partner-1", "CZ11112222");
  // A second later: the listing is oldest first, and two applications of one instant are in id order.
  setup.clock.advance(1_000);
  rejectId = await applied("cli-partner-2", "CZ33334444");
});

describe("partners", () => {
  it("lists the submitted applications, oldest first, and shows one", async () => {
    const listed = await cli("--json", "partners", "applications");
    expect(listed.code, listed.stderr).toBe(0);
    const page = JSON.parse(listed.stdout) as { programId: string; applications: { applicationId: string }[] };
    expect(page.programId).toBe("active24-reseller");
    expect(page.applications.map((application) => application.applicationId)).toEqual([approveId, rejectId]);
    const shown = await cli("partners", "show", approveId);
    expect(shown.stdout).toContain(`${approveId}  submitted  account cli-partner-1`);
    expect(shown.stdout).toContain("registrationId: CZ11112222");
    const garbage = await cli("--json", "partners", "applications", "--cursor", "garbage");
    expect([garbage.code, JSON.parse(garbage.stdout).error.code]).toEqual([2, "validation_failed"]); // a malformed argument
  });

  it("approves and rejects with a reason code, once; a wrong reason code is wrong usage", async () => {
    expect((await cli("partners", "approve", approveId, "--reason", "not_a_reason")).code).toBe(2);
    const approved = await cli("partners", "approve", approveId, "--reason", "conditions_met", "--note", "Welcome aboard.");
    expect(approved.code, approved.stderr).toBe(0);
    expect(approved.stdout).toContain("decided: the message is on the outbound queue");
    expect((await cli("partners", "approve", approveId, "--reason", "conditions_met")).stdout).toContain("nothing changed");
    expect((await cli("partners", "reject", rejectId, "--reason", "other")).code).toBe(2); // `other` needs a note
    const rejected = await cli("--json", "partners", "reject", rejectId, "--reason", "incomplete_application");
    expect(JSON.parse(rejected.stdout)).toMatchObject({ changed: true, application: { status: "rejected" } });
  });

  it("shows a partner's level and verifies it on demand, idempotent by its id", async () => {
    const level = await cli("partners", "level", "cli-partner-1");
    expect(level.code, level.stderr).toBe(0);
    expect(level.stdout).toContain("cli-partner-1 in active24-reseller: partner (10 %) today");
    expect(level.stdout).toContain("10 active services as payer");

    const verified = await cli("--json", "partners", "verify", "cli-partner-1", "--id", "cli-check-1");
    expect(JSON.parse(verified.stdout)).toMatchObject({ repeated: false, verification: { kind: "confirmed" } });
    expect((await cli("partners", "verify", "cli-partner-1", "--id", "cli-check-1")).stdout).toContain("recorded before");
    const notPartner = await cli("--json", "partners", "verify", "cli-partner-2", "--id", "cli-check-2");
    expect(notPartner.code).toBe(1);
    expect(JSON.parse(notPartner.stdout).error.code).toBe("not_a_partner");
    expect((await cli("partners", "verify", "cli-partner-1", "--id", "cli-check-3", "--effective-on", "03/04/2026")).code).toBe(2);
  });
});
