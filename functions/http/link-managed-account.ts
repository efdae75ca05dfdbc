/**
 * POST /accounts/{accountId}/managed-accounts { consentToken } (the manager account itself): links the
 * client that issued the consent to the manager, once (docs/agencies.md). 201 with the link; 409
 * consent_invalid, consent_expired, consent_already_used or consent_for_another_manager, writing nothing.
 */
import { routes } from "../../shared/http-routes.ts";
import { accountPathSchema } from "../../shared/schemas/api.ts";
import { presentConsentRequestSchema } from "../../shared/schemas/management-api.ts";
import { type ManagerLinkDependencies, presentManagerConsent } from "../../shared/use-cases/manager-links.ts";
import { httpRoute, jsonResponse } from "../middleware/http-stack.ts";
import { managerLinkDependenciesFromEnvironment } from "../wiring/manager-links.ts";

export function createLinkManagedAccountHandler(dependencies: ManagerLinkDependencies) {
  return httpRoute(
    routes.linkManagedAccount,
    { path: accountPathSchema, body: presentConsentRequestSchema },
    async ({ path, body, principal }) => {
      const link = await presentManagerConsent(dependencies, principal, path.accountId, body.consentToken);
      return jsonResponse(201, { link, changed: true });
    },
  );
}

export const handler = createLinkManagedAccountHandler(managerLinkDependenciesFromEnvironment());
