/**
 * POST /accounts/{accountId}/managed-accounts/{clientAccountId}/revocation (the manager ends the link)
 * and POST /accounts/{accountId}/managers/{managerAccountId}/revocation (the client ends it), by that
 * account itself or the operator (docs/agencies.md). 200 with the link (`changed: false` when it was
 * already revoked); 404 when the two accounts were never linked. The manager's next request is 403.
 */
import { routes } from "../../shared/http-routes.ts";
import { clientManagerPathSchema, managedClientPathSchema } from "../../shared/schemas/management-api.ts";
import { type ManagerLinkDependencies, revokeManagerLink } from "../../shared/use-cases/manager-links.ts";
import { type HttpEvent, httpRoute, jsonResponse } from "../middleware/http-stack.ts";
import { managerLinkDependenciesFromEnvironment } from "../wiring/manager-links.ts";

const revokeManagerRouteKey = `${routes.revokeManager.method} ${routes.revokeManager.path}`;

export function createRevokeManagerLinkHandler(dependencies: ManagerLinkDependencies) {
  const byManager = httpRoute(routes.revokeManagedAccount, { path: managedClientPathSchema }, async ({ path, principal }) =>
    jsonResponse(200, await revokeManagerLink(dependencies, principal, "manager", path.accountId, path.clientAccountId)),
  );
  const byClient = httpRoute(routes.revokeManager, { path: clientManagerPathSchema }, async ({ path, principal }) =>
    jsonResponse(200, await revokeManagerLink(dependencies, principal, "client", path.accountId, path.managerAccountId)),
  );
  return (event: HttpEvent, context: Parameters<typeof byManager>[1]) =>
    event.routeKey === revokeManagerRouteKey ? byClient(event, context) : byManager(event, context);
}

export const handler = createRevokeManagerLinkHandler(managerLinkDependenciesFromEnvironment());
