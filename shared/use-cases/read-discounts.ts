/**
 * GET /accounts/{accountId}/discounts (the account, or the operator): t2's discount tabs. Per program
 * that gives discounts: the account's current discounts (as referred client and as referrer, with rate,
 * start, end and status), what the program gives a referred client, and the referrer's stacking table
 * (shared/domain/discounts.ts `streakTableOf`, the rules the deciders use); and the account's discount
 * history, newest first, paged. One GetItem of the configuration (cached per container), one Query of
 * the account's discounts (AP42) and one Query of its history (AP43), whatever the account holds.
 */
import type { DiscountStore } from "../data/discount-store.ts";
import type { OperatorConfigStore } from "../data/operator-config-store.ts";
import { streakTableOf } from "../domain/discounts.ts";
import { NotFoundError } from "../errors.ts";
import type { DiscountItem } from "../schemas/discount-items.ts";
import type { AccountProgramDiscounts, DiscountList, DiscountListQuery } from "../schemas/discounts-api.ts";
import type { Program, ReferrerDiscountRules } from "../schemas/operator-config.ts";

export interface DiscountReadDependencies {
  readonly discountStore: Pick<DiscountStore, "listDiscounts" | "listHistory">;
  readonly operatorConfigStore: Pick<OperatorConfigStore, "loadOrThrow">;
}

function referrerTableOf(rules: ReferrerDiscountRules): NonNullable<AccountProgramDiscounts["referrerTable"]> {
  const table = streakTableOf(rules);
  return { rows: [...table.rows], beyond: { ...table.beyond }, excludedCategories: [...rules.excludedCategories] };
}

function programView(
  programId: string,
  name: string | undefined,
  rules: Program["discounts"],
  discounts: readonly DiscountItem[],
): AccountProgramDiscounts {
  return {
    programId,
    ...(name === undefined ? {} : { name }),
    discounts: discounts
      .filter((discount) => discount.programId === programId)
      .sort((left, right) => (left.role < right.role ? -1 : 1))
      .map(({ revision: _revision, ...discount }) => discount),
    ...(rules?.referee
      ? {
          refereeDiscount: {
            rateBps: rules.referee.rateBps,
            months: rules.referee.months,
            excludedCategories: [...rules.referee.excludedCategories],
          },
        }
      : {}),
    ...(rules?.referrer ? { referrerTable: referrerTableOf(rules.referrer) } : {}),
  };
}

export async function readDiscounts(
  dependencies: DiscountReadDependencies,
  accountId: string,
  query: DiscountListQuery,
): Promise<DiscountList> {
  const [config, discounts, page] = await Promise.all([
    dependencies.operatorConfigStore.loadOrThrow(),
    dependencies.discountStore.listDiscounts(accountId),
    dependencies.discountStore.listHistory(accountId, { limit: query.limit, cursor: query.cursor, programId: query.programId }),
  ]);
  const configured = config.programs.filter((program) => program.discounts?.referee || program.discounts?.referrer);
  const configuredIds = new Set(configured.map((program) => program.programId));
  // A discount of a program whose discounts the configuration no longer has is still shown, without a table.
  const elsewhere = [...new Set(discounts.map((discount) => discount.programId))].filter((id) => !configuredIds.has(id)).sort();
  const programs = [
    ...configured.map((program) => programView(program.programId, program.name, program.discounts, discounts)),
    ...elsewhere.map((programId) =>
      programView(programId, config.programs.find((p) => p.programId === programId)?.name, undefined, discounts),
    ),
  ].filter((program) => query.programId === undefined || program.programId === query.programId);
  if (query.programId !== undefined && programs.length === 0)
    throw new NotFoundError(`no program ${query.programId} gives discounts, and the account holds none in it`);
  return {
    accountId,
    programs,
    history: page.entries,
    ...(page.nextCursor === undefined ? {} : { nextCursor: page.nextCursor }),
  };
}
