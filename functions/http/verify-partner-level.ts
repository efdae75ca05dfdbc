/**
 * POST /accounts/{accountId}/partner-levels/{programId}/verifications (the operator): verify a partner's
 * level now ("ACTIVE 24 may verify at any time"), idempotent by the request's verificationId
 * (shared/use-cases/verify-partner-level.ts). 200 with the level and what was measured and decided;
 * 409 not_a_partner, payload_mismatch (the id was used with another effectiveOn).
 */
import { routes } from "../../shared/http-routes.ts";
import { partnerLevelPathSchema, verificationBodySchema } from "../../shared/schemas/partner-levels-api.ts";
import type { PartnerDependencies } from "../../shared/use-cases/partner-dependencies.ts";
import { verifyPartnerLevelOnDemand } from "../../shared/use-cases/read-partner-level.ts";
import { httpRoute, jsonResponse } from "../middleware/http-stack.ts";
import { partnerDependenciesFromEnvironment } from "../wiring/partners.ts";

export function createVerifyPartnerLevelHandler(dependencies: PartnerDependencies) {
  return httpRoute(routes.verifyPartnerLevel, { path: partnerLevelPathSchema, body: verificationBodySchema }, async ({ path, body }) =>
    jsonResponse(200, await verifyPartnerLevelOnDemand(dependencies, { ...path, ...body })),
  );
}

export const handler = createVerifyPartnerLevelHandler(partnerDependenciesFromEnvironment());
