/**
 * The partner-application rules without I/O: the fields against the program's form, the wait after a
 * rejection at its edge (operator-local days), who may apply, and what a decision writes and sends.
 */
import { describe, expect, it } from "vitest";
import {
  decideApplication,
  decideSubmission,
  isPartner,
  reapplyWindowOf,
  refusalToApply,
} from "../../shared/domain/partner-applications.ts";
import { active24ResellerPreset, demoOperatorConfig } from "../../shared/domain/program-presets.ts";
import { operatorConfigSchema, type PartnerProgram, partnerProgramSchema } from "../../shared/schemas/operator-config.ts";
import type { ApplicationItem, MembershipItem } from "../../shared/schemas/partner-application-items.ts";
import { applicationFieldsSchemaFor, normalizeRegistrationId } from "../../shared/schemas/partner-applications-api.ts";

const timeZone = "Europe/Prague";
const active24 = partnerProgramSchema.parse(active24ResellerPreset.partnerProgram);
const program = (overrides: Partial<PartnerProgram> = {}): PartnerProgram => ({ ...active24, ...overrides });

const validFields = { companyName: "Webové služby s.r.o.", registrationId: "CZ 123 456 78", expectedServices: 120 };

function issuesOf(form: PartnerProgram, fields: unknown): string[] {
  const parsed = applicationFieldsSchemaFor(form).safeParse(fields);
  return parsed.success ? [] : parsed.error.issues.map((issue) => issue.path.join("."));
}

describe("the application's fields against the program's form", () => {
  it("accepts the ACTIVE 24 form's required fields and normalizes the registration id", () => {
    expect(applicationFieldsSchemaFor(active24).parse(validFields)).toEqual({
      companyName: "Webové služby s.r.o.",
      registrationId: "CZ12345678",
      expectedServices: 120,
    });
  });

  it("refuses a missing required field and a field the program does not ask for", () => {
    expect(issuesOf(active24, { companyName: "A", registrationId: "12345678" })).toEqual(["expectedServices"]);
    const withoutWebsite = program({ applicationFields: { companyName: "required" } });
    expect(issuesOf(withoutWebsite, { companyName: "A", website: "https://a.example.com" })).toEqual(["website"]);
    expect(issuesOf(active24, { ...validFields, fax: "123" })).toEqual([""]);
  });

  it("bounds every field: lengths, a website that is an http(s) URL with a domain, a whole number of services", () => {
    expect(issuesOf(active24, { ...validFields, companyName: " " })).toEqual(["companyName"]);
    expect(issuesOf(active24, { ...validFields, companyName: "x".repeat(201) })).toEqual(["companyName"]);
    expect(issuesOf(active24, { ...validFields, companyName: "x".repeat(200) })).toEqual([]);
    expect(issuesOf(active24, { ...validFields, website: "ftp://files.example.com" })).toEqual(["website"]);
    expect(issuesOf(active24, { ...validFields, website: "javascript:alert(1)" })).toEqual(["website"]);
    expect(issuesOf(active24, { ...validFields, website: "https://localhost" })).toEqual(["website"]);
    expect(issuesOf(active24, { ...validFields, website: "https://www.example.cz/partner" })).toEqual([]);
    expect(issuesOf(active24, { ...validFields, expectedServices: 1.5 })).toEqual(["expectedServices"]);
    expect(issuesOf(active24, { ...validFields, expectedServices: -1 })).toEqual(["expectedServices"]);
    expect(issuesOf(active24, { ...validFields, expectedServices: "12" })).toEqual(["expectedServices"]);
    expect(issuesOf(active24, { ...validFields, note: "x".repeat(2001) })).toEqual(["note"]);
  });

  it("normalizes a registration id to upper-case letters and digits, and refuses one too short or with other characters", () => {
    expect(normalizeRegistrationId("cz 123-456/78.")).toBe("CZ12345678");
    expect(issuesOf(active24, { ...validFields, registrationId: "1-2-3" })).toEqual(["registrationId"]);
    expect(issuesOf(active24, { ...validFields, registrationId: "CZ#12345678" })).toEqual(["registrationId"]);
    expect(issuesOf(active24, { ...validFields, registrationId: "1234" })).toEqual([]);
  });
});

describe("the configuration", () => {
  it("puts a partnerProgram block on the ACTIVE 24 preset, not approving on its own", () => {
    const config = operatorConfigSchema.parse(demoOperatorConfig);
    const programs = config.programs.filter((candidate) => candidate.partnerProgram);
    expect(programs.map((candidate) => [candidate.programId, candidate.partnerProgram?.autoApprove])).toEqual([
      ["active24-reseller", false],
    ]);
  });

  it("refuses an empty form, an unknown field, a wait of 0 days, and defaults autoApprove to false", () => {
    const base = { applicationFields: { note: "optional" }, reapplyAfterRejection: { kind: "immediately" } };
    expect(partnerProgramSchema.parse(base).autoApprove).toBe(false);
    expect(partnerProgramSchema.safeParse({ ...base, applicationFields: {} }).success).toBe(false);
    expect(partnerProgramSchema.safeParse({ ...base, applicationFields: { phone: "required" } }).success).toBe(false);
    expect(partnerProgramSchema.safeParse({ ...base, reapplyAfterRejection: { kind: "after_days", days: 0 } }).success).toBe(false);
  });
});

const rejected = (rejectedAt: string): MembershipItem => ({
  accountId: "acc-1",
  programId: "active24-reseller",
  status: "rejected",
  applicationId: "pa_000000000000000000000001",
  updatedAt: rejectedAt,
  rejectedAt,
});

describe("who may apply", () => {
  it("anyone who never applied", () => {
    expect(refusalToApply({ program: active24, membership: undefined, now: new Date(), timeZone })).toBeUndefined();
  });

  it("not an account with an open application, nor a partner", () => {
    const applicant: MembershipItem = { ...rejected("2026-03-01T10:00:00.000Z"), status: "applicant", rejectedAt: undefined };
    expect(refusalToApply({ program: active24, membership: applicant, now: new Date(), timeZone })?.code).toBe("application_already_open");
    const partner: MembershipItem = { ...applicant, status: "partner" };
    expect(refusalToApply({ program: active24, membership: partner, now: new Date(), timeZone })?.code).toBe("already_partner");
  });

  it("a rejected account after 30 days: from the 30th operator-local day after the day of the rejection, not the day before", () => {
    // 23:30 UTC on 28 February is 00:30 on 1 March in Prague: the wait counts from 1 March, so the 31st is the first day.
    const membership = rejected("2026-02-28T23:30:00.000Z");
    const at = (instant: string) => refusalToApply({ program: active24, membership, now: new Date(instant), timeZone });
    const dayBefore = at("2026-03-30T21:59:59.999Z"); // 23:59:59 on 30 March in Prague (CEST from 29 March)
    expect([dayBefore?.code, dayBefore?.message]).toEqual([
      "reapply_not_allowed_yet",
      "account acc-1 may apply to active24-reseller again from 2026-03-31",
    ]);
    expect(at("2026-03-30T22:00:00.000Z")).toBeUndefined(); // 00:00 on 31 March in Prague
    expect(reapplyWindowOf(active24.reapplyAfterRejection, new Date("2026-02-28T23:30:00.000Z"), timeZone)).toEqual({
      kind: "from",
      day: "2026-03-31",
    });
  });

  it("a rejected account at once where the program says immediately, never where it says never", () => {
    const membership = rejected("2026-03-01T10:00:00.000Z");
    const now = new Date("2026-03-01T10:00:01.000Z");
    expect(
      refusalToApply({ program: program({ reapplyAfterRejection: { kind: "immediately" } }), membership, now, timeZone }),
    ).toBeUndefined();
    const never = program({ reapplyAfterRejection: { kind: "never" } });
    expect(refusalToApply({ program: never, membership, now: new Date("2036-03-01T10:00:00.000Z"), timeZone })?.code).toBe("reapply_never");
  });
});

const submission = {
  applicationId: "pa_00000000000000000000000a",
  accountId: "acc-1",
  programId: "active24-reseller",
  fields: { companyName: "A", registrationId: "CZ12345678", expectedServices: 3 },
  submittedBy: "account" as const,
};
const now = new Date("2026-03-02T09:00:00.000Z");

describe("a submission", () => {
  it("is submitted and makes the account an applicant, with its registration-id entry and no message", () => {
    const writes = decideSubmission(submission, { program: active24, membership: undefined, now, timeZone });
    expect(writes.application).toMatchObject({ status: "submitted", submittedAt: now.toISOString() });
    expect(writes.membership).toMatchObject({ status: "applicant", applicationId: submission.applicationId });
    expect(writes.registrationEntry).toMatchObject({ registrationId: "CZ12345678", accountId: "acc-1" });
    expect(writes.outbound).toEqual([]);
    expect(isPartner(writes.membership)).toBe(false);
  });

  it("is approved at once only where the program approves on its own", () => {
    const writes = decideSubmission(submission, { program: program({ autoApprove: true }), membership: undefined, now, timeZone });
    expect(writes.application).toMatchObject({ status: "approved", decision: { reasonCode: "auto_approved", decidedBy: "auto" } });
    expect(isPartner(writes.membership)).toBe(true);
    expect(writes.outbound).toMatchObject([{ type: "partner.application.approved", decidedBy: "auto" }]);
  });
});

describe("a decision", () => {
  const submitted: ApplicationItem = decideSubmission(submission, { program: active24, membership: undefined, now, timeZone }).application;
  const state = { program: active24, now: new Date("2026-03-05T09:00:00.000Z"), timeZone };

  it("approves a submitted application once: a partner, one message", () => {
    const result = decideApplication(submitted, { outcome: "approved", reasonCode: "conditions_met", note: "ok" }, state);
    expect(result.status).toBe("decided");
    if (result.status !== "decided") return;
    expect(result.writes.membership).toMatchObject({ status: "partner", approvedAt: "2026-03-05T09:00:00.000Z" });
    expect(result.writes.outbound).toEqual([
      {
        type: "partner.application.approved",
        version: 1,
        messageId: `partner-application:${submission.applicationId}:decision`,
        applicationId: submission.applicationId,
        accountId: "acc-1",
        programId: "active24-reseller",
        note: "ok",
        decidedAt: "2026-03-05T09:00:00.000Z",
        reasonCode: "conditions_met",
        decidedBy: "operator",
      },
    ]);
  });

  it("rejects with when the account may apply again", () => {
    const result = decideApplication(submitted, { outcome: "rejected", reasonCode: "conditions_not_met" }, state);
    if (result.status !== "decided") throw new Error(result.status);
    expect(result.writes.outbound).toMatchObject([
      { type: "partner.application.rejected", reapply: "from_date", reapplyFrom: "2026-04-04" },
    ]);
    const never = decideApplication(
      submitted,
      { outcome: "rejected", reasonCode: "other", note: "no" },
      { ...state, program: program({ reapplyAfterRejection: { kind: "never" } }) },
    );
    if (never.status !== "decided") throw new Error(never.status);
    expect(never.writes.outbound[0]).not.toHaveProperty("reapplyFrom");
    expect(never.writes.outbound[0]).toMatchObject({ reapply: "never" });
  });

  it("the same decision again is the one recorded; the other is refused, naming the decision", () => {
    const result = decideApplication(submitted, { outcome: "approved", reasonCode: "conditions_met" }, state);
    if (result.status !== "decided") throw new Error(result.status);
    const approved = result.writes.application;
    expect(decideApplication(approved, { outcome: "approved", reasonCode: "operator_discretion" }, state)).toEqual({
      status: "already_recorded",
      application: approved,
    });
    const refused = decideApplication(approved, { outcome: "rejected", reasonCode: "conditions_not_met" }, state);
    expect(refused.status === "refused" && [refused.error.code, refused.error.message]).toEqual([
      "application_already_decided",
      `application ${submission.applicationId} was already approved (conditions_met, 2026-03-05T09:00:00.000Z)`,
    ]);
  });
});
