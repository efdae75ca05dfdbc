/**
 * Verifying a partner's level (docs/partners.md, "Levels"): at approval, by the monthly run
 * (verify-partner-levels.ts) and on demand by the operator (POST
 * /accounts/{accountId}/partner-levels/{programId}/verifications).
 *
 * Measure → decide (shared/domain/partner-levels.ts) → commit one transaction: the idempotency record
 * `partner-level:<account>:<program>:<verificationId>` with its outbox (`partner.level.changed` when the
 * level moved), the level on condition of the revision it was decided on, and the history entry. The
 * measurement reads every service the partner was ever the payer of (AP78) and each one's history
 * (AP79, at most partnerLimits.serviceHistoryQueriesInFlight at once): its cost grows with the
 * partner's services, once a month, never on an event's path; a program that asks for paid revenue adds
 * one Query of the partner's 12 months (AP82).
 *
 * The same verification id again answers what was recorded (`repeated: true`) and sends nothing; with
 * another stated day it is payload_mismatch (409). A verification racing another (the monthly run and
 * the operator at once) loses on the revision and decides again from a fresh read.
 */
import { findProgram } from "../data/operator-config-reader.ts";
import { addDays, formatLocalDate, localDay, parseLocalDate } from "../domain/calendar.ts";
import { decideVerification, enterLevel, levelEntryId } from "../domain/partner-levels.ts";
import { netPaidRevenue, paidRevenueCurrencyOf, revenueWindowOf } from "../domain/partner-revenue.ts";
import { payloadHashOf } from "../domain/payload-hash.ts";
import { activeServicesPaidBy } from "../domain/service-payer.ts";
import { DomainError, TransientError, ValidationError } from "../errors.ts";
import { partnerLimits } from "../limits.ts";
import type { PartnerProgram } from "../schemas/operator-config.ts";
import type { LevelHistoryEntry, LevelMeasurement, LevelTrigger, PartnerLevelItem } from "../schemas/partner-level-items.ts";
import { commitEffect } from "./commit-effect.ts";
import { decideUntilCommitted } from "./conflict-retries.ts";
import { inFlightAtMost } from "./in-flight.ts";
import type { PartnerDependencies } from "./partner-dependencies.ts";

export interface LevelVerificationRequest {
  readonly accountId: string;
  readonly programId: string;
  /** The verification's idempotency key (the operator's, or the monthly run's `monthly-<day>`). */
  readonly verificationId: string;
  readonly trigger: Exclude<LevelTrigger, "approval">;
  /** The operator-local day a move takes effect: today (default) or up to partnerLimits.levelEffectiveAheadDaysMax later. */
  readonly effectiveOn?: string | undefined;
}

export interface LevelVerification {
  readonly level: PartnerLevelItem;
  readonly verification: LevelHistoryEntry;
  /** true: this verification id was recorded before; nothing changed now and nothing was sent. */
  readonly repeated: boolean;
}

/**
 * The figures of `accountId` at `at`: the services active then with it as their payer, and, when the program's levels
 * ask for it, its paid revenue of the 12 operator-local months before `at`'s month (one Query of its months, AP82).
 */
export async function measurePartner(
  deps: Pick<PartnerDependencies, "serviceStore" | "partnerRevenueStore">,
  accountId: string,
  at: Date,
  program: { readonly levels: PartnerProgram["levels"]; readonly timeZone: string },
): Promise<LevelMeasurement> {
  const revenueCurrency = paidRevenueCurrencyOf(program.levels);
  const window = revenueWindowOf(at, program.timeZone);
  const [serviceIds, months] = await Promise.all([
    deps.serviceStore.servicesPaidBy(accountId),
    revenueCurrency === undefined ? undefined : deps.partnerRevenueStore.readPaidRevenue(accountId, window.fromMonth, window.toMonth),
  ]);
  const histories = await inFlightAtMost(serviceIds, partnerLimits.serviceHistoryQueriesInFlight, (serviceId) =>
    deps.serviceStore.historyOf(serviceId),
  );
  const measuredAt = at.toISOString();
  return {
    activeServicesAsPayer: activeServicesPaidBy(histories, accountId, measuredAt),
    ...(revenueCurrency !== undefined && months
      ? { paidRevenue: { currency: revenueCurrency, amountMinor: netPaidRevenue(months, revenueCurrency), ...window } }
      : {}),
    measuredAt,
  };
}

/** The writes of an approval that make the account a partner at its first level (added to the approval's transaction). */
export async function enterLevelWrites(
  deps: Pick<PartnerDependencies, "serviceStore" | "partnerRevenueStore" | "partnerLevelStore" | "clock">,
  input: {
    readonly accountId: string;
    readonly programId: string;
    readonly program: PartnerProgram;
    readonly timeZone: string;
    readonly applicationId: string;
  },
) {
  const now = deps.clock.now();
  const decision = enterLevel({
    accountId: input.accountId,
    programId: input.programId,
    levels: input.program.levels,
    measured: await measurePartner(deps, input.accountId, now, { levels: input.program.levels, timeZone: input.timeZone }),
    now,
    timeZone: input.timeZone,
    verificationId: `approval-${input.applicationId}`,
    trigger: "approval",
  });
  const { writes } = deps.partnerLevelStore;
  return [writes.level(decision.item, undefined), writes.historyEntry(decision.entry)];
}

function effectiveOnIn(request: LevelVerificationRequest, today: string): string | undefined {
  if (request.effectiveOn === undefined) return undefined;
  const latest = formatLocalDate(addDays(parseLocalDate(today), partnerLimits.levelEffectiveAheadDaysMax));
  if (request.effectiveOn < today || request.effectiveOn > latest)
    throw new ValidationError(`effectiveOn must be from today (${today}) to ${latest}`, [
      { path: "body.effectiveOn", message: `from ${today} to ${latest} (operator time zone)` },
    ]);
  return request.effectiveOn;
}

export async function verifyPartnerLevel(deps: PartnerDependencies, request: LevelVerificationRequest): Promise<LevelVerification> {
  const { accountId, programId } = request;
  const entryId = levelEntryId(accountId, programId, request.verificationId);
  const payloadHash = payloadHashOf({
    type: "partner.level.verification",
    version: 1,
    data: { verificationId: request.verificationId, trigger: request.trigger, effectiveOn: request.effectiveOn ?? null },
  });
  return await decideUntilCommitted(`partner level ${accountId} ${programId}`, async () => {
    const item = await deps.partnerLevelStore.readLevel(accountId, programId);
    if (!item) throw new DomainError("not_a_partner", `account ${accountId} is not an approved partner of ${programId}`);
    const config = await deps.operatorConfigStore.loadOrThrow();
    const program = findProgram(config, programId)?.partnerProgram;
    if (!program) throw new DomainError("no_partner_program", `program ${programId} has no partner program now`);
    const now = deps.clock.now();
    const effectiveOn = effectiveOnIn(request, localDay(now, config.timeZone));
    const decision = decideVerification(item, {
      accountId,
      programId,
      levels: program.levels,
      measured: await measurePartner(deps, accountId, now, { levels: program.levels, timeZone: config.timeZone }),
      now,
      timeZone: config.timeZone,
      verificationId: request.verificationId,
      trigger: request.trigger,
      effectiveOn,
    });
    const { writes } = deps.partnerLevelStore;
    const committed = await commitEffect(
      deps,
      {
        sourceEvent: { eventId: entryId, eventType: "partner.level.verification", payloadHash, outcome: decision.entry.kind },
        transfers: [],
        outbound: decision.message ? [decision.message] : [],
        writes: [writes.level(decision.item, item.revision), writes.historyEntry(decision.entry)],
      },
      // The same verification committed a moment ago by another caller, who is sending its outbox now.
      { duplicateOutbox: "relay" },
    );
    if (committed.status === "committed") return { level: decision.item, verification: decision.entry, repeated: false };
    return { level: item, verification: await recordedVerification(deps, accountId, programId, entryId), repeated: true };
  });
}

/**
 * A verification recorded before, from the partner's history, newest first: a repeat is nearly always of one of the
 * last few entries (one page); a late repeat reads on, page by page (about twelve entries a year), until it is found.
 */
async function recordedVerification(
  deps: PartnerDependencies,
  accountId: string,
  programId: string,
  entryId: string,
): Promise<LevelHistoryEntry> {
  let cursor: string | undefined;
  do {
    const page = await deps.partnerLevelStore.listHistory(accountId, programId, { limit: partnerLimits.levelHistoryPageSizeMax, cursor });
    const entry = page.entries.find((each) => each.entryId === entryId);
    if (entry) return entry;
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  // Its idempotency record is committed with the entry in one transaction, so this is a read that overtook the write.
  throw new TransientError(`verification ${entryId} is recorded but its history entry was not found yet`);
}
