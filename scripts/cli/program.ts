/**
 * The operator CLI (`npm run cli -- <command>`): commander parses the global options and subcommands;
 * every file in scripts/cli/commands/ adds its commands. Exit codes: 0 done, 1 failed (a refusal such
 * as `withdrawal_already_paid`, something not found, a stack that cannot be reached), 2 wrong usage
 * (unknown command or option, a missing or malformed argument). With --json, a failure is printed as
 * `{"error":{"code","message","details"?}}` on stdout as well.
 */
import { readdirSync } from "node:fs";
import { Command, CommanderError } from "commander";
import { type Clock, systemClock } from "../../shared/domain/clock.ts";
import { DomainError } from "../../shared/errors.ts";
import { type CliCommand, type CliContext, type CliIo, CommandFailedError, type GlobalOptions, UsageError } from "./context.ts";
import { type CliTarget, resolveTarget, TargetUnavailableError } from "./target.ts";

export const exitCodes = { ok: 0, failed: 1, usage: 2 } as const;

const commandsDirectory = new URL("./commands/", import.meta.url);

/** Every command module, in file-name order. */
async function commandModules(): Promise<CliCommand[]> {
  const files = readdirSync(commandsDirectory)
    .filter((name) => name.endsWith(".ts") && !name.endsWith(".test.ts"))
    .sort();
  const modules = await Promise.all(
    files.map((name) => import(new URL(name, commandsDirectory).href) as Promise<{ command?: CliCommand }>),
  );
  return modules.map((module, index) => {
    if (!module.command) throw new Error(`scripts/cli/commands/${files[index]} exports no \`command\``);
    return module.command;
  });
}

export async function runCli(
  argv: readonly string[],
  io: CliIo = { stdout: (text) => process.stdout.write(text), stderr: (text) => process.stderr.write(text) },
  /** "Now" for the commands that read it (the system's; tests inject theirs). */
  clock: Clock = systemClock,
): Promise<number> {
  const program = new Command("cli")
    .description("Operator commands on the referral ledger: the local stack by default, a deployed one with --stack")
    .option("--json", "print the result as JSON on stdout", false)
    .option(
      "--stack <name>",
      "a deployed stack (its CloudFormation outputs name the table and queues; AWS credentials from the environment)",
    )
    .option("--region <region>", "the deployed stack's region (default: AWS_REGION or the profile's)")
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  let target: Promise<CliTarget> | undefined;
  const globals = () => program.opts<GlobalOptions>();
  const context: CliContext = {
    io,
    clock,
    globals,
    target: () => {
      target ??= resolveTarget(globals());
      return target;
    },
    print(value, human) {
      if (globals().json) io.stdout(`${JSON.stringify(value, null, 2)}\n`);
      else for (const line of human(value)) io.stdout(`${line}\n`);
    },
    progress(text) {
      if (!globals().json) io.stderr(`${text}\n`);
    },
  };
  // Subcommands inherit exitOverride and the output from the program they are added to.
  for (const command of await commandModules()) command.register(program, context);

  try {
    await program.parseAsync([...argv], { from: "user" });
    return exitCodes.ok;
  } catch (error) {
    return failure(error, context, io);
  } finally {
    if (target)
      await target.then(
        (resolved) => resolved.close(),
        () => undefined,
      );
  }
}

function failure(error: unknown, context: CliContext, io: CliIo): number {
  const json = (() => {
    try {
      return context.globals().json;
    } catch {
      return false;
    }
  })();
  if (error instanceof CommanderError) {
    // --help and --version end by "throwing" too, with exit code 0: they succeeded. Help shown because a
    // subcommand is missing, and every parse error, are wrong usage: commander said why on stderr, and with
    // --json the failure is on stdout too, as every other one is.
    if (error.exitCode === 0) return exitCodes.ok;
    if (json) io.stdout(`${JSON.stringify({ error: { code: "usage", message: error.message.replace(/^error: /, "") } }, null, 2)}\n`);
    return exitCodes.usage;
  }
  const report = (code: string, message: string, exitCode: number, details?: unknown) => {
    if (json) io.stdout(`${JSON.stringify({ error: { code, message, ...(details === undefined ? {} : { details }) } }, null, 2)}\n`);
    io.stderr(`error: ${message}${code === "internal" ? "" : ` (${code})`}\n`);
    return exitCode;
  };
  if (error instanceof UsageError) return report("usage", error.message, exitCodes.usage);
  if (error instanceof CommandFailedError) return report(error.code, error.message, exitCodes.failed, error.details);
  // The use cases validate what the CLI passes on from its arguments (a listing's --cursor): a malformed one is wrong usage.
  if (error instanceof DomainError)
    return report(error.code, error.message, error.code === "validation_failed" ? exitCodes.usage : exitCodes.failed);
  if (error instanceof TargetUnavailableError) return report("target_unavailable", error.message, exitCodes.failed);
  return report("internal", error instanceof Error ? (error.stack ?? error.message) : String(error), exitCodes.failed);
}
