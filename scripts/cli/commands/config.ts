/**
 * `cli -- config show|check|apply`: the operator configuration (one item, AP1; docs/deploy.md,
 * "What the operator must configure").
 *
 *   config show                          the stored configuration as JSON
 *   config check [--file config.json]    validate a file, or the stored configuration, with the schema every
 *                                        function reads it with (and the redirect's view); exit code 1 when invalid
 *   config apply --file config.json      replace the configuration with a file's, after a diff (--dry-run: only the diff)
 */
import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { configIssuesOf } from "../config-edit.ts";
import { storedConfigOrThrow, writeConfig } from "../config-write.ts";
import { type CliCommand, type CliContext, CommandFailedError, UsageError } from "../context.ts";

function readJsonFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new UsageError(`--file ${path}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new CommandFailedError("configuration_invalid", `${path} is not JSON: ${(error as Error).message}`);
  }
}

export const command: CliCommand = {
  register(program: Command, context: CliContext) {
    const config = program
      .command("config")
      .description("The operator configuration: show it, check a file or the stored one, apply a file");
    config
      .command("show")
      .description("Print the stored configuration (JSON) and when it was last written")
      .action(async () => {
        const stored = await storedConfigOrThrow(context);
        context.print(stored, (value) => [JSON.stringify(value.config, null, 2), `(written ${value.updatedAt})`]);
      });
    config
      .command("check")
      .description("Validate a configuration file, or the stored configuration, as the functions will read it; exit code 1 when invalid")
      .option("--file <path>", "a JSON file (default: the stored configuration)")
      .action(async (options: { readonly file?: string }) => {
        const candidate = options.file === undefined ? (await storedConfigOrThrow(context)).config : readJsonFile(options.file);
        const issues = configIssuesOf(candidate);
        const source = options.file ?? "the stored configuration";
        if (issues.length > 0) {
          if (!context.globals().json) for (const issue of issues) context.io.stdout(`  ${issue.path}: ${issue.message}\n`);
          throw new CommandFailedError("configuration_invalid", `${source} is invalid (${issues.length} issues)`, { issues });
        }
        context.print({ source, valid: true }, () => [`${source}: valid`]);
      });
    config
      .command("apply")
      .description("Replace the stored configuration with a file's, after showing the diff; nothing invalid is written")
      .requiredOption("--file <path>", "the JSON file")
      .option("--dry-run", "only show the diff and the issues", false)
      .action(async (options: { readonly file: string; readonly dryRun: boolean }) => {
        const next = readJsonFile(options.file);
        await writeConfig(context, { dryRun: options.dryRun, what: `config apply ${options.file}` }, () => next);
      });
  },
};
