/**
 * The operator's deposit routes (one function, two routes, one auth; shared/use-cases/deposits.ts):
 * PUT /accounts/{accountId}/deposit enables a partner's prepaid deposit on its authorized request;
 * POST /accounts/{accountId}/deposit-debits pays an order from it (the operator or its billing system).
 * The reads are functions/http/get-deposit.ts.
 */
import { routes } from "../../shared/http-routes.ts";
import { depositDebitBodySchema, depositPathSchema, enableDepositBodySchema } from "../../shared/schemas/deposit-api.ts";
import { type DepositDependencies, debitDeposit, enableDeposit } from "../../shared/use-cases/deposits.ts";
import { type HttpEvent, httpRoute, jsonResponse } from "../middleware/http-stack.ts";
import { depositDependenciesFromEnvironment } from "../wiring/deposits.ts";

const enableRouteKey = `${routes.enableDeposit.method} ${routes.enableDeposit.path}`;

export function createDepositsHandler(dependencies: DepositDependencies) {
  const enable = httpRoute(routes.enableDeposit, { path: depositPathSchema, body: enableDepositBodySchema }, async ({ path, body }) => {
    const result = await enableDeposit(dependencies, path.accountId, body);
    return jsonResponse(result.created ? 201 : 200, result);
  });
  const debit = httpRoute(routes.debitDeposit, { path: depositPathSchema, body: depositDebitBodySchema }, async ({ path, body }) => {
    const result = await debitDeposit(dependencies, path.accountId, body);
    return jsonResponse(result.created ? 201 : 200, result);
  });
  return (event: HttpEvent, context?: Parameters<typeof debit>[1]) =>
    event.routeKey === enableRouteKey ? enable(event, context) : debit(event, context);
}

export const handler = createDepositsHandler(depositDependenciesFromEnvironment());
