/**
 * PUT and DELETE /accounts/{accountId}/commission-rates/{programId} (operator only): sets or removes a
 * partner's individual commission rate in a program. Settlement pays the whole period at the rate in
 * force when it runs (over the tier ladder), and records it as the reason.
 */

import { findProgram } from "../../shared/data/operator-config-reader.ts";
import { createOperatorConfigStore, type OperatorConfigStore } from "../../shared/data/operator-config-store.ts";
import { createSettlementStore, type SettlementStore } from "../../shared/data/settlement-store.ts";
import { defaultTableContext } from "../../shared/data/table-context.ts";
import { type Clock, systemClock } from "../../shared/domain/clock.ts";
import { NotFoundError } from "../../shared/errors.ts";
import { routes } from "../../shared/http-routes.ts";
import { commissionRatePathSchema, setCommissionRateRequestSchema } from "../../shared/schemas/settlement-api.ts";
import { commissionPrograms } from "../../shared/use-cases/run-settlement.ts";
import { type HttpEvent, httpRoute, jsonResponse } from "../middleware/http-stack.ts";

const removeRouteKey = `${routes.removeCommissionRate.method} ${routes.removeCommissionRate.path}`;

export function createCommissionRatesHandler(dependencies: {
  readonly settlementStore: SettlementStore;
  readonly operatorConfigStore: OperatorConfigStore;
  readonly clock: Clock;
}) {
  async function assertCommissionProgram(programId: string): Promise<void> {
    const program = findProgram(await dependencies.operatorConfigStore.loadOrThrow(), programId);
    if (!program || commissionPrograms([program]).length === 0) throw new NotFoundError(`no program ${programId} with a commission rule`);
  }
  const set = httpRoute(
    routes.setCommissionRate,
    { path: commissionRatePathSchema, body: setCommissionRateRequestSchema },
    async ({ path, body }) => {
      await assertCommissionProgram(path.programId);
      const rate = {
        accountId: path.accountId,
        programId: path.programId,
        rateBps: body.rateBps,
        ...(body.note === undefined ? {} : { note: body.note }),
        setAt: dependencies.clock.now().toISOString(),
      };
      await dependencies.settlementStore.putIndividualRate(rate);
      return jsonResponse(200, rate);
    },
  );
  const remove = httpRoute(routes.removeCommissionRate, { path: commissionRatePathSchema }, async ({ path }) => {
    if (!(await dependencies.settlementStore.deleteIndividualRate(path.accountId, path.programId)))
      throw new NotFoundError(`account ${path.accountId} has no individual rate in ${path.programId}`);
    return jsonResponse(200, { accountId: path.accountId, programId: path.programId, removed: true });
  });
  return (event: HttpEvent, context: Parameters<typeof set>[1]) =>
    event.routeKey === removeRouteKey ? remove(event, context) : set(event, context);
}

const table = defaultTableContext();
export const handler = createCommissionRatesHandler({
  settlementStore: createSettlementStore(table, systemClock),
  operatorConfigStore: createOperatorConfigStore(table, systemClock),
  clock: systemClock,
});
