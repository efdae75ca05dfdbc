/**
 * What every CLI command gets: the global options (`--json`, `--stack`, `--region`), the target it works
 * on (resolved on first use, so `--help` needs no stack), and one way to print a result: JSON on stdout
 * with `--json` (one document per command, for scripts and `jq`), lines for people otherwise.
 *
 * A command file in scripts/cli/commands/ exports `command: CliCommand`; scripts/cli/program.ts finds
 * it there, so adding a command touches no other file.
 */
import type { Command } from "commander";
import type { systemClock } from "../../shared/domain/clock.ts";
import type { CliTarget } from "./target.ts";

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

export interface GlobalOptions {
  readonly json: boolean;
  readonly stack?: string | undefined;
  readonly region?: string | undefined;
}

export interface CliContext {
  readonly io: CliIo;
  readonly clock: typeof systemClock;
  globals(): GlobalOptions;
  /** The local or deployed stack, resolved once. */
  target(): Promise<CliTarget>;
  /** Prints a result: `value` as JSON with --json, else the lines `human` makes of it. */
  print<T>(value: T, human: (value: T) => readonly string[]): void;
  /** A progress line for people (stderr, never with --json, so stdout stays one JSON document). */
  progress(text: string): void;
}

export interface CliCommand {
  /** Adds the command (and its subcommands) to the program. */
  register(program: Command, context: CliContext): void;
}

/** Wrong usage found after parsing (a value commander cannot check): exit code 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** The command ran but did not achieve what was asked (a run with failed accounts, a wait that timed out): exit code 1, with a code. */
export class CommandFailedError extends Error {
  override name = "CommandFailedError";
  constructor(
    readonly code: string,
    message: string,
    /** What a script needs beyond the message (e.g. the issues of an invalid configuration), in the --json error. */
    readonly details?: unknown,
  ) {
    super(message);
  }
}
