/**
 * GET /accounts/{accountId}/management-audit (operator only): the account's manager-link audit entries,
 * oldest first, by page: every consent it issued, and every link and revocation on either side of it
 * (docs/agencies.md).
 */
import { routes } from "../../shared/http-routes.ts";
import { accountPathSchema } from "../../shared/schemas/api.ts";
import { managementListQuerySchema } from "../../shared/schemas/management-api.ts";
import { listManagementAudit, type ManagerLinkDependencies } from "../../shared/use-cases/manager-links.ts";
import { httpRoute, jsonResponse } from "../middleware/http-stack.ts";
import { managerLinkDependenciesFromEnvironment } from "../wiring/manager-links.ts";

export function createListManagementAuditHandler(dependencies: Pick<ManagerLinkDependencies, "managementStore">) {
  return httpRoute(routes.listManagementAudit, { path: accountPathSchema, query: managementListQuerySchema }, async ({ path, query }) =>
    jsonResponse(200, await listManagementAudit(dependencies, path.accountId, query)),
  );
}

export const handler = createListManagementAuditHandler(managerLinkDependenciesFromEnvironment());
