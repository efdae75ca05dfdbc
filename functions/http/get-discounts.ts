/**
 * GET /accounts/{accountId}/discounts (that account, or the operator): its current discounts per program,
 * the program's table, and the discount history, newest first, paged (`programId`, `limit`, `cursor`).
 */
import { routes } from "../../shared/http-routes.ts";
import { customerAccountPathSchema } from "../../shared/schemas/api.ts";
import { discountListQuerySchema } from "../../shared/schemas/discounts-api.ts";
import { type DiscountReadDependencies, readDiscounts } from "../../shared/use-cases/read-discounts.ts";
import { httpRoute, jsonResponse } from "../middleware/http-stack.ts";
import { discountReadDependenciesFromEnvironment } from "../wiring/discounts.ts";
import { type ManagedAccess, managedAccessFromEnvironment } from "../wiring/manager-links.ts";

export function createGetDiscountsHandler(dependencies: DiscountReadDependencies, access: ManagedAccess = {}) {
  return httpRoute(
    routes.getDiscounts,
    { ...access, path: customerAccountPathSchema, query: discountListQuerySchema },
    async ({ path, query }) => {
      return jsonResponse(200, await readDiscounts(dependencies, path.accountId, query));
    },
  );
}

export const handler = createGetDiscountsHandler(discountReadDependenciesFromEnvironment(), managedAccessFromEnvironment());
