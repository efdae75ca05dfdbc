/**
 * An account's commission statement, one row per half-month period, decided without I/O
 * (docs/ledger.md, "Statements").
 *
 * A row shows what is booked to its period (a transfer's `periodId`: the period a commission accrued
 * in, the period a refund's payment earned in, the period settled, the period a withdrawal was posted
 * in), not what was posted between two instants: that is what the period accrual item sums, so the
 * accruals, often hundreds of thousands per period for a large partner, are never read one by one.
 * The sources:
 *
 * - the period's accrual items (one per program): `accruedMinor` (the accruals less the clawbacks
 *   taken while pending), the base, the active customers and what settlement recorded;
 * - the period's transfers from its settlement on: the release, the tier top-up, and the clawbacks
 *   and top-up reversals of refunds after settlement (an accrual or a pending clawback found among
 *   them is already on the item and is not counted again);
 * - the withdrawal transfers (reserve, post, void), found through the account's reservations.
 *
 * Closing balances are walked back from the ledger accounts' balances now: each period's closing is
 * the next one's less what the next one moved, so the last period's closing is the balance read (when
 * nothing is booked after it) and the first period's opening is what was booked before the range.
 */
import type { PeriodAccrualItem, SettlementRateReason } from "../schemas/ledger-items.ts";
import type { LedgerAccount, Transfer } from "../schemas/transfer-items.ts";
import { assert } from "./assert.ts";
import { formatLocalDate, nextPeriodId, type Period } from "./calendar.ts";
import { effectsOnHolder } from "./ledger/figures.ts";
import { describeRateReason } from "./settlement.ts";

/** The three ledger accounts a commission statement follows, on their normal side. */
export interface StatementBalances {
  readonly commissionPendingMinor: number;
  readonly commissionAvailableMinor: number;
  readonly payoutReservedMinor: number;
}

const zeroBalances: StatementBalances = { commissionPendingMinor: 0, commissionAvailableMinor: 0, payoutReservedMinor: 0 };

const balanceFieldOfKind: Partial<Record<LedgerAccount["kind"], keyof StatementBalances>> = {
  commission_pending: "commissionPendingMinor",
  commission_available: "commissionAvailableMinor",
  payout_reserved: "payoutReservedMinor",
};

/** One program's accrual of the period, and its settlement once it ran. */
export interface ProgramPeriod {
  readonly programId: string;
  readonly settlement: "settled" | "open";
  /** The period's commission accruals less the clawbacks taken from them while pending. */
  readonly accruedMinor: number;
  readonly baseMinor: number;
  readonly accrualRateBps?: number;
  readonly activeCustomers: number;
  readonly settledAt?: string;
  readonly rateBps?: number;
  readonly rateReason?: SettlementRateReason;
  /** Why that rate, in words ("12 %: 25 active referred customers, at least 25 for this tier"). */
  readonly rateExplanation?: string;
  readonly settledBaseMinor?: number;
  /** What settlement paid on top of what accrued (negative: a reduction). */
  readonly topUpMinor?: number;
}

export interface StatementPeriod {
  readonly periodId: string;
  readonly firstDay: string;
  readonly lastDay: string;
  /** Commission accrued in the period less the clawbacks taken from it while pending (commission_pending +). */
  readonly accruedMinor: number;
  /** Released to available by the period's settlement (commission_pending → commission_available). */
  readonly releasedMinor: number;
  /** The tier top-up of the period's settlement, negative for a reduction (commission_available ±). */
  readonly topUpMinor: number;
  /** Commission clawed back from available by refunds after the period's settlement. */
  readonly clawedBackAfterSettlementMinor: number;
  /** The top-up's share those refunds took back (negative: a reduction's share given back). */
  readonly topUpReversedMinor: number;
  /** Withdrawals: reserved (available → payout_reserved), paid out (payout_reserved → payout_clearing), failed and returned to available. */
  readonly withdrawalReservedMinor: number;
  readonly withdrawalPaidMinor: number;
  readonly withdrawalReturnedMinor: number;
  /** The net change of each ledger account booked to the period: closing − opening. */
  readonly movements: StatementBalances;
  readonly openingBalances: StatementBalances;
  readonly closingBalances: StatementBalances;
  readonly programs: ProgramPeriod[];
}

/** A transfer and the period it is booked to (its `periodId`; for one without, the period of its posting time). */
export interface BookedTransfer {
  readonly transfer: Transfer;
  readonly periodId: string;
}

export interface StatementInput {
  readonly accountId: string;
  readonly currency: string;
  /** Only this program's figures (the balances stay the currency's: a ledger account is not per program). */
  readonly programId?: string | undefined;
  /** The periods to list, consecutive, oldest first. */
  readonly periods: readonly Period[];
  /** The account's accrual items in the currency from the first period on, every commission program. */
  readonly accruals: readonly PeriodAccrualItem[];
  /** Settled periods' transfers from their settlement on, and the withdrawal transfers (a transfer found twice counts once). */
  readonly transfers: readonly BookedTransfer[];
  /** The ledger accounts' balances now. */
  readonly balances: StatementBalances;
}

/** Covered by the period's accrual item (its `accruedMinor`): an accrual, or a clawback taken while pending. */
function isOnAccrualItem(transfer: Transfer): boolean {
  return (
    transfer.code === "commission_accrual" || (transfer.code === "commission_clawback" && transfer.debit.kind === "commission_pending")
  );
}

interface Figures {
  accruedMinor: number;
  releasedMinor: number;
  topUpMinor: number;
  clawedBackAfterSettlementMinor: number;
  topUpReversedMinor: number;
  withdrawalReservedMinor: number;
  withdrawalPaidMinor: number;
  withdrawalReturnedMinor: number;
  movements: Record<keyof StatementBalances, number>;
}

function emptyFigures(): Figures {
  return {
    accruedMinor: 0,
    releasedMinor: 0,
    topUpMinor: 0,
    clawedBackAfterSettlementMinor: 0,
    topUpReversedMinor: 0,
    withdrawalReservedMinor: 0,
    withdrawalPaidMinor: 0,
    withdrawalReturnedMinor: 0,
    movements: { ...zeroBalances },
  };
}

function addAccrual(figures: Figures, accrual: PeriodAccrualItem): void {
  figures.accruedMinor += accrual.accruedMinor;
  figures.movements.commissionPendingMinor += accrual.accruedMinor;
}

function addTransfer(figures: Figures, transfer: Transfer, accountId: string, currency: string): void {
  let availableEffect = 0;
  for (const effect of effectsOnHolder(transfer, accountId)) {
    const field = balanceFieldOfKind[effect.account.kind];
    if (field === undefined || effect.account.currency !== currency) continue;
    figures.movements[field] += effect.amountMinor;
    if (field === "commissionAvailableMinor") availableEffect += effect.amountMinor;
  }
  switch (transfer.code) {
    case "settlement_release":
      figures.releasedMinor += transfer.amountMinor;
      break;
    case "tier_top_up":
      // A top-up names no transfer; the reversal of its share by a refund names the top-up.
      if (transfer.reversesTransferId === undefined) figures.topUpMinor += availableEffect;
      else figures.topUpReversedMinor -= availableEffect;
      break;
    case "commission_clawback":
      figures.clawedBackAfterSettlementMinor -= availableEffect;
      break;
    case "withdrawal_reserve":
      figures.withdrawalReservedMinor += transfer.amountMinor;
      break;
    case "withdrawal_post":
      figures.withdrawalPaidMinor += transfer.amountMinor;
      break;
    case "withdrawal_void":
      figures.withdrawalReturnedMinor += transfer.amountMinor;
      break;
    default:
      // Any other code moves the balances (counted above) without a column of its own.
      break;
  }
}

function programPeriodOf(accrual: PeriodAccrualItem): ProgramPeriod {
  const common = {
    programId: accrual.programId,
    accruedMinor: accrual.accruedMinor,
    baseMinor: accrual.baseMinor,
    ...(accrual.accrualRateBps === undefined ? {} : { accrualRateBps: accrual.accrualRateBps }),
    activeCustomers: accrual.activeCustomers,
  };
  if (accrual.settledAt === undefined || accrual.settledRateBps === undefined || accrual.settledRateReason === undefined)
    return { ...common, settlement: "open" };
  return {
    ...common,
    settlement: "settled",
    settledAt: accrual.settledAt,
    rateBps: accrual.settledRateBps,
    rateReason: accrual.settledRateReason,
    rateExplanation: describeRateReason({ rateBps: accrual.settledRateBps, reason: accrual.settledRateReason }, accrual.activeCustomers),
    ...(accrual.settledBaseMinor === undefined ? {} : { settledBaseMinor: accrual.settledBaseMinor }),
    topUpMinor: accrual.topUpMinor ?? 0,
  };
}

function minus(left: StatementBalances, right: StatementBalances): StatementBalances {
  return {
    commissionPendingMinor: left.commissionPendingMinor - right.commissionPendingMinor,
    commissionAvailableMinor: left.commissionAvailableMinor - right.commissionAvailableMinor,
    payoutReservedMinor: left.payoutReservedMinor - right.payoutReservedMinor,
  };
}

/** Builds the rows of `input.periods`, walking the balances back from now through every period booked to since. */
export function buildStatement(input: StatementInput): StatementPeriod[] {
  assert(input.periods.length > 0, "a statement lists at least one period");
  const firstPeriodId = input.periods[0]!.periodId;
  for (let index = 1; index < input.periods.length; index += 1)
    assert(
      input.periods[index]!.periodId === nextPeriodId(input.periods[index - 1]!.periodId),
      "the periods of a statement follow each other",
    );

  // Every figure of every period from the first on: all programs (for the balances) and the program asked for (shown).
  const all = new Map<string, Figures>();
  const shown = new Map<string, Figures>();
  const programs = new Map<string, ProgramPeriod[]>();
  const figuresOf = (map: Map<string, Figures>, periodId: string) => {
    let figures = map.get(periodId);
    if (!figures) {
      figures = emptyFigures();
      map.set(periodId, figures);
    }
    return figures;
  };
  const isShown = (programId: string | undefined) => input.programId === undefined || programId === input.programId;

  for (const accrual of input.accruals) {
    assert(accrual.currency === input.currency, `an accrual in ${accrual.currency} on a ${input.currency} statement`);
    if (accrual.periodId < firstPeriodId) continue;
    addAccrual(figuresOf(all, accrual.periodId), accrual);
    if (!isShown(accrual.programId)) continue;
    addAccrual(figuresOf(shown, accrual.periodId), accrual);
    programs.set(accrual.periodId, [...(programs.get(accrual.periodId) ?? []), programPeriodOf(accrual)]);
  }
  const seen = new Set<string>();
  for (const { transfer, periodId } of input.transfers) {
    if (periodId < firstPeriodId || seen.has(transfer.transferId) || isOnAccrualItem(transfer)) continue;
    seen.add(transfer.transferId);
    addTransfer(figuresOf(all, periodId), transfer, input.accountId, input.currency);
    if (isShown(transfer.programId)) addTransfer(figuresOf(shown, periodId), transfer, input.accountId, input.currency);
  }

  // Closing balances, from the latest period booked to back to the first one listed.
  const lastListed = input.periods[input.periods.length - 1]!.periodId;
  // Period ids sort as strings in time order (YYYY-MM-1 < YYYY-MM-2 < the next month's).
  const latest = [...all.keys(), lastListed].sort().at(-1)!;
  const walked: string[] = [];
  for (let periodId = firstPeriodId; periodId <= latest; periodId = nextPeriodId(periodId)) walked.push(periodId);
  const closing = new Map<string, StatementBalances>();
  let balances = input.balances;
  for (const periodId of walked.reverse()) {
    closing.set(periodId, balances);
    balances = minus(balances, figuresOf(all, periodId).movements);
  }

  return input.periods.map((period) => {
    const figures = figuresOf(shown, period.periodId);
    const closingBalances = closing.get(period.periodId)!;
    const { movements, ...rest } = figures;
    return {
      periodId: period.periodId,
      firstDay: formatLocalDate(period.firstDay),
      lastDay: formatLocalDate(period.lastDay),
      ...rest,
      movements: { ...movements },
      openingBalances: minus(closingBalances, figuresOf(all, period.periodId).movements),
      closingBalances,
      programs: [...(programs.get(period.periodId) ?? [])].sort((a, b) => a.programId.localeCompare(b.programId)),
    };
  });
}
