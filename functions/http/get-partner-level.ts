/**
 * GET /accounts/{accountId}/partner-levels/{programId} (the partner itself or the operator): the level,
 * what quotes apply today, and the verifications newest first (shared/use-cases/read-partner-level.ts).
 */
import { routes } from "../../shared/http-routes.ts";
import { partnerLevelPathSchema, partnerLevelQuerySchema } from "../../shared/schemas/partner-levels-api.ts";
import type { PartnerDependencies } from "../../shared/use-cases/partner-dependencies.ts";
import { readPartnerLevel } from "../../shared/use-cases/read-partner-level.ts";
import { httpRoute, jsonResponse } from "../middleware/http-stack.ts";
import { partnerDependenciesFromEnvironment } from "../wiring/partners.ts";

export function createGetPartnerLevelHandler(dependencies: PartnerDependencies) {
  return httpRoute(
    routes.getPartnerLevel,
    { path: partnerLevelPathSchema, query: partnerLevelQuerySchema },
    async ({ path, query, principal }) => jsonResponse(200, await readPartnerLevel(dependencies, principal, { ...path, ...query })),
  );
}

export const handler = createGetPartnerLevelHandler(partnerDependenciesFromEnvironment());
