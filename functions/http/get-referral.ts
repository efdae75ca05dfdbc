/**
 * GET /accounts/{accountId}/referral (that account or the operator): the referral link, invite code,
 * Facebook share URL and live statistics; the code is created on first use.
 */
import { accountPathSchema, referralOverviewQuerySchema } from "../../shared/schemas/api.ts";
import { readReferralOverview } from "../../shared/use-cases/read-referral-overview.ts";
import { type ReferralDependencies, referralDependenciesFromEnvironment } from "../../shared/use-cases/referral-dependencies.ts";
import { type HttpEvent, httpRoute, jsonResponse } from "../middleware/http-stack.ts";

/**
 * Links point at the host this request came to (the API's custom domain in AWS, localhost:PORT on the
 * local stack), over https unless the request says it arrived over plain http (x-forwarded-proto).
 */
export function redirectBaseUrlOf(event: HttpEvent): string {
  const forwarded = (event.headers?.["x-forwarded-proto"] ?? "").split(",")[0]!.trim().toLowerCase();
  const protocol = forwarded === "http" ? "http" : "https";
  return `${protocol}://${event.requestContext.domainName}`;
}

export function createGetReferralHandler(dependencies: ReferralDependencies) {
  return httpRoute(
    { authenticated: true, path: accountPathSchema, query: referralOverviewQuerySchema },
    async ({ path, query, principal, event }) => {
      const overview = await readReferralOverview(dependencies, principal!, {
        accountId: path.accountId,
        programId: query.programId,
        redirectBaseUrl: redirectBaseUrlOf(event),
      });
      return jsonResponse(200, overview);
    },
  );
}

export const handler = createGetReferralHandler(referralDependenciesFromEnvironment());
