/**
 * GET /accounts/{accountId}/managed-accounts (a manager's clients) and GET /accounts/{accountId}/managers
 * (a client's managers), by the account itself or the operator: the links, active and revoked, by page
 * (docs/agencies.md).
 */
import { routes } from "../../shared/http-routes.ts";
import { accountPathSchema } from "../../shared/schemas/api.ts";
import { managementListQuerySchema } from "../../shared/schemas/management-api.ts";
import { type LinkSide, listManagerLinks, type ManagerLinkDependencies } from "../../shared/use-cases/manager-links.ts";
import { type HttpEvent, httpRoute, jsonResponse } from "../middleware/http-stack.ts";
import { managerLinkDependenciesFromEnvironment } from "../wiring/manager-links.ts";

const listManagersRouteKey = `${routes.listManagers.method} ${routes.listManagers.path}`;

export function createListManagerLinksHandler(dependencies: Pick<ManagerLinkDependencies, "managementStore">) {
  const listOf = (route: typeof routes.listManagedAccounts | typeof routes.listManagers, side: LinkSide) =>
    httpRoute(route, { path: accountPathSchema, query: managementListQuerySchema }, async ({ path, query, principal }) =>
      jsonResponse(200, await listManagerLinks(dependencies, principal, side, path.accountId, query)),
    );
  const clients = listOf(routes.listManagedAccounts, "manager");
  const managers = listOf(routes.listManagers, "client");
  return (event: HttpEvent, context: Parameters<typeof clients>[1]) =>
    event.routeKey === listManagersRouteKey ? managers(event, context) : clients(event, context);
}

export const handler = createListManagerLinksHandler(managerLinkDependenciesFromEnvironment());
