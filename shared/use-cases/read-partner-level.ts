/**
 * GET /accounts/{accountId}/partner-levels/{programId} (the partner or the operator): the partner's level
 * (what quotes apply today, a move dated ahead, the last figures, the next monthly verification) and its
 * verifications, newest first. 404 when the account is not an approved partner of the program. And the
 * operator's verification on demand, answered in the same shape.
 */
import { localDay } from "../domain/calendar.ts";
import { levelInForceOn } from "../domain/partner-levels.ts";
import { assertCanAccessAccount, type Principal } from "../domain/principal.ts";
import { NotFoundError } from "../errors.ts";
import type { PartnerLevelItem } from "../schemas/partner-level-items.ts";
import type { PartnerLevelView } from "../schemas/partner-levels-api.ts";
import type { PartnerDependencies } from "./partner-dependencies.ts";
import { verifyPartnerLevel } from "./verify-partner-level.ts";

export function partnerLevelViewOf(item: PartnerLevelItem, today: string): PartnerLevelView {
  return {
    accountId: item.accountId,
    programId: item.programId,
    current: item.current,
    ...(item.next ? { next: item.next } : {}),
    inForceToday: levelInForceOn(item, today),
    measured: item.measured,
    lastVerifiedAt: item.lastVerifiedAt,
    nextVerificationOn: item.nextVerificationOn,
  };
}

export async function readPartnerLevel(
  deps: PartnerDependencies,
  principal: Principal,
  request: { readonly accountId: string; readonly programId: string; readonly limit: number; readonly cursor?: string | undefined },
) {
  assertCanAccessAccount(principal, request.accountId);
  const [item, config] = await Promise.all([
    deps.partnerLevelStore.readLevel(request.accountId, request.programId),
    deps.operatorConfigStore.loadOrThrow(),
  ]);
  if (!item) throw new NotFoundError(`account ${request.accountId} is not an approved partner of ${request.programId}`);
  const page = await deps.partnerLevelStore.listHistory(request.accountId, request.programId, {
    limit: request.limit,
    cursor: request.cursor,
  });
  return {
    level: partnerLevelViewOf(item, localDay(deps.clock.now(), config.timeZone)),
    history: page.entries,
    ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
  };
}

/** POST …/verifications (the operator): a verification on demand, answered with the level as it is now. */
export async function verifyPartnerLevelOnDemand(
  deps: PartnerDependencies,
  request: {
    readonly accountId: string;
    readonly programId: string;
    readonly verificationId: string;
    readonly effectiveOn?: string | undefined;
  },
) {
  const result = await verifyPartnerLevel(deps, { ...request, trigger: "operator" });
  const config = await deps.operatorConfigStore.loadOrThrow();
  return {
    level: partnerLevelViewOf(result.level, localDay(deps.clock.now(), config.timeZone)),
    verification: result.verification,
    repeated: result.repeated,
  };
}
