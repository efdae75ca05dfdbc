/**
 * PUT /accounts/{accountId}/contracts/{programId} (operator only): record the referral contract the
 * account signed for the program (document reference, date signed). 201 when it is the first, 200
 * otherwise (`changed: false` when the same contract was already on file); 404 for an unknown program.
 */

import { createContractStore } from "../../shared/data/contract-store.ts";
import { createOperatorConfigStore } from "../../shared/data/operator-config-store.ts";
import { defaultTableContext } from "../../shared/data/table-context.ts";
import { systemClock } from "../../shared/domain/clock.ts";
import { routes } from "../../shared/http-routes.ts";
import { contractPathSchema, recordContractBodySchema } from "../../shared/schemas/withdrawals-api.ts";
import { recordContract } from "../../shared/use-cases/record-contract.ts";
import type { WithdrawalDependencies } from "../../shared/use-cases/withdrawal-dependencies.ts";
import { httpRoute, jsonResponse } from "../middleware/http-stack.ts";

export function createRecordContractHandler(dependencies: Pick<WithdrawalDependencies, "contractStore" | "operatorConfigStore" | "clock">) {
  return httpRoute(routes.recordContract, { path: contractPathSchema, body: recordContractBodySchema }, async ({ path, body }) => {
    const result = await recordContract(dependencies, { ...path, ...body });
    return jsonResponse(result.created ? 201 : 200, { contract: result.contract, changed: result.changed });
  });
}

const table = defaultTableContext();
export const handler = createRecordContractHandler({
  contractStore: createContractStore(table),
  operatorConfigStore: createOperatorConfigStore(table, systemClock),
  clock: systemClock,
});
