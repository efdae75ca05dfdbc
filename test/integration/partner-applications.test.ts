/**
 * Partner applications on DynamoDB Local, through the real handlers on their functions' grants (the
 * ACTIVE 24 program and copies of it with other waits): applying with the program's form, one open
 * application per account and program, decisions once (repeats change nothing, races between two
 * operators end in one decision and one message), the wait after a rejection at its edge, the
 * duplicate registration id flagged, the listing paged oldest first, and who may call what.
 */
await vi.hoisted(() => import("../support/handler-environment.ts"));

import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { partnerKeys } from "../../shared/data/keys.ts";
import { createPartnerStore } from "../../shared/data/partner-store.ts";
import { active24ResellerPreset, demoOperatorConfig } from "../../shared/domain/program-presets.ts";
import {
  type OutboundMessage,
  outboundMessageSchema,
  type PartnerApplicationApproved,
  type PartnerApplicationRejected,
} from "../../shared/schemas/outbound-messages.ts";
import type { ApplicationItem } from "../../shared/schemas/partner-application-items.ts";
import type { ApplicationView } from "../../shared/schemas/partner-applications-api.ts";
import { jsonBody } from "../support/http-events.ts";
import { useLedgerTestSetup } from "../support/ledger-setup.ts";
import { type PartnerRoutes, partnerRoutes } from "../support/partner-setup.ts";

// 10:00 in Prague.
const setup = useLedgerTestSetup("2026-03-02T09:00:00.000Z");
let api: PartnerRoutes;
const program = "active24-reseller";
const neverProgram = "active24-never";
const autoProgram = "active24-auto";

beforeAll(async () => {
  api = partnerRoutes(setup);
  await setup.saveOperatorConfig({
    ...demoOperatorConfig,
    programs: [
      ...demoOperatorConfig.programs,
      {
        ...active24ResellerPreset,
        programId: neverProgram,
        name: "Reseller, no second application",
        partnerProgram: { ...active24ResellerPreset.partnerProgram!, reapplyAfterRejection: { kind: "never" } },
      },
      {
        ...active24ResellerPreset,
        programId: autoProgram,
        name: "Reseller, approved on application",
        partnerProgram: { ...active24ResellerPreset.partnerProgram!, autoApprove: true },
      },
    ],
  });
});

beforeEach(async () => {
  await setup.drain(setup.sqs.queueUrls.outbound);
});

const fields = (registrationId = "CZ12345678") => ({ companyName: "Web Partner s.r.o.", registrationId, expectedServices: 40 });
const applicationOf = (response: { body?: string }) => (jsonBody(response) as { application: ApplicationItem }).application;
const viewOf = (response: { body?: string }) => (jsonBody(response) as { application: ApplicationView }).application;
const errorOf = (response: { body?: string }) => (jsonBody(response) as { error: { code: string; message: string } }).error;
const statusAndCode = (response: { statusCode?: number; body?: string }) => [response.statusCode, errorOf(response).code];

const isPartnerMessage = (message: OutboundMessage): message is PartnerApplicationApproved | PartnerApplicationRejected =>
  message.type === "partner.application.approved" || message.type === "partner.application.rejected";

async function partnerMessages(): Promise<(PartnerApplicationApproved | PartnerApplicationRejected)[]> {
  return (await setup.drain(setup.sqs.queueUrls.outbound))
    .map((message) => outboundMessageSchema.parse(JSON.parse(message.Body!)))
    .filter(isPartnerMessage);
}

async function applied(accountId: string, registrationId?: string, programId = program): Promise<ApplicationItem> {
  const response = await api.apply(accountId, { programId, fields: fields(registrationId) });
  expect(response.statusCode, response.body).toBe(201);
  return applicationOf(response);
}

const isApprovedPartner = (accountId: string, programId = program) =>
  createPartnerStore(setup.tableContext).isApprovedPartner(accountId, programId);

describe("applying", () => {
  it("submits an application with the normalized registration id; the account is an applicant, not a partner", async () => {
    const response = await api.apply("pa-acc-1", {
      programId: program,
      fields: {
        companyName: " Web Partner s.r.o. ",
        registrationId: "cz 123-456/01",
        expectedServices: 40,
        website: "https://partner.example.cz",
      },
    });
    expect(response.statusCode).toBe(201);
    const application = applicationOf(response);
    expect(application).toMatchObject({
      accountId: "pa-acc-1",
      programId: program,
      status: "submitted",
      submittedBy: "account",
      submittedAt: "2026-03-02T09:00:00.000Z",
      fields: {
        companyName: "Web Partner s.r.o.",
        registrationId: "CZ12345601",
        expectedServices: 40,
        website: "https://partner.example.cz",
      },
    });
    expect(application.applicationId).toMatch(/^pa_[0-9a-f]{24}$/);
    expect(await setup.readItem(partnerKeys.membership("pa-acc-1", program))).toMatchObject({ status: "applicant" });
    expect(await setup.readItem(partnerKeys.registrationEntry("CZ12345601", "pa-acc-1"))).toMatchObject({
      applicationId: application.applicationId,
    });
    expect(await isApprovedPartner("pa-acc-1")).toBe(false);
    expect(await partnerMessages()).toEqual([]);
  });

  it("refuses a second open application to the same program (409, nothing written), not one to another program", async () => {
    const first = await applied("pa-acc-2", "CZ22222222");
    const before = (await setup.scanAll()).length;
    const second = await api.apply("pa-acc-2", { programId: program, fields: fields("CZ22222223") });
    expect(statusAndCode(second)).toEqual([409, "application_already_open"]);
    expect(errorOf(second).message).toContain(first.applicationId);
    expect((await setup.scanAll()).length).toBe(before);
    expect((await api.apply("pa-acc-2", { programId: neverProgram, fields: fields("CZ22222222") })).statusCode).toBe(201);
  });

  it("two applications of one account at once: one is submitted, the other refused", async () => {
    const responses = await Promise.all([
      api.apply("pa-acc-race", { programId: program, fields: fields("CZ30303030") }),
      api.apply("pa-acc-race", { programId: program, fields: fields("CZ30303030") }),
    ]);
    expect(responses.map((response) => response.statusCode).sort()).toEqual([201, 409]);
    expect(errorOf(responses.find((response) => response.statusCode === 409)!).code).toBe("application_already_open");
  });

  it("validates the fields against the program's form: 400 naming the field, nothing written", async () => {
    const before = (await setup.scanAll()).length;
    const cases: [unknown, string][] = [
      [{ programId: program, fields: { companyName: "A", registrationId: "12345678" } }, "body.fields.expectedServices"],
      [{ programId: program, fields: { ...fields(), fax: "1" } }, "body.fields"],
      [{ programId: program, fields: { ...fields(), website: "ftp://x.example.com" } }, "body.fields.website"],
      [{ programId: program, fields: { ...fields(), registrationId: "1-2" } }, "body.fields.registrationId"],
      [{ programId: program, fields: { ...fields(), companyName: "x".repeat(201) } }, "body.fields.companyName"],
      [{ programId: program, fields: fields(), extra: true }, "body"],
    ];
    for (const [body, path] of cases) {
      const response = await api.apply("pa-acc-3", body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect((jsonBody(response) as { error: { issues: { path: string }[] } }).error.issues[0]?.path).toBe(path);
    }
    expect(statusAndCode(await api.apply("pa-acc-3", { programId: "ex2-credit", fields: fields() }))).toEqual([422, "no_partner_program"]);
    expect((await api.apply("pa-acc-3", { programId: "no-such-program", fields: fields() })).statusCode).toBe(404);
    expect((await api.apply("operator", { programId: program, fields: fields() }, { kind: "operator" })).statusCode).toBe(400);
    expect((await setup.scanAll()).length).toBe(before);
  });

  it("lets the operator apply on an account's behalf; refuses another account (403) and no token (401)", async () => {
    const byOperator = await api.apply("pa-acc-4", { programId: program, fields: fields("CZ44444444") }, { kind: "operator" });
    expect([byOperator.statusCode, applicationOf(byOperator).submittedBy]).toEqual([201, "operator"]);
    expect(
      (await api.apply("pa-acc-5", { programId: program, fields: fields() }, { kind: "account", accountId: "pa-acc-4" })).statusCode,
    ).toBe(403);
    expect((await api.apply("pa-acc-5", { programId: program, fields: fields() }, { kind: "anonymous" })).statusCode).toBe(401);
  });

  it("approves at once, with its message, only where the program says so", async () => {
    const application = await applied("pa-acc-auto", "CZ50505050", autoProgram);
    expect(application).toMatchObject({ status: "approved", decision: { reasonCode: "auto_approved", decidedBy: "auto" } });
    expect(await isApprovedPartner("pa-acc-auto", autoProgram)).toBe(true);
    expect(await partnerMessages()).toMatchObject([
      { type: "partner.application.approved", applicationId: application.applicationId, decidedBy: "auto" },
    ]);
  });
});

describe("the operator's decision", () => {
  it("approves once: a partner, one message; the same approval again changes and sends nothing; a rejection after it is refused", async () => {
    const application = await applied("pa-dec-1", "CZ60606060");
    const approved = await api.approve(application.applicationId, { reasonCode: "conditions_met", note: "Vítejte." });
    expect(approved.statusCode).toBe(200);
    expect(jsonBody(approved)).toMatchObject({
      changed: true,
      application: {
        status: "approved",
        decision: { outcome: "approved", reasonCode: "conditions_met", note: "Vítejte.", decidedBy: "operator" },
      },
    });
    expect(await isApprovedPartner("pa-dec-1")).toBe(true);
    expect(await partnerMessages()).toEqual([
      {
        type: "partner.application.approved",
        version: 1,
        messageId: `partner-application:${application.applicationId}:decision`,
        applicationId: application.applicationId,
        accountId: "pa-dec-1",
        programId: program,
        note: "Vítejte.",
        decidedAt: "2026-03-02T09:00:00.000Z",
        reasonCode: "conditions_met",
        decidedBy: "operator",
      },
    ]);

    const again = await api.approve(application.applicationId, { reasonCode: "operator_discretion" });
    expect([again.statusCode, jsonBody(again).changed, applicationOf(again).decision?.reasonCode]).toEqual([200, false, "conditions_met"]);
    const rejected = await api.reject(application.applicationId, { reasonCode: "conditions_not_met" });
    expect(statusAndCode(rejected)).toEqual([409, "application_already_decided"]);
    expect(errorOf(rejected).message).toContain("already approved (conditions_met");
    expect(await partnerMessages()).toEqual([]);
    expect(statusAndCode(await api.apply("pa-dec-1", { programId: program, fields: fields("CZ60606060") }))).toEqual([
      409,
      "already_partner",
    ]);
  });

  it("refuses the operator's auto_approved reason, `other` without a note, an unknown application (404) and an unknown id shape (400)", async () => {
    const application = await applied("pa-dec-2", "CZ70707070");
    expect((await api.approve(application.applicationId, { reasonCode: "auto_approved" })).statusCode).toBe(400);
    expect((await api.reject(application.applicationId, { reasonCode: "other" })).statusCode).toBe(400);
    expect((await api.reject(application.applicationId, { reasonCode: "because" })).statusCode).toBe(400);
    expect((await api.approve("pa_ffffffffffffffffffffffff", { reasonCode: "conditions_met" })).statusCode).toBe(404);
    expect((await api.get("pa_ffffffffffffffffffffffff")).statusCode).toBe(404);
    expect((await api.approve("not-an-id", { reasonCode: "conditions_met" })).statusCode).toBe(400);
    expect(applicationOf(await api.get(application.applicationId)).status).toBe("submitted");
  });

  it("two operators approving at once: one decision, one message, both answered 200", async () => {
    for (const round of [1, 2, 3]) {
      const application = await applied(`pa-race-a-${round}`, `CZ8080808${round}`);
      const responses = await Promise.all([
        api.approve(application.applicationId, { reasonCode: "conditions_met" }),
        api.approve(application.applicationId, { reasonCode: "operator_discretion" }),
      ]);
      expect(responses.map((response) => response.statusCode)).toEqual([200, 200]);
      expect(responses.map((response) => jsonBody(response).changed).sort()).toEqual([false, true]);
      const recorded = applicationOf(await api.get(application.applicationId));
      for (const response of responses) expect(applicationOf(response).decision).toEqual(recorded.decision);
      const messages = await partnerMessages();
      expect(messages.map((message) => [message.type, message.applicationId])).toEqual([
        ["partner.application.approved", application.applicationId],
      ]);
    }
  });

  it("an approval and a rejection at once: exactly one decision, the other refused naming it, one message", async () => {
    for (const round of [1, 2, 3]) {
      const application = await applied(`pa-race-b-${round}`, `CZ9090909${round}`);
      const [approval, rejection] = await Promise.all([
        api.approve(application.applicationId, { reasonCode: "conditions_met" }),
        api.reject(application.applicationId, { reasonCode: "conditions_not_met" }),
      ]);
      const statuses = [approval.statusCode, rejection.statusCode];
      expect(statuses.sort()).toEqual([200, 409]);
      const winner = approval.statusCode === 200 ? "approved" : "rejected";
      const loser = approval.statusCode === 200 ? rejection : approval;
      expect(errorOf(loser)).toMatchObject({ code: "application_already_decided" });
      expect(errorOf(loser).message).toContain(`already ${winner}`);
      const stored = applicationOf(await api.get(application.applicationId));
      expect(stored.status).toBe(winner);
      expect(await setup.readItem(partnerKeys.membership(`pa-race-b-${round}`, program))).toMatchObject({
        status: winner === "approved" ? "partner" : "rejected",
      });
      expect((await partnerMessages()).map((message) => message.type)).toEqual([`partner.application.${winner}`]);
    }
  });

  it("refuses every operator route to an account (403) and to no token (401)", async () => {
    const application = await applied("pa-dec-3", "CZ10101010");
    const account = { kind: "account" as const, accountId: "pa-dec-3" };
    expect((await api.list({ programId: program }, account)).statusCode).toBe(403);
    expect((await api.get(application.applicationId, account)).statusCode).toBe(403);
    expect((await api.approve(application.applicationId, { reasonCode: "conditions_met" }, account)).statusCode).toBe(403);
    expect((await api.reject(application.applicationId, { reasonCode: "conditions_not_met" }, account)).statusCode).toBe(403);
    expect((await api.approve(application.applicationId, { reasonCode: "conditions_met" }, { kind: "anonymous" })).statusCode).toBe(401);
    expect(applicationOf(await api.get(application.applicationId)).status).toBe("submitted");
  });
});

describe("applying again after a rejection", () => {
  it("waits the program's 30 operator-local days: refused the day before with the date, accepted on the day", async () => {
    // 23:30 UTC on 9 March is 00:30 on 10 March in Prague: the wait counts from the 10th, so the first day is 9 April.
    setup.clock.set("2026-03-09T23:30:00.000Z");
    const application = await applied("pa-wait-1", "CZ11111111");
    const rejected = await api.reject(application.applicationId, { reasonCode: "incomplete_application", note: "Doplňte IČO." });
    expect(rejected.statusCode).toBe(200);
    expect(await partnerMessages()).toMatchObject([
      { type: "partner.application.rejected", reasonCode: "incomplete_application", reapply: "from_date", reapplyFrom: "2026-04-09" },
    ]);
    expect(await isApprovedPartner("pa-wait-1")).toBe(false);

    setup.clock.set("2026-04-08T21:59:59.999Z"); // 23:59:59.999 on 8 April in Prague (CEST)
    const tooEarly = await api.apply("pa-wait-1", { programId: program, fields: fields("CZ11111111") });
    expect(statusAndCode(tooEarly)).toEqual([409, "reapply_not_allowed_yet"]);
    expect(errorOf(tooEarly).message).toContain("again from 2026-04-09");

    setup.clock.set("2026-04-08T22:00:00.000Z"); // 00:00 on 9 April in Prague
    const again = await applied("pa-wait-1", "CZ11111111");
    expect(again.applicationId).not.toBe(application.applicationId);
    expect(await setup.readItem(partnerKeys.membership("pa-wait-1", program))).toMatchObject({
      status: "applicant",
      applicationId: again.applicationId,
    });
    setup.clock.set("2026-03-02T09:00:00.000Z");
  });

  it("never, where the program says never", async () => {
    const application = await applied("pa-wait-2", "CZ12121212", neverProgram);
    await api.reject(application.applicationId, { reasonCode: "not_a_business" });
    expect(await partnerMessages()).toMatchObject([{ type: "partner.application.rejected", reapply: "never" }]);
    setup.clock.set("2031-03-02T09:00:00.000Z");
    expect(statusAndCode(await api.apply("pa-wait-2", { programId: neverProgram, fields: fields("CZ12121212") }))).toEqual([
      409,
      "reapply_never",
    ]);
    setup.clock.set("2026-03-02T09:00:00.000Z");
  });
});

describe("the operator's reads", () => {
  it("flags the same registration id on other accounts, however it was typed; never refuses it", async () => {
    const first = await applied("pa-dup-1", "CZ 131 313 13");
    const second = await applied("pa-dup-2", "cz13131313");
    const unrelated = await applied("pa-dup-3", "CZ14141414");
    expect(viewOf(await api.get(first.applicationId)).duplicateRegistrationOf).toEqual(["pa-dup-2"]);
    expect(viewOf(await api.get(second.applicationId)).duplicateRegistrationOf).toEqual(["pa-dup-1"]);
    expect(viewOf(await api.get(unrelated.applicationId)).duplicateRegistrationOf).toEqual([]);
    // Still flagged after the first is approved: two partner accounts of one company.
    await api.approve(first.applicationId, { reasonCode: "conditions_met" });
    await api.approve(second.applicationId, { reasonCode: "conditions_met" });
    const listed = jsonBody(await api.list({ programId: program, status: "approved", limit: "100" })) as {
      applications: ApplicationView[];
    };
    const flags = Object.fromEntries(
      listed.applications.map((application) => [application.accountId, application.duplicateRegistrationOf]),
    );
    expect(flags).toMatchObject({ "pa-dup-1": ["pa-dup-2"], "pa-dup-2": ["pa-dup-1"] });
    expect(await partnerMessages()).toHaveLength(2);
  });

  it("lists a program's applications in one status, oldest first, by page", async () => {
    const listingProgram = "active24-listing";
    await setup.saveOperatorConfig({
      ...demoOperatorConfig,
      programs: [
        ...demoOperatorConfig.programs,
        { ...active24ResellerPreset, programId: listingProgram, name: "Listing" },
        {
          ...active24ResellerPreset,
          programId: neverProgram,
          name: "Never",
          partnerProgram: { ...active24ResellerPreset.partnerProgram!, reapplyAfterRejection: { kind: "never" } },
        },
        {
          ...active24ResellerPreset,
          programId: autoProgram,
          name: "Auto",
          partnerProgram: { ...active24ResellerPreset.partnerProgram!, autoApprove: true },
        },
      ],
    });
    const ids: string[] = [];
    for (const index of [0, 1, 2, 3, 4]) {
      setup.clock.set(`2026-03-03T0${index}:00:00.000Z`);
      ids.push((await applied(`pa-list-${index}`, `CZ1500000${index}`, listingProgram)).applicationId);
    }
    setup.clock.set("2026-03-03T09:00:00.000Z");
    await api.reject(ids[1]!, { reasonCode: "conditions_not_met" });

    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 5; page += 1) {
      const response = await api.list({ programId: listingProgram, limit: "2", ...(cursor ? { cursor } : {}) });
      expect(response.statusCode).toBe(200);
      const body = jsonBody(response) as { status: string; applications: ApplicationView[]; nextCursor?: string };
      expect(body.status).toBe("submitted");
      seen.push(...body.applications.map((application) => application.applicationId));
      cursor = body.nextCursor;
      if (!cursor) break;
    }
    expect(seen).toEqual([ids[0], ids[2], ids[3], ids[4]]);
    const rejected = jsonBody(await api.list({ programId: listingProgram, status: "rejected" })) as { applications: ApplicationView[] };
    expect(rejected.applications.map((application) => application.applicationId)).toEqual([ids[1]]);
    // A cursor of one listing is refused on another.
    const firstPage = jsonBody(await api.list({ programId: listingProgram, limit: "1" })) as { nextCursor: string };
    expect((await api.list({ programId: program, cursor: firstPage.nextCursor })).statusCode).toBe(400);
    expect((await api.list({ programId: listingProgram, status: "pending" })).statusCode).toBe(400);
    expect((await api.list({})).statusCode).toBe(400);
    setup.clock.set("2026-03-02T09:00:00.000Z");
  });
});
