/**
 * GET /accounts/{id}/referrals on DynamoDB Local: the referred clients with the display name from
 * account.registered (through the real billing-events consumer), newest first, paged; the referrals
 * made through the real POST /attributions and code redemption.
 */
import { describe, expect, it, vi } from "vitest";

await vi.hoisted(() => import("../support/handler-environment.ts"));

import { createAttributionHandler } from "../../functions/http/create-attribution.ts";
import { createGetReferralsHandler } from "../../functions/http/get-referrals.ts";
import { createRedeemInviteCodeHandler } from "../../functions/http/redeem-invite-code.ts";
import { createAttributionDependencies, createCodeRedemptionDependencies } from "../../functions/wiring/referral.ts";
import { createReferralStore } from "../../shared/data/referral-store.ts";
import { createClickId } from "../../shared/domain/click.ts";
import { cryptoRandomBytes } from "../../shared/domain/referral-code.ts";
import type { ReferralList } from "../../shared/schemas/code-entry-api.ts";
import { ensureReferralLink } from "../../shared/use-cases/ensure-referral-link.ts";
import { accountRegistered } from "../support/billing-event-builders.ts";
import { withGrantsOf } from "../support/function-grants.ts";
import { httpEvent, invoke, jsonBody, type TestPrincipal } from "../support/http-events.ts";
import { testHashSalt, useLedgerTestSetup } from "../support/ledger-setup.ts";
import { sqsEventOf } from "../support/sqs-events.ts";

const setup = useLedgerTestSetup("2027-02-10T10:00:00.000Z");

const granted = (name: string) => ({ documentClient: withGrantsOf([name], setup.table.documentClient), tableName: setup.table.tableName });

function list(accountId: string, query: Record<string, string> = {}, principal: TestPrincipal = { kind: "account", accountId }) {
  const handler = createGetReferralsHandler({ referralStore: createReferralStore(granted("get-referrals")) });
  return invoke(
    handler,
    httpEvent({ route: "/accounts/{accountId}/referrals", path: `/accounts/${accountId}/referrals`, query, principal }),
  );
}

async function register(accountId: string, registeredAt: string, displayName?: string) {
  const event = accountRegistered({ accountId, registeredAt, ...(displayName ? { displayName } : {}) });
  expect((await setup.consumeAt(registeredAt, sqsEventOf([event]))).batchItemFailures).toEqual([]);
}

describe("GET /accounts/{id}/referrals", () => {
  it("lists the referred clients newest first with name, source and date, paged, and only to the account or the operator", async () => {
    const referrer = "referrer-list";
    const deps = { referralStore: createReferralStore(setup.tableContext), clock: setup.clock, randomBytes: cryptoRandomBytes };
    const linkCode = (await ensureReferralLink(deps, referrer, "ex2-credit")).link.code;
    const inviteCode = (await ensureReferralLink(deps, referrer, "t2-invite")).link.code;
    const attribute = createAttributionHandler(
      createAttributionDependencies({ table: granted("create-attribution"), clock: setup.clock, hashSalt: testHashSalt }),
    );
    const redeem = createRedeemInviteCodeHandler(
      createCodeRedemptionDependencies({ table: granted("redeem-invite-code"), clock: setup.clock, hashSalt: testHashSalt }),
    );

    await register("client-a", "2027-02-01T08:00:00.000Z", "Alfa s.r.o.");
    await register("client-b", "2027-02-02T08:00:00.000Z");
    await register("client-c", "2027-02-03T08:00:00.000Z", "Cyril Novák");
    const clickId = createClickId(testHashSalt, linkCode, new Date("2027-02-01T07:00:00.000Z"));
    const linked = await setup.at("2027-02-01T08:05:00.000Z", () =>
      invoke(
        attribute,
        httpEvent({
          method: "POST",
          route: "/attributions",
          path: "/attributions",
          body: { refereeAccountId: "client-a", clickId },
          principal: { kind: "operator" },
        }),
      ),
    );
    expect(linked.statusCode).toBe(201);
    for (const [client, enteredAt] of [
      ["client-b", "2027-02-04T09:00:00.000Z"],
      ["client-c", "2027-02-05T09:00:00.000Z"],
    ] as const) {
      const response = await setup.at(enteredAt, () =>
        invoke(
          redeem,
          httpEvent({
            method: "POST",
            route: "/accounts/{accountId}/code-redemptions",
            path: `/accounts/${client}/code-redemptions`,
            body: { code: inviteCode },
            principal: { kind: "account", accountId: client },
          }),
        ),
      );
      expect(response.statusCode).toBe(201);
    }

    const all = jsonBody<ReferralList>(await list(referrer));
    expect(all).toEqual({
      accountId: referrer,
      referrals: [
        {
          clientAccountId: "client-c",
          displayName: "Cyril Novák",
          programId: "t2-invite",
          source: "code",
          referredAt: "2027-02-05T09:00:00.000Z",
          status: "active",
        },
        { clientAccountId: "client-b", programId: "t2-invite", source: "code", referredAt: "2027-02-04T09:00:00.000Z", status: "active" },
        {
          clientAccountId: "client-a",
          displayName: "Alfa s.r.o.",
          programId: "ex2-credit",
          source: "link",
          referredAt: "2027-02-01T08:05:00.000Z",
          status: "active",
        },
      ],
    });

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = jsonBody<ReferralList>(await list(referrer, { limit: "1", ...(cursor ? { cursor } : {}) }));
      expect(page.referrals.length).toBeLessThanOrEqual(1);
      seen.push(...page.referrals.map((referral) => referral.clientAccountId));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(["client-c", "client-b", "client-a"]);

    const first = jsonBody<ReferralList>(await list(referrer, { limit: "1" }));
    const foreign = await list("someone-else", { cursor: first.nextCursor! });
    expect(foreign.statusCode).toBe(400);
    expect((await list(referrer, {}, { kind: "account", accountId: "client-a" })).statusCode).toBe(403);
    expect((await list(referrer, {}, { kind: "operator" })).statusCode).toBe(200);
    expect(jsonBody<ReferralList>(await list("nobody-referred"))).toEqual({ accountId: "nobody-referred", referrals: [] });
  });
});
