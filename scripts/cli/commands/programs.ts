/**
 * `cli -- program list|presets|create|edit`: the operator's programs, which are data in the
 * configuration (shared/schemas/operator-config.ts). A new program starts from one of the five presets
 * (shared/domain/program-presets.ts) and is edited with `--set path=value` / `--unset path`; every change
 * shows a diff, is validated as a whole, and is written only if no one changed the configuration since
 * it was read (scripts/cli/config-write.ts).
 *
 *   program presets
 *   program create --preset zadarma-partner --id zadarma-resellers --name "Resellers" --set commission.holdDays=30 --dry-run
 *   program edit t2-invite --set attribution.codeEntryWindowMonths=2 --unset discounts.referrer.bonuses.1
 *
 * Exit codes: 1 for a program that exists (create) or does not (edit), an invalid result
 * (`configuration_invalid`, with the issues) or a concurrent change (`configuration_changed`); 2 for a
 * malformed `--set`/`--unset`.
 */
import type { Command } from "commander";
import { programPresets } from "../../../shared/domain/program-presets.ts";
import { programIdSchema } from "../../../shared/schemas/common.ts";
import { assignmentOf, copyOf, type JsonObject, setPath, unsetPath } from "../config-edit.ts";
import { storedConfigOrThrow, writeConfig } from "../config-write.ts";
import { type CliCommand, type CliContext, CommandFailedError, UsageError } from "../context.ts";
import { parsedOrThrow } from "../parse.ts";

interface EditOptions {
  readonly set: string[];
  readonly unset: string[];
  readonly dryRun: boolean;
}

interface CreateOptions extends EditOptions {
  readonly preset: string;
  readonly id?: string;
  readonly name?: string;
  readonly default: boolean;
}

interface ProgramLike {
  readonly programId: string;
  readonly name?: string;
  readonly status?: string;
}

const collect = (value: string, previous: string[]) => [...previous, value];

function programsOf(config: unknown): ProgramLike[] {
  const programs = (config as { programs?: unknown }).programs;
  return Array.isArray(programs) ? (programs as ProgramLike[]) : [];
}

function applyEdits(program: Record<string, unknown>, options: EditOptions): void {
  for (const assignment of options.set.map(assignmentOf)) {
    if (assignment.path === "programId") throw new UsageError("--set programId: a program's id never changes (create a new one)");
    setPath(program as JsonObject, assignment.path, assignment.value);
  }
  for (const path of options.unset) unsetPath(program as JsonObject, path);
}

export const command: CliCommand = {
  register(program: Command, context: CliContext) {
    const programs = program.command("program").description("The programs of the configuration: list, presets, create from a preset, edit");
    const editOptions = (command: Command) =>
      command
        .option(
          "--set <path=value>",
          'set a setting (repeatable): JSON values, e.g. rewards.0.rateBps=1500 or status="paused"',
          collect,
          [],
        )
        .option("--unset <path>", "remove a setting (repeatable), e.g. discounts.referrer.bonuses.1", collect, [])
        .option("--dry-run", "only show the diff and whether the result is valid", false);

    programs
      .command("list")
      .description("The configured programs")
      .action(async () => {
        const stored = await storedConfigOrThrow(context);
        const list = programsOf(stored.config).map(({ programId, name, status }) => ({ programId, name, status }));
        const defaultProgramId = (stored.config as { defaultProgramId?: string }).defaultProgramId;
        context.print({ defaultProgramId, programs: list }, (value) =>
          value.programs.map(
            (entry) =>
              `${entry.programId.padEnd(24)} ${String(entry.status).padEnd(8)} ${entry.name}${entry.programId === defaultProgramId ? "  (default)" : ""}`,
          ),
        );
      });

    programs
      .command("presets")
      .description("The presets a program can start from (one per seed program)")
      .action(() => {
        context.print(programPresets, (presets) => presets.map((preset) => `${preset.programId.padEnd(24)} ${preset.name}`));
      });

    editOptions(
      programs
        .command("create")
        .description("Add a program made from a preset, edited with --set/--unset, after a diff")
        .requiredOption("--preset <presetId>", `one of: ${programPresets.map((preset) => preset.programId).join(", ")}`)
        .option("--id <programId>", "the new program's id (default: the preset's)")
        .option("--name <name>", "the new program's name (default: the preset's)")
        .option("--default", "make it the default program (links without a program name it)", false),
    ).action(async (options: CreateOptions) => {
      const preset = programPresets.find((candidate) => candidate.programId === options.preset);
      if (!preset)
        throw new UsageError(`--preset ${options.preset}: one of ${programPresets.map((candidate) => candidate.programId).join(", ")}`);
      const programId = parsedOrThrow(programIdSchema, options.id ?? preset.programId);
      const created: Record<string, unknown> = {
        ...copyOf(preset),
        programId,
        ...(options.name === undefined ? {} : { name: options.name }),
      };
      applyEdits(created, options);
      await writeConfig(context, { dryRun: options.dryRun, what: `program create ${programId} from ${preset.programId}` }, (current) => {
        const config = current as { programs?: unknown[]; defaultProgramId?: string };
        if (programsOf(config).some((existing) => existing.programId === programId))
          throw new CommandFailedError("program_exists", `a program ${programId} exists already: edit it with program edit ${programId}`);
        return { ...config, programs: [...(config.programs ?? []), created], ...(options.default ? { defaultProgramId: programId } : {}) };
      });
    });

    editOptions(
      programs
        .command("edit")
        .description("Change a program's settings with --set/--unset, after a diff")
        .argument("<programId>", "the program to edit"),
    ).action(async (programId: string, options: EditOptions) => {
      if (options.set.length === 0 && options.unset.length === 0)
        throw new UsageError("say what to change with --set path=value or --unset path");
      await writeConfig(context, { dryRun: options.dryRun, what: `program edit ${programId}` }, (current) => {
        const config = current as { programs?: Record<string, unknown>[] };
        const edited = programsOf(config).find((existing) => existing.programId === programId) as Record<string, unknown> | undefined;
        if (!edited) throw new CommandFailedError("not_found", `no program ${programId} in the configuration (program list shows them)`);
        applyEdits(edited, options);
        return config;
      });
    });
  },
};
