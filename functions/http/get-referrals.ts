/**
 * GET /accounts/{accountId}/referrals (that account, or the operator): the clients it referred, newest
 * first, paged (`limit`, `cursor`).
 */
import type { ReferralStore } from "../../shared/data/referral-store.ts";
import { routes } from "../../shared/http-routes.ts";
import { customerAccountPathSchema } from "../../shared/schemas/api.ts";
import { referralListQuerySchema } from "../../shared/schemas/code-entry-api.ts";
import { readReferredClients } from "../../shared/use-cases/read-referred-clients.ts";
import { httpRoute, jsonResponse } from "../middleware/http-stack.ts";
import { type ManagedAccess, managedAccessFromEnvironment } from "../wiring/manager-links.ts";
import { referredClientsDependenciesFromEnvironment } from "../wiring/referral.ts";

export function createGetReferralsHandler(
  dependencies: { readonly referralStore: Pick<ReferralStore, "listReferralsOf"> },
  access: ManagedAccess = {},
) {
  return httpRoute(
    routes.getReferrals,
    { ...access, path: customerAccountPathSchema, query: referralListQuerySchema },
    async ({ path, query }) => {
      return jsonResponse(200, await readReferredClients(dependencies, path.accountId, query));
    },
  );
}

export const handler = createGetReferralsHandler(referredClientsDependenciesFromEnvironment(), managedAccessFromEnvironment());
