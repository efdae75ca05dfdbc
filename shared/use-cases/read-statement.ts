/**
 * GET /accounts/{accountId}/statements (that account or the operator): the account's commission
 * statement per half-month period (shared/domain/statement.ts decides it; docs/ledger.md, "Statements").
 *
 * What it reads, whatever the number of referred customers: the ledger accounts (one Query), the
 * accrual items of each commission program from the first period on (one Query each), the account's
 * reservations and the withdrawal transfers they name (one Query, one BatchGetItem), and for each
 * settled period from the first on, its transfers from its settlement on (one Query each, a few
 * items: the release, the top-up, and the clawbacks of refunds after settlement).
 */
import { nextPeriodId, type Period, parseLocalDate, periodById, periodIdOfDay, periodOf } from "../domain/calendar.ts";
import { operatorHolder } from "../domain/ledger/accounts.ts";
import { assertCanAccessAccount, type Principal } from "../domain/principal.ts";
import { mechanicOf } from "../domain/reward-mechanics/mechanics.ts";
import { type BookedTransfer, buildStatement, type StatementBalances } from "../domain/statement.ts";
import { NotFoundError, ValidationError } from "../errors.ts";
import { statementLimits } from "../limits.ts";
import type { Program } from "../schemas/operator-config.ts";
import type { StatementQuery, StatementResponse } from "../schemas/statement-api.ts";
import type { Transfer } from "../schemas/transfer-items.ts";
import { inFlightAtMost } from "./in-flight.ts";
import type { StatementDependencies } from "./statement-dependencies.ts";

const statementKinds = ["commission_pending", "commission_available", "payout_reserved"] as const;

/** Programs whose rewards accrue until a settlement (commission): the ones a statement follows. */
export function commissionProgramsOf(programs: readonly Program[]): Program[] {
  return programs.filter((program) => program.rewards.some((rule) => mechanicOf(rule.payoutAs).accruesUntilSettlement));
}

/** The half-month periods from the one holding `from` to the one holding `to` (the query schema bounds their number). */
export function periodsBetween(from: string, to: string, timeZone: string): Period[] {
  const last = periodIdOfDay(parseLocalDate(to));
  const periods: Period[] = [];
  for (let periodId = periodIdOfDay(parseLocalDate(from)); periodId <= last; periodId = nextPeriodId(periodId)) {
    periods.push(periodById(periodId, timeZone));
    if (periods.length > statementLimits.periodsMax)
      throw new ValidationError(`at most ${statementLimits.periodsMax} periods per statement`, [
        { path: "query.to", message: `at most ${statementLimits.periodsMax} half-month periods from from` },
      ]);
  }
  return periods;
}

export async function readStatement(
  deps: StatementDependencies,
  principal: Principal,
  accountId: string,
  query: StatementQuery,
): Promise<StatementResponse> {
  assertCanAccessAccount(principal, accountId);
  if (accountId === operatorHolder)
    throw new ValidationError("the operator's own accounts have no commission statement: read a partner's, or the operator's balance", [
      { path: "path.accountId", message: "operator: use GET /accounts/operator/balance" },
    ]);
  const config = await deps.operatorConfigStore.loadOrThrow();
  const programIds = commissionProgramsOf(config.programs).map((program) => program.programId);
  if (query.programId !== undefined && !programIds.includes(query.programId))
    throw new NotFoundError(`no program ${query.programId} with a commission rule`);
  const periods = periodsBetween(query.from, query.to, config.timeZone);
  const first = periods[0]!;

  const [ledgerAccounts, accrualsByProgram, reservations] = await Promise.all([
    deps.ledgerStore.listLedgerAccounts(accountId),
    Promise.all(programIds.map((programId) => deps.statementStore.listAccrualsFrom(accountId, programId, first.periodId))),
    deps.statementStore.listReservations(accountId),
  ]);
  const statementAccounts = ledgerAccounts.filter((balance) => (statementKinds as readonly string[]).includes(balance.account.kind));
  const currency = query.currency ?? onlyCurrencyOf(statementAccounts.map((balance) => balance.account.currency));
  const balances: Record<keyof StatementBalances, number> = {
    commissionPendingMinor: 0,
    commissionAvailableMinor: 0,
    payoutReservedMinor: 0,
  };
  for (const balance of statementAccounts) {
    if (balance.account.currency !== currency) continue;
    if (balance.account.kind === "commission_pending") balances.commissionPendingMinor = balance.balanceMinor;
    if (balance.account.kind === "commission_available") balances.commissionAvailableMinor = balance.balanceMinor;
    if (balance.account.kind === "payout_reserved") balances.payoutReservedMinor = balance.balanceMinor;
  }
  const accruals = accrualsByProgram.flat().filter((accrual) => accrual.currency === currency);

  // A settled period's own transfers from its (earliest) settlement on: its accruals stay on its item.
  const settledSince = new Map<string, number>();
  for (const accrual of accruals) {
    if (accrual.settledAt === undefined) continue;
    const settledAt = Date.parse(accrual.settledAt);
    settledSince.set(accrual.periodId, Math.min(settledAt, settledSince.get(accrual.periodId) ?? settledAt));
  }
  const afterSettlement = await inFlightAtMost([...settledSince], statementLimits.periodQueriesInFlight, ([periodId, settledAt]) =>
    deps.statementStore.listPeriodTransfersFrom(
      accountId,
      periodId,
      new Date(settledAt - statementLimits.settlementClockSkewSeconds * 1000).toISOString(),
      currency,
    ),
  );

  // Withdrawals: the reserve and the post or void of each reservation posted from the first period on.
  const since = first.startsAt.getTime();
  const wanted: { postedAt: string; transferId: string }[] = [];
  for (const reservation of reservations) {
    if (reservation.currency !== currency) continue;
    if (Date.parse(reservation.reservedAt) >= since)
      wanted.push({ postedAt: reservation.reservedAt, transferId: reservation.reservationTransferId });
    if (
      reservation.resolvedAt !== undefined &&
      reservation.resolvedByTransferId !== undefined &&
      Date.parse(reservation.resolvedAt) >= since
    )
      wanted.push({ postedAt: reservation.resolvedAt, transferId: reservation.resolvedByTransferId });
  }
  const withdrawals = wanted.length === 0 ? [] : await deps.statementStore.readTransfers(accountId, wanted);

  const bookedTo = (transfer: Transfer): BookedTransfer => ({
    transfer,
    periodId: transfer.periodId ?? periodOf(new Date(transfer.postedAt), config.timeZone).periodId,
  });
  return {
    accountId,
    currency,
    ...(query.programId === undefined ? {} : { programId: query.programId }),
    from: query.from,
    to: query.to,
    timeZone: config.timeZone,
    periods: buildStatement({
      accountId,
      currency,
      programId: query.programId,
      periods,
      accruals,
      transfers: [...afterSettlement.flat(), ...withdrawals].map(bookedTo),
      balances,
    }),
  };
}

function onlyCurrencyOf(currencies: readonly string[]): string {
  const distinct = [...new Set(currencies)].sort();
  if (distinct.length === 1) return distinct[0]!;
  throw new ValidationError(
    distinct.length === 0
      ? "the account holds no commission in any currency yet: name the statement's currency"
      : `the account holds commission in ${distinct.join(", ")}: name the statement's currency`,
    [{ path: "query.currency", message: distinct.length === 0 ? "required: no commission held yet" : `one of ${distinct.join(", ")}` }],
  );
}
