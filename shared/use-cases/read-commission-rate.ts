/**
 * GET /accounts/{accountId}/commission-rates/{programId} (the partner or the operator): Zadarma's "the rate grows with
 * the size of the referrer's clientele", made visible. The program's ladder, the partner's individual rate if the
 * operator set one, and where the open half month stands: per currency, its accrual so far, the active customers that
 * count towards a tier, the rate the period would be paid at if it were settled now (shared/domain/settlement.ts
 * `settlementRateOf`, the rule settlement applies), and the next tier it can still reach. Reads: the configuration
 * (cached), the individual rate (GetItem AP27) and the period's accruals (one Query, AP80), in parallel; writes nothing.
 */
import { findProgram } from "../data/operator-config-reader.ts";
import { individualRateOf } from "../data/settlement-store.ts";
import { formatLocalDate, periodOf } from "../domain/calendar.ts";
import { assertCanAccessAccount, type Principal } from "../domain/principal.ts";
import { commissionTermsOf, describeRateReason, settlementRateOf, settlementRunDayOf } from "../domain/settlement.ts";
import { NotFoundError } from "../errors.ts";
import type { CommissionRateView } from "../schemas/settlement-api.ts";
import type { CommissionRateDependencies } from "./settlement-dependencies.ts";

export async function readCommissionRate(
  deps: CommissionRateDependencies,
  principal: Principal,
  request: { readonly accountId: string; readonly programId: string },
): Promise<CommissionRateView> {
  assertCanAccessAccount(principal, request.accountId);
  const config = await deps.operatorConfigStore.loadOrThrow();
  const terms = commissionTermsOf(findProgram(config, request.programId));
  if (!terms) throw new NotFoundError(`no program ${request.programId} with a commission rule`);
  const { rule, settings } = terms;
  const open = periodOf(deps.clock.now(), config.timeZone);
  const [individualItem, accruals] = await Promise.all([
    deps.settlementStore.readIndividualRate(request.accountId, request.programId),
    deps.periodAccrualStore.listPeriodAccruals(request.accountId, request.programId, open.periodId),
  ]);
  const individualRate = individualRateOf(individualItem);
  const currencies = [
    ...new Set([...settings.payout.thresholds.map((threshold) => threshold.currency), ...accruals.map((a) => a.currency)]),
  ];
  return {
    accountId: request.accountId,
    programId: request.programId,
    individualRate: individualRate ? { rateBps: individualRate.rateBps, setAt: individualRate.setAt } : null,
    tiers: settings.tiers.map((tier) => ({ minActiveCustomers: tier.minActiveCustomers, rateBps: tier.rateBps })),
    ruleRateBps: rule.rateBps,
    openPeriod: {
      periodId: open.periodId,
      firstDay: formatLocalDate(open.firstDay),
      lastDay: formatLocalDate(open.lastDay),
      settlesOn: settlementRunDayOf(open, settings.holdDays),
      currencies: currencies.map((currency) => {
        const accrual = accruals.find((candidate) => candidate.currency === currency);
        const activeCustomers = accrual?.activeCustomers ?? 0;
        const rate = settlementRateOf({ activeCustomers, ruleRateBps: rule.rateBps, settings, individualRate });
        const nextTier = individualRate ? undefined : settings.tiers.find((tier) => tier.minActiveCustomers > activeCustomers);
        return {
          currency,
          accruedMinor: accrual?.accruedMinor ?? 0,
          baseMinor: accrual?.baseMinor ?? 0,
          activeCustomers,
          rateNow: { rateBps: rate.rateBps, reason: rate.reason, explanation: describeRateReason(rate, activeCustomers) },
          nextTier: nextTier ? { minActiveCustomers: nextTier.minActiveCustomers, rateBps: nextTier.rateBps } : null,
        };
      }),
    },
  };
}
