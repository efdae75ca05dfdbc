/**
 * POST /accounts/{accountId}/manager-consents (the client account itself): a one-time consent token a
 * manager (agency) presents to link the client (docs/agencies.md). 201 with the token, shown once; 400;
 * 403 for anyone but the account itself (the operator and managers too).
 */
import { routes } from "../../shared/http-routes.ts";
import { accountPathSchema } from "../../shared/schemas/api.ts";
import { createConsentRequestSchema } from "../../shared/schemas/management-api.ts";
import { issueManagerConsent, type ManagerLinkDependencies } from "../../shared/use-cases/manager-links.ts";
import { httpRoute, jsonResponse } from "../middleware/http-stack.ts";
import { managerLinkDependenciesFromEnvironment } from "../wiring/manager-links.ts";

export function createCreateManagerConsentHandler(dependencies: ManagerLinkDependencies) {
  return httpRoute(
    routes.createManagerConsent,
    { path: accountPathSchema, body: createConsentRequestSchema },
    async ({ path, body, principal }) => jsonResponse(201, await issueManagerConsent(dependencies, principal, path.accountId, body)),
  );
}

export const handler = createCreateManagerConsentHandler(managerLinkDependenciesFromEnvironment());
