/**
 * GET /accounts/{accountId}/referral (that account or the operator): the referral link, invite code,
 * Facebook share URL and live statistics; the code is created on first use.
 */
import { referralLinkBaseUrlOrThrow } from "../../shared/config.ts";
import { routes } from "../../shared/http-routes.ts";
import { customerAccountPathSchema, referralOverviewQuerySchema } from "../../shared/schemas/api.ts";
import { readReferralOverview } from "../../shared/use-cases/read-referral-overview.ts";
import type { ReferralOverviewDependencies } from "../../shared/use-cases/referral-dependencies.ts";
import { httpRoute, jsonResponse } from "../middleware/http-stack.ts";
import { type ManagedAccess, managedAccessFromEnvironment } from "../wiring/manager-links.ts";
import { referralOverviewDependenciesFromEnvironment } from "../wiring/referral.ts";

/**
 * Links are built on `referralLinkBaseUrl`, from configuration (REFERRAL_LINK_BASE_URL: the redirect's
 * custom domain or the API's URL in AWS, the adapter's address on the local stack), never from the
 * request's Host header: a request to another host must not hand out links on that host.
 */
export function createGetReferralHandler(
  dependencies: ReferralOverviewDependencies,
  links: { readonly referralLinkBaseUrl: string },
  access: ManagedAccess = {},
) {
  return httpRoute(
    routes.getReferral,
    { ...access, path: customerAccountPathSchema, query: referralOverviewQuerySchema },
    async ({ path, query, principal }) => {
      const overview = await readReferralOverview(dependencies, principal, {
        accountId: path.accountId,
        programId: query.programId,
        redirectBaseUrl: links.referralLinkBaseUrl,
      });
      return jsonResponse(200, overview);
    },
  );
}

export const handler = createGetReferralHandler(
  referralOverviewDependenciesFromEnvironment(),
  {
    referralLinkBaseUrl: referralLinkBaseUrlOrThrow(),
  },
  managedAccessFromEnvironment(),
);
