/**
 * The operator's settlement routes (one function, two routes, one auth):
 * POST /settlements starts a run on demand for a date, as if the schedule had fired at 00:00 of it in
 * the operator's time zone (or, `dryRun`, says which period each program would settle);
 * GET /settlements/{programId}/{periodId} reads the run's progress and failures.
 */
import { findProgram } from "../../shared/data/operator-config-reader.ts";
import { fromLocal, parseLocalDate } from "../../shared/domain/calendar.ts";
import { NotFoundError } from "../../shared/errors.ts";
import { routes } from "../../shared/http-routes.ts";
import { settlementPathSchema, startSettlementRequestSchema } from "../../shared/schemas/settlement-api.ts";
import { commissionPrograms, readSettlementProgress, startSettlement } from "../../shared/use-cases/run-settlement.ts";
import type { SettlementDependencies } from "../../shared/use-cases/settlement-dependencies.ts";
import { type HttpEvent, httpRoute, jsonResponse } from "../middleware/http-stack.ts";
import { settlementDependenciesFromEnvironment } from "../wiring/settlement.ts";

const getSettlementRouteKey = `${routes.getSettlement.method} ${routes.getSettlement.path}`;

export function createSettlementsHandler(dependencies: SettlementDependencies) {
  const start = httpRoute(routes.startSettlement, { body: startSettlementRequestSchema }, async ({ body }) => {
    const config = await dependencies.operatorConfigStore.loadOrThrow();
    if (body.programId !== undefined) {
      const program = findProgram(config, body.programId);
      if (!program || commissionPrograms([program]).length === 0)
        throw new NotFoundError(`no program ${body.programId} with a commission rule to settle`);
    }
    const runAt = fromLocal({ ...parseLocalDate(body.date), hour: 0, minute: 0, second: 0 }, config.timeZone);
    const plan = await startSettlement(dependencies, { runAt, trigger: "on_demand", programId: body.programId, dryRun: body.dryRun });
    return jsonResponse(body.dryRun ? 200 : 202, plan);
  });
  const progress = httpRoute(routes.getSettlement, { path: settlementPathSchema }, async ({ path }) =>
    jsonResponse(200, await readSettlementProgress(dependencies, path.programId, path.periodId)),
  );
  return (event: HttpEvent, context: Parameters<typeof start>[1]) =>
    event.routeKey === getSettlementRouteKey ? progress(event, context) : start(event, context);
}

export const handler = createSettlementsHandler(settlementDependenciesFromEnvironment());
