/**
 * GET /accounts/{id}/discounts on DynamoDB Local: discounts decided from code referrals by the real
 * trigger on the table's stream (and one ended by the real daily run), read through the real handler
 * with the get-discounts function's grants: the current discounts per program, the program's table,
 * the history newest first and paged, who may read it, and the 404 and empty answers.
 */
import { beforeAll, describe, expect, it, vi } from "vitest";

await vi.hoisted(() => import("../support/handler-environment.ts"));

import { createGetDiscountsHandler } from "../../functions/http/get-discounts.ts";
import { createDiscountReadDependencies } from "../../functions/wiring/discounts.ts";
import type { DiscountList } from "../../shared/schemas/discounts-api.ts";
import { expireDiscounts } from "../../shared/use-cases/expire-discounts.ts";
import {
  codeOf as codeOfAccount,
  createTestDiscountTrigger,
  discountDependenciesOf,
  signUpWithCode,
  type TestDiscountTrigger,
} from "../support/discount-setup.ts";
import { withGrantsOf } from "../support/function-grants.ts";
import { httpEvent, invoke, jsonBody, type TestPrincipal } from "../support/http-events.ts";
import { useLedgerTestSetup } from "../support/ledger-setup.ts";

const setup = useLedgerTestSetup("2026-03-14T10:00:00.000Z");
let trigger: TestDiscountTrigger;

beforeAll(async () => {
  trigger = createTestDiscountTrigger(setup);
  // route-referrer refers three clients by code (60 % and the 1,200 SMS at the third); route-both is one of them and refers one itself.
  const code = await codeOf("route-referrer");
  for (const [referee, at] of [
    ["route-referee-1", "2026-03-14T10:00:00.000Z"],
    ["route-both", "2026-03-15T10:00:00.000Z"],
    ["route-referee-3", "2026-03-16T10:00:00.000Z"],
  ] as const) {
    setup.clock.set(at);
    await signUp(referee, code);
    await trigger.drain();
  }
  setup.clock.set("2026-03-17T10:00:00.000Z");
  await signUp("route-referee-4", await codeOf("route-both"));
  await trigger.drain();
});

const codeOf = (accountId: string) => codeOfAccount(setup, accountId);

const signUp = (refereeAccountId: string, code: string) => signUpWithCode(setup, refereeAccountId, code);

function get(accountId: string, query: Record<string, string> = {}, principal: TestPrincipal = { kind: "account", accountId }) {
  const table = { documentClient: withGrantsOf(["get-discounts"], setup.table.documentClient), tableName: setup.table.tableName };
  const handler = createGetDiscountsHandler(createDiscountReadDependencies({ table, clock: setup.clock }));
  return invoke(
    handler,
    httpEvent({ route: "/accounts/{accountId}/discounts", path: `/accounts/${accountId}/discounts`, query, principal }),
  );
}

describe("GET /accounts/{id}/discounts", () => {
  it("shows the referrer's current discount with rate, start, end and status, the program's table, and the history newest first", async () => {
    const response = await get("route-referrer");
    expect(response.statusCode).toBe(200);
    const body = jsonBody<DiscountList>(response);
    expect(body.accountId).toBe("route-referrer");
    expect(body.programs.map((program) => program.programId)).toEqual(["t2-invite"]);
    const [t2] = body.programs;
    expect(t2!.discounts).toEqual([
      expect.objectContaining({
        discountId: "referrer:t2-invite:route-referrer:1",
        role: "referrer",
        status: "active",
        rateBps: 6_000,
        startsOn: "2026-03-14",
        endsOn: "2027-03-16",
        streak: { count: 3, lastReferralOn: "2026-03-16", bonusesGranted: [3] },
      }),
    ]);
    expect(t2!.discounts[0]).not.toHaveProperty("revision");
    expect(t2!.refereeDiscount).toEqual({ rateBps: 2_000, months: 3, excludedCategories: ["sms_package"] });
    expect(t2!.referrerTable?.rows.map((row) => [row.count, row.rateBps, row.validityMonths, row.bonus?.sku])).toEqual([
      [1, 2_000, 3, undefined],
      [2, 4_000, 6, undefined],
      [3, 6_000, 12, "sms-package-1200"],
      [4, 8_000, 12, undefined],
      [5, 10_000, 12, "sms-package-3200"],
    ]);
    expect(t2!.referrerTable?.beyond).toEqual({ fromCount: 6, rateBps: 10_000, validityMonths: 12 });
    expect(body.history.map((entry) => [entry.kind, entry.rateBps, entry.reason.streakCount])).toEqual([
      ["bonus_granted", 6_000, 3],
      ["raised_and_extended", 6_000, 3],
      ["raised_and_extended", 4_000, 2],
      ["activated", 2_000, 1],
    ]);
    expect(body.history[0]).toMatchObject({ entryId: "referrer:t2-invite:route-referrer:1:bonus_granted:3", sku: "sms-package-1200" });
    expect(body.nextCursor).toBeUndefined();
  });

  it("pages the history down to one entry a page, newest first, with the current discounts on every page", async () => {
    const whole = jsonBody<DiscountList>(await get("route-referrer")).history;
    const paged: DiscountList["history"] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const body = jsonBody<DiscountList>(await get("route-referrer", { limit: "1", ...(cursor ? { cursor } : {}) }));
      expect(body.history.length).toBeLessThanOrEqual(1);
      expect(body.programs[0]?.discounts).toHaveLength(1);
      paged.push(...body.history);
      cursor = body.nextCursor;
      pages += 1;
    } while (cursor !== undefined && pages < 10);
    expect(paged).toEqual(whole);
    expect(pages).toBeGreaterThanOrEqual(4);
  });

  it("shows both roles of an account that was referred and refers, referee first; the program filter narrows discounts and history", async () => {
    const body = jsonBody<DiscountList>(await get("route-both", { programId: "t2-invite" }));
    expect(body.programs[0]!.discounts.map((discount) => [discount.role, discount.status, discount.rateBps])).toEqual([
      ["referee", "active", 2_000],
      ["referrer", "active", 2_000],
    ]);
    expect(body.history.map((entry) => [entry.role, entry.kind])).toEqual([
      ["referrer", "activated"],
      ["referee", "activated"],
    ]);
  });

  it("shows an ended discount as ended, with its end in the history, after the daily run", async () => {
    setup.clock.set("2026-06-14T08:00:00.000Z");
    const run = await expireDiscounts(discountDependenciesOf(setup, "expire-discounts"), { runAt: new Date("2026-06-13T22:05:00.000Z") });
    expect(run).toMatchObject({ day: "2026-06-14", complete: true });
    const body = jsonBody<DiscountList>(await get("route-referee-1"));
    expect(body.programs[0]!.discounts).toEqual([
      expect.objectContaining({ role: "referee", status: "ended", startsOn: "2026-03-14", endsOn: "2026-06-14", endedOn: "2026-06-14" }),
    ]);
    expect(body.history.map((entry) => [entry.kind, entry.reason.code])).toEqual([
      ["ended", "validity_passed"],
      ["activated", "code_activated"],
    ]);
  });

  it("answers an account without discounts with the programs' tables, no discounts and no history", async () => {
    const body = jsonBody<DiscountList>(await get("route-nobody"));
    expect(body).toMatchObject({ accountId: "route-nobody", history: [] });
    expect(body.programs.map((program) => [program.programId, program.discounts])).toEqual([["t2-invite", []]]);
    expect(body.nextCursor).toBeUndefined();
  });

  it("is the account's own or the operator's: 403 for another account, 401 without a token", async () => {
    expect((await get("route-referrer", {}, { kind: "account", accountId: "route-referee-1" })).statusCode).toBe(403);
    expect((await get("route-referrer", {}, { kind: "anonymous" })).statusCode).toBe(401);
    const operator = await get("route-referrer", {}, { kind: "operator" });
    expect(operator.statusCode).toBe(200);
    expect(jsonBody<DiscountList>(operator).history).toHaveLength(4);
  });

  it("answers 404 for a program that gives no discounts or does not exist, and 400 for a malformed query or a foreign cursor", async () => {
    for (const programId of ["ex2-credit", "no-such-program"]) {
      const response = await get("route-referrer", { programId });
      expect(response.statusCode, programId).toBe(404);
      expect(jsonBody(response)).toMatchObject({ error: { code: "not_found" } });
    }
    const malformed: Record<string, string>[] = [
      { limit: "0" },
      { limit: "101" },
      { limit: "ten" },
      { programId: "T2 Invite" },
      { cursor: "x" },
    ];
    for (const query of malformed) expect((await get("route-referrer", query)).statusCode, JSON.stringify(query)).toBe(400);
    // A cursor of another account's history reads nothing of it.
    const foreign = jsonBody<DiscountList>(await get("route-referrer", { limit: "1" })).nextCursor!;
    expect(foreign).toBeDefined();
    expect((await get("route-both", { cursor: foreign })).statusCode).toBe(400);
  });
});
