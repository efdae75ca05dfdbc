/**
 * `npm run cli -- <command>`: the operator's commands (scripts/cli/program.ts; one file per command in
 * scripts/cli/commands/). `npm run cli -- --help` lists them.
 *
 *   npm run cli -- withdrawals list --status requested
 *   npm run cli -- withdrawals pay wd-2026-11-0001 --reference SEPA-20261117-0042
 *   npm run cli -- --json --stack referral-ledger withdrawals fail wd-2026-11-0002 --reason "IBAN rejected"
 */
import { runCli } from "./cli/program.ts";

// The SDK warns on every start that its 2027 releases need Node 22; the local tools run on Node 20 on purpose.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

process.exit(await runCli(process.argv.slice(2)));
