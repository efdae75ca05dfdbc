import { describe, expect, it } from "vitest";
import {
  type CodeRedemptionInput,
  codeEntryWindowEndsAt,
  codeNotAcceptedMessage,
  decideCodeRedemption,
  isWithinClickWindow,
  isWithinCodeEntryWindow,
} from "../../shared/domain/code-entry.ts";
import { demoOperatorConfig } from "../../shared/domain/program-presets.ts";
import type { ReferralItem } from "../../shared/schemas/items.ts";
import { operatorConfigSchema } from "../../shared/schemas/operator-config.ts";

const timeZone = "Europe/Prague";
const config = operatorConfigSchema.parse(demoOperatorConfig);

describe("the code-entry window: until the end of the same day of the next month, operator time", () => {
  it.each([
    // registered (UTC), last accepted instant (UTC, 23:59:59.999 local), first refused (00:00 local)
    ["2027-01-31T10:00:00Z", "2027-02-28T22:59:59.999Z", "2027-02-28T23:00:00.000Z"], // 31 January → end of 28 February
    ["2028-01-31T10:00:00Z", "2028-02-29T22:59:59.999Z", "2028-02-29T23:00:00.000Z"], // leap year → end of 29 February
    ["2027-02-28T10:00:00Z", "2027-03-28T21:59:59.999Z", "2027-03-28T22:00:00.000Z"], // 28 February → 28 March (CEST by then)
    ["2028-02-29T10:00:00Z", "2028-03-29T21:59:59.999Z", "2028-03-29T22:00:00.000Z"], // 29 February → 29 March
    ["2027-03-31T10:00:00Z", "2027-04-30T21:59:59.999Z", "2027-04-30T22:00:00.000Z"], // 31 March → end of 30 April
    ["2027-12-31T10:00:00Z", "2028-01-31T22:59:59.999Z", "2028-01-31T23:00:00.000Z"], // across the year
    // 23:30 UTC on 31 January is already 1 February in Prague: the window runs to the end of 1 March.
    ["2027-01-31T23:30:00Z", "2027-03-01T22:59:59.999Z", "2027-03-01T23:00:00.000Z"],
    // 22:59:59 UTC on 31 January is 23:59:59 on the 31st in Prague: still the 31st.
    ["2027-01-31T22:59:59Z", "2027-02-28T22:59:59.999Z", "2027-02-28T23:00:00.000Z"],
  ])("registered %s: accepted at %s, refused at %s", (registered, lastAccepted, firstRefused) => {
    const registeredAt = new Date(registered);
    expect(codeEntryWindowEndsAt(registeredAt, 1, timeZone).toISOString()).toBe(firstRefused);
    expect(isWithinCodeEntryWindow(registeredAt, new Date(lastAccepted), 1, timeZone)).toBe(true);
    expect(isWithinCodeEntryWindow(registeredAt, new Date(firstRefused), 1, timeZone)).toBe(false);
  });

  it("takes the program's months (two months from 31 December: end of 28 February)", () => {
    expect(codeEntryWindowEndsAt(new Date("2026-12-31T10:00:00Z"), 2, timeZone).toISOString()).toBe("2027-02-28T23:00:00.000Z");
  });
});

describe("the click window: clickWindowDays of 24 h from the click id's time", () => {
  const clickedAt = new Date("2026-01-01T12:00:00Z");
  it("accepts exactly 90 days later and refuses a millisecond after", () => {
    expect(isWithinClickWindow(clickedAt, new Date("2026-04-01T12:00:00.000Z"), 90)).toBe(true);
    expect(isWithinClickWindow(clickedAt, new Date("2026-04-01T12:00:00.001Z"), 90)).toBe(false);
    expect(isWithinClickWindow(clickedAt, new Date("2026-01-02T12:00:00.001Z"), 1)).toBe(false);
  });

  it("is 90 days in the presets that use links", () => {
    for (const program of config.programs.filter((candidate) => candidate.attribution.links))
      expect(program.attribution.clickWindowDays, program.programId).toBe(90);
  });
});

describe("deciding a code redemption", () => {
  const registeredAt = "2027-01-31T10:00:00.000Z";
  const t2Code = { code: "ABCDEFGHJKMN", accountId: "referrer", programId: "t2-invite", status: "active" as const };
  const linkReferral: ReferralItem = {
    refereeAccountId: "referee",
    referrerAccountId: "link-referrer",
    programId: "ex2-credit",
    code: "2SHBYXMN",
    source: "link",
    attributedAt: "2027-02-01T10:00:00.000Z",
    status: "active",
  };
  const base: CodeRedemptionInput = {
    accountId: "referee",
    now: new Date("2027-02-10T10:00:00Z"),
    timeZone,
    programs: config.programs,
    registeredAt,
    existingReferral: undefined,
    code: t2Code,
    referee: { accountId: "referee" },
    referrer: {},
  };
  const decide = (changes: Partial<CodeRedemptionInput>) => decideCodeRedemption({ ...base, ...changes });

  it("attributes the account to the code's owner", () => {
    expect(decide({})).toMatchObject({ kind: "attribute", code: t2Code, replacing: undefined, program: { programId: "t2-invite" } });
  });

  it("replaces a referral by link on which no payment was counted", () => {
    expect(decide({ existingReferral: linkReferral })).toMatchObject({ kind: "attribute", replacing: linkReferral });
  });

  it.each([
    ["registration_unknown", { registeredAt: undefined }],
    ["code_already_redeemed", { existingReferral: { ...linkReferral, source: "code" as const } }],
    ["referral_fraudulent", { existingReferral: { ...linkReferral, status: "fraudulent" as const } }],
    ["referral_already_rewarded", { existingReferral: { ...linkReferral, firstPaymentAt: "2027-02-05T10:00:00.000Z" } }],
    ["code_entry_window_closed", { now: new Date("2027-02-28T23:00:00Z") }],
  ] as const)("refuses with %s, whatever the code", (reason, changes) => {
    for (const code of [t2Code, undefined, { ...t2Code, status: "disabled" as const }])
      expect(decide({ ...changes, code })).toMatchObject({ kind: "refused", code: reason });
  });

  it("still accepts at 23:59:59 local on the last day", () => {
    expect(decide({ now: new Date("2027-02-28T22:59:59Z") }).kind).toBe("attribute");
  });

  it("gives wrong, disabled and foreign codes one answer with one message", () => {
    const answers = [
      decide({ code: undefined }),
      decide({ code: { ...t2Code, status: "disabled" } }),
      decide({ code: { ...t2Code, programId: "ex2-credit" } }), // a link program's code: sign-up only
      decide({ code: { ...t2Code, programId: "no-such-program" } }),
      decide({ programId: "ex2-credit" }), // a t2 code asked for as another program's (Ex2 takes codes at sign-up only): the window is still open
      decide({ programId: "no-such-program" }),
    ];
    for (const answer of answers)
      expect(answer).toEqual({ kind: "refused", code: "referral_code_unknown", message: codeNotAcceptedMessage });
  });

  it("refuses the account's own code and a referrer with the same e-mail as self-referral", () => {
    expect(decide({ code: { ...t2Code, accountId: "referee" } })).toEqual({ kind: "refused_self_referral", reason: "same_account" });
    expect(decide({ referee: { accountId: "referee", emailHash: "h" }, referrer: { emailHash: "h" } })).toEqual({
      kind: "refused_self_referral",
      reason: "same_email",
    });
  });

  it("takes no code while the program is paused", () => {
    const paused = config.programs.map((program) =>
      program.programId === "t2-invite" ? { ...program, status: "paused" as const } : program,
    );
    expect(decide({ programs: paused })).toMatchObject({ kind: "refused", code: "code_entry_window_closed" });
  });
});
