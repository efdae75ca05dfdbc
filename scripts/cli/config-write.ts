/**
 * The one way the CLI changes the operator configuration: read the stored item, make the new
 * configuration from it, show the diff, validate the whole (nothing invalid is ever written), then
 * replace the item only if no one wrote it since it was read (exit code 1, `configuration_changed`,
 * when someone did: run the command again). `--dry-run` stops after the diff.
 */
import { createOperatorConfigStore, type StoredOperatorConfig } from "../../shared/data/operator-config-store.ts";
import { type OperatorConfigInput, operatorConfigSchema } from "../../shared/schemas/operator-config.ts";
import { type ConfigChange, type ConfigIssue, changesOf, configIssuesOf, copyOf, diffLines } from "./config-edit.ts";
import { type CliContext, CommandFailedError } from "./context.ts";

export interface ConfigWriteResult {
  readonly dryRun: boolean;
  readonly written: boolean;
  readonly changes: readonly ConfigChange[];
  readonly issues: readonly ConfigIssue[];
}

export async function storedConfigOrThrow(context: CliContext): Promise<StoredOperatorConfig> {
  const target = await context.target();
  const stored = await createOperatorConfigStore(target.table, context.clock).readStored();
  if (!stored)
    throw new CommandFailedError(
      "configuration_missing",
      `${target.description} has no operator configuration yet: apply one with config apply --file`,
    );
  return stored;
}

export async function writeConfig(
  context: CliContext,
  options: { readonly dryRun: boolean; readonly what: string },
  change: (current: unknown) => unknown,
): Promise<ConfigWriteResult> {
  const target = await context.target();
  const store = createOperatorConfigStore(target.table, context.clock);
  const stored = await store.readStored();
  const before = stored?.config ?? {};
  const proposed = change(copyOf(before));
  const issues = configIssuesOf(proposed);
  // What would be stored: the schema's output (defaults filled in), so the diff shows the real change.
  const after = issues.length === 0 ? operatorConfigSchema.parse(proposed) : proposed;
  const changes = changesOf(before, after);
  const result = { dryRun: options.dryRun, written: false, changes, issues };
  const report = (outcome: ConfigWriteResult) =>
    context.print(outcome, (value) => [
      `${options.what} on ${target.description}:`,
      ...diffLines(value.changes).map((line) => `  ${line}`),
      ...value.issues.map((issue) => `  invalid: ${issue.path}: ${issue.message}`),
      value.written ? "written" : value.dryRun ? "dry run: nothing written" : "nothing written",
    ]);
  if (issues.length > 0) {
    if (!context.globals().json) report(result);
    throw new CommandFailedError("configuration_invalid", `the configuration would be invalid (${issues.length} issues): nothing written`, {
      changes,
      issues,
    });
  }
  if (options.dryRun || changes.length === 0) {
    report(result);
    return result;
  }
  if (!(await store.replaceIfUnchanged(after as OperatorConfigInput, stored?.updatedAt)))
    throw new CommandFailedError(
      "configuration_changed",
      "the configuration was changed by someone else meanwhile: nothing written, run the command again",
    );
  const written = { ...result, written: true };
  report(written);
  return written;
}
