/**
 * POST /accounts/{accountId}/contracts/{programId}/revocation (operator only): the contract ended on
 * `revokedOn`; the program's withdrawals are refused until one is recorded again. 200 (`changed: false`
 * when it was already revoked on that date); 404 without a contract; 409 contract_already_revoked on
 * another date.
 */
import { createContractStore } from "../../shared/data/contract-store.ts";
import { createOperatorConfigStore } from "../../shared/data/operator-config-store.ts";
import { defaultTableContext } from "../../shared/data/table-context.ts";
import { systemClock } from "../../shared/domain/clock.ts";
import { routes } from "../../shared/http-routes.ts";
import { contractPathSchema, revokeContractBodySchema } from "../../shared/schemas/withdrawals-api.ts";
import { revokeContract } from "../../shared/use-cases/record-contract.ts";
import type { WithdrawalDependencies } from "../../shared/use-cases/withdrawal-dependencies.ts";
import { httpRoute, jsonResponse } from "../middleware/http-stack.ts";

export function createRevokeContractHandler(dependencies: Pick<WithdrawalDependencies, "contractStore" | "operatorConfigStore" | "clock">) {
  return httpRoute(routes.revokeContract, { path: contractPathSchema, body: revokeContractBodySchema }, async ({ path, body }) => {
    const result = await revokeContract(dependencies, { ...path, ...body });
    return jsonResponse(200, { contract: result.contract, changed: result.changed });
  });
}

const table = defaultTableContext();
export const handler = createRevokeContractHandler({
  contractStore: createContractStore(table),
  operatorConfigStore: createOperatorConfigStore(table, systemClock),
  clock: systemClock,
});
