/**
 * GET /accounts/{accountId}/statements?from=&to=&currency=&programId= (that account or the operator):
 * the commission statement per half-month period, as JSON, or as CSV with `Accept: text/csv`.
 */

import { statementCsv, statementCsvMediaType } from "../../shared/domain/statement-csv.ts";
import { routes } from "../../shared/http-routes.ts";
import { accountPathSchema } from "../../shared/schemas/api.ts";
import { statementQuerySchema } from "../../shared/schemas/statement-api.ts";
import { readStatement } from "../../shared/use-cases/read-statement.ts";
import type { StatementDependencies } from "../../shared/use-cases/statement-dependencies.ts";
import { preferredMediaType } from "../middleware/content-negotiation.ts";
import { httpRoute, jsonResponse } from "../middleware/http-stack.ts";
import { type ManagedAccess, managedAccessFromEnvironment } from "../wiring/manager-links.ts";
import { statementDependenciesFromEnvironment } from "../wiring/statement.ts";

export function createGetStatementHandler(dependencies: StatementDependencies, access: ManagedAccess = {}) {
  return httpRoute(
    routes.getStatement,
    { ...access, path: accountPathSchema, query: statementQuerySchema },
    async ({ path, query, principal, event }) => {
      const statement = await readStatement(dependencies, principal, path.accountId, query);
      const vary = { vary: "accept" };
      if (preferredMediaType(event.headers?.accept, ["application/json", "text/csv"]) === "application/json")
        return jsonResponse(200, statement, vary);
      return {
        statusCode: 200,
        headers: {
          "content-type": statementCsvMediaType,
          "content-disposition": `attachment; filename="statement-${statement.accountId}-${statement.currency}-${statement.from}-${statement.to}.csv"`,
          "cache-control": "no-store",
          ...vary,
        },
        body: statementCsv(statement.periods, statement.currency),
      };
    },
  );
}

export const handler = createGetStatementHandler(statementDependenciesFromEnvironment(), managedAccessFromEnvironment());
