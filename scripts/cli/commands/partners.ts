/**
 * `cli -- partners applications|show|approve|reject|level|verify`: the operator's side of a partner
 * program (docs/partners.md), through the same use cases and schemas as the routes: the applications
 * to decide, a decision with its reason code, a partner's level and its history, and a verification on
 * demand ("ACTIVE 24 may verify at any time"). The program defaults to the configuration's only one
 * with a partner program.
 */
import { type Command, Option } from "commander";
import { createPartnerDependencies } from "../../../functions/wiring/partners.ts";
import { findProgram } from "../../../shared/data/operator-config-reader.ts";
import { formatMoney, formatRateBps } from "../../../shared/domain/money.ts";
import { limits, partnerLimits } from "../../../shared/limits.ts";
import {
  type ApplicationStatus,
  applicationStatuses,
  approvalReasonCodes,
  rejectionReasonCodes,
} from "../../../shared/schemas/partner-application-items.ts";
import {
  type ApplicationView,
  applicationListQuerySchema,
  applicationPathSchema,
  approvalBodySchema,
  rejectionBodySchema,
} from "../../../shared/schemas/partner-applications-api.ts";
import type { HeldLevel, LevelHistoryEntry, LevelMeasurement } from "../../../shared/schemas/partner-level-items.ts";
import { partnerLevelPathSchema, verificationBodySchema } from "../../../shared/schemas/partner-levels-api.ts";
import { decidePartnerApplication } from "../../../shared/use-cases/decide-partner-application.ts";
import { listPartnerApplications, readPartnerApplication } from "../../../shared/use-cases/read-partner-applications.ts";
import { readPartnerLevel, verifyPartnerLevelOnDemand } from "../../../shared/use-cases/read-partner-level.ts";
import { type CliCommand, type CliContext, UsageError } from "../context.ts";
import { pageSizeOf, parsedOrThrow } from "../parse.ts";

async function dependencies(context: CliContext) {
  const target = await context.target();
  return createPartnerDependencies({
    table: target.table,
    clock: context.clock,
    queueClient: target.queueClient,
    outboundQueueUrl: target.queueUrls.outbound,
  });
}

/** The program named, or the configuration's only program with a partner program. */
async function programOf(deps: Awaited<ReturnType<typeof dependencies>>, named: string | undefined): Promise<string> {
  const config = await deps.operatorConfigStore.loadOrThrow();
  if (named !== undefined) {
    if (!findProgram(config, named)?.partnerProgram) throw new UsageError(`program ${named} has no partner program`);
    return named;
  }
  const partnerPrograms = config.programs.filter((program) => program.partnerProgram);
  if (partnerPrograms.length !== 1)
    throw new UsageError(
      `name the program with --program: ${partnerPrograms.length === 0 ? "none has" : `${partnerPrograms.map((program) => program.programId).join(", ")} have`} a partner program`,
    );
  return partnerPrograms[0]!.programId;
}

function describeApplication(application: ApplicationView): string[] {
  const { fields } = application;
  return [
    `${application.applicationId}  ${application.status}  account ${application.accountId}, program ${application.programId}`,
    `  submitted ${application.submittedAt} by ${application.submittedBy}`,
    ...Object.entries(fields).map(([name, value]) => `  ${name}: ${String(value)}`),
    ...(application.duplicateRegistrationOf.length > 0
      ? [`  the same registration id as: ${application.duplicateRegistrationOf.join(", ")}`]
      : []),
    ...(application.decision
      ? [
          `  ${application.status} ${application.decision.decidedAt} (${application.decision.reasonCode})${application.decision.note ? `: ${application.decision.note}` : ""}`,
        ]
      : []),
  ];
}

const levelText = (level: HeldLevel) =>
  level.levelId === null ? "no level (no discount)" : `${level.levelId} (${formatRateBps(level.rateBps)})`;

/** The figures a verification measured: the services, and the paid revenue when the program's levels ask for it. */
function figuresText(measured: LevelMeasurement): string {
  const revenue = measured.paidRevenue;
  return `${measured.activeServicesAsPayer} active services as payer${
    revenue
      ? `, ${formatMoney({ amountMinor: revenue.amountMinor, currency: revenue.currency })} paid ${revenue.fromMonth} to ${revenue.toMonth}`
      : ""
  }`;
}

function describeHistory(entry: LevelHistoryEntry): string {
  return `  ${entry.at}  ${entry.kind.padEnd(10)} ${entry.trigger.padEnd(8)} ${String(entry.levelId)} from ${entry.effectiveOn}, ${figuresText(entry.measured)}`;
}

export const command: CliCommand = {
  register(program: Command, context: CliContext) {
    const partners = program
      .command("partners")
      .description("Partner programs: applications to decide, decisions, partners' levels and verifications on demand");

    partners
      .command("applications")
      .description("Applications in one status, oldest first (default: submitted, the ones to decide)")
      .option("--program <programId>", "the partner program (default: the only one configured)")
      .addOption(new Option("--status <status>", "submitted, approved or rejected").choices(applicationStatuses).default("submitted"))
      .option("--limit <n>", `applications per page, 1-${limits.pageSizeMax}`, pageSizeOf(limits.pageSizeMax), limits.pageSizeDefault)
      .option("--cursor <cursor>", "the nextCursor of the previous page")
      .action(async (options: { program?: string; status: ApplicationStatus; limit: number; cursor?: string }) => {
        const deps = await dependencies(context);
        const query = parsedOrThrow(applicationListQuerySchema, {
          programId: await programOf(deps, options.program),
          status: options.status,
          limit: options.limit,
          ...(options.cursor === undefined ? {} : { cursor: options.cursor }),
        });
        const page = await listPartnerApplications(deps, query);
        context.print(page, (result) => [
          ...(result.applications.length === 0
            ? [`no ${result.status} applications to ${result.programId}`]
            : result.applications.flatMap(describeApplication)),
          ...(result.nextCursor ? [`more: --cursor ${result.nextCursor}`] : []),
        ]);
      });

    partners
      .command("show")
      .description("One application, as stored now, with the accounts sharing its registration id")
      .argument("<applicationId>")
      .action(async (applicationId: string) => {
        const { applicationId: id } = parsedOrThrow(applicationPathSchema, { applicationId });
        const application = await readPartnerApplication(await dependencies(context), id);
        context.print({ application }, (result) => describeApplication(result.application));
      });

    for (const outcome of ["approve", "reject"] as const) {
      partners
        .command(outcome)
        .description(
          outcome === "approve"
            ? "Approve an application: the account becomes a partner at its first level (partner.application.approved is sent)"
            : "Reject an application (partner.application.rejected is sent, with when the account may apply again)",
        )
        .argument("<applicationId>")
        .addOption(
          new Option("--reason <reasonCode>", "the reason code (docs/partners.md)")
            .choices(outcome === "approve" ? approvalReasonCodes.filter((code) => code !== "auto_approved") : rejectionReasonCodes)
            .makeOptionMandatory(),
        )
        .option("--note <text>", "for people: sent with the decision")
        .action(async (applicationId: string, options: { reason: string; note?: string }) => {
          const { applicationId: id } = parsedOrThrow(applicationPathSchema, { applicationId });
          const body = { reasonCode: options.reason, ...(options.note === undefined ? {} : { note: options.note }) };
          const request =
            outcome === "approve"
              ? { outcome: "approved" as const, ...parsedOrThrow(approvalBodySchema, body) }
              : { outcome: "rejected" as const, ...parsedOrThrow(rejectionBodySchema, body) };
          const result = await decidePartnerApplication(await dependencies(context), id, request);
          context.print(result, (decided) => [
            ...describeApplication({ ...decided.application, duplicateRegistrationOf: [] }),
            decided.changed
              ? "decided: the message is on the outbound queue"
              : "it already had this decision: nothing changed, nothing sent",
          ]);
        });
    }

    partners
      .command("level")
      .description("A partner's level: what quotes apply today, a move dated ahead, the last figures and the verifications")
      .argument("<accountId>")
      .option("--program <programId>", "the partner program (default: the only one configured)")
      .option(
        "--limit <n>",
        `history entries, 1-${partnerLimits.levelHistoryPageSizeMax}`,
        pageSizeOf(partnerLimits.levelHistoryPageSizeMax),
        20,
      )
      .action(async (accountId: string, options: { program?: string; limit: number }) => {
        const deps = await dependencies(context);
        const path = parsedOrThrow(partnerLevelPathSchema, { accountId, programId: await programOf(deps, options.program) });
        const result = await readPartnerLevel(deps, { kind: "operator" }, { ...path, limit: options.limit });
        context.print(result, ({ level, history }) => [
          `${level.accountId} in ${level.programId}: ${levelText(level.inForceToday)} today`,
          `  since ${level.current.since}: ${levelText(level.current)}`,
          ...(level.next ? [`  from ${level.next.effectiveOn}: ${levelText(level.next)}`] : []),
          `  last verified ${level.lastVerifiedAt}: ${figuresText(level.measured)}; next monthly verification ${level.nextVerificationOn}`,
          ...history.map(describeHistory),
        ]);
      });

    partners
      .command("verify")
      .description("Verify a partner's level now: measure, move up or down (partner.level.changed), record the figures")
      .argument("<accountId>")
      .option("--program <programId>", "the partner program (default: the only one configured)")
      .requiredOption("--id <verificationId>", "the verification's idempotency key: the same id again changes nothing")
      .option(
        "--effective-on <YYYY-MM-DD>",
        `the day a move takes effect: today (default) or up to ${partnerLimits.levelEffectiveAheadDaysMax} days later`,
      )
      .action(async (accountId: string, options: { program?: string; id: string; effectiveOn?: string }) => {
        const deps = await dependencies(context);
        const path = parsedOrThrow(partnerLevelPathSchema, { accountId, programId: await programOf(deps, options.program) });
        const body = parsedOrThrow(verificationBodySchema, {
          verificationId: options.id,
          ...(options.effectiveOn === undefined ? {} : { effectiveOn: options.effectiveOn }),
        });
        const result = await verifyPartnerLevelOnDemand(deps, { ...path, ...body });
        context.print(result, ({ level, verification, repeated }) => [
          `${verification.kind}: ${level.accountId} holds ${levelText(level.inForceToday)} today`,
          ...(level.next ? [`  from ${level.next.effectiveOn}: ${levelText(level.next)}`] : []),
          describeHistory(verification),
          ...(repeated ? ["this verification id was recorded before: nothing changed, nothing sent"] : []),
        ]);
      });
  },
};
