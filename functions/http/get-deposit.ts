/**
 * The deposit's reads (one function, two routes; the partner itself or the operator;
 * shared/use-cases/deposits.ts): GET /accounts/{accountId}/deposit (settings, balance, movements) and
 * GET /accounts/{accountId}/deposit/statements/{month} (the monthly statement).
 */
import { routes } from "../../shared/http-routes.ts";
import { depositPathSchema, depositQuerySchema, depositStatementPathSchema } from "../../shared/schemas/deposit-api.ts";
import { type DepositDependencies, readDeposit, readDepositStatement } from "../../shared/use-cases/deposits.ts";
import { type HttpEvent, httpRoute, jsonResponse } from "../middleware/http-stack.ts";
import { depositDependenciesFromEnvironment } from "../wiring/deposits.ts";

const statementRouteKey = `${routes.getDepositStatement.method} ${routes.getDepositStatement.path}`;

export function createGetDepositHandler(dependencies: DepositDependencies) {
  const read = httpRoute(routes.getDeposit, { path: depositPathSchema, query: depositQuerySchema }, async ({ path, query, principal }) =>
    jsonResponse(200, await readDeposit(dependencies, principal, path.accountId, query)),
  );
  const statement = httpRoute(routes.getDepositStatement, { path: depositStatementPathSchema }, async ({ path, principal }) =>
    jsonResponse(200, await readDepositStatement(dependencies, principal, path.accountId, path.month)),
  );
  return (event: HttpEvent, context?: Parameters<typeof read>[1]) =>
    event.routeKey === statementRouteKey ? statement(event, context) : read(event, context);
}

export const handler = createGetDepositHandler(depositDependenciesFromEnvironment());
