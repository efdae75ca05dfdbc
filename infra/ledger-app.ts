/**
 * The CDK app: reads and validates the deploy-time settings (CDK context), builds the one stack and
 * runs cdk-nag's AwsSolutions checks on it. infra/app.ts (what `cdk synth` runs) and the template tests
 * both build the app here, so the tests check what is deployed.
 *
 * Context values (`cdk deploy -c key=value`, or "context" in cdk.json); see docs/deploy.md:
 *   operatorConfigFile   JSON file with the operator configuration seeded on first deploy (default: the demo configuration)
 *   operatorTimeZone     IANA time zone of the schedules (default: the configuration's timeZone; must equal it)
 *   jwtIssuer            OIDC issuer URL of the operator's identity provider (default: a placeholder that accepts no token)
 *   jwtAudience          comma-separated audiences of its access tokens (default: "referral-ledger")
 *   deletionProtection   "true" | "false" (default: true)
 *   alarmEmail           optional address subscribed to the alarm topic
 *   referralLinkBaseUrl  https:// origin referral links are built on (a custom domain mapped to the API; default: the API's URL)
 */

import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { App, type AppProps, Validations } from "aws-cdk-lib";
import { AwsSolutionsChecks } from "cdk-nag";
import { demoOperatorConfig } from "../shared/domain/program-presets.ts";
import { type OperatorConfig, operatorConfigSchema } from "../shared/schemas/operator-config.ts";
import { isValidTimeZone } from "../shared/validators.ts";
import { LedgerStack, type LedgerStackProps } from "./ledger-stack.ts";

export const stackName = "ReferralLedgerStack";

/** Placeholders: an issuer nobody signs for, so JWT routes answer 401 until the operator sets its own. */
export const contextDefaults = {
  jwtIssuer: "https://issuer.invalid/referral-ledger",
  jwtAudience: "referral-ledger",
  deletionProtection: true,
} as const;

export interface LedgerAppOptions extends AppProps {
  /** The time of synthesis (the seeded configuration's updatedAt); injected by tests. */
  readonly now?: () => Date;
}

/** The app with its one stack and the AwsSolutions checks; `app.synth()` fails on any unacknowledged finding. */
export function createLedgerApp(options: LedgerAppOptions = {}): { app: App; stack: LedgerStack } {
  const { now = () => new Date(), ...appProps } = options;
  const app = new App(appProps);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const stack = new LedgerStack(app, stackName, {
    ...ledgerStackPropsFromContext(app),
    seededAt: now(),
    description: "Referral and partner-program ledger: links, attribution, credits, commissions, discounts",
  });
  return { app, stack };
}

/** The stack's settings from CDK context, validated; throws (failing synth) with the reason. */
export function ledgerStackPropsFromContext(app: App): Omit<LedgerStackProps, "seededAt"> {
  const context = (key: string): string | undefined => {
    const value: unknown = app.node.tryGetContext(key);
    if (value === undefined || value === null || value === "") return undefined;
    return String(value);
  };

  const operatorConfig = loadOperatorConfigOrThrow(context("operatorConfigFile"));
  const operatorTimeZone = context("operatorTimeZone") ?? operatorConfig.timeZone;
  if (!isValidTimeZone(operatorTimeZone)) throw new Error(`context operatorTimeZone: "${operatorTimeZone}" is not an IANA time zone`);
  if (operatorTimeZone !== operatorConfig.timeZone) {
    throw new Error(
      `context operatorTimeZone (${operatorTimeZone}) differs from the operator configuration's timeZone (${operatorConfig.timeZone}): settlement periods and schedules must use the same zone`,
    );
  }

  const jwtIssuer = context("jwtIssuer") ?? contextDefaults.jwtIssuer;
  if (!/^https:\/\/[^\s]+$/.test(jwtIssuer)) throw new Error(`context jwtIssuer: "${jwtIssuer}" must be an https:// URL (the OIDC issuer)`);
  const jwtAudience = (context("jwtAudience") ?? contextDefaults.jwtAudience)
    .split(",")
    .map((audience) => audience.trim())
    .filter((audience) => audience.length > 0);
  if (jwtAudience.length === 0) throw new Error("context jwtAudience: give at least one audience");

  const deletionProtectionText = context("deletionProtection") ?? String(contextDefaults.deletionProtection);
  if (deletionProtectionText !== "true" && deletionProtectionText !== "false") {
    throw new Error(`context deletionProtection: "${deletionProtectionText}" must be true or false`);
  }

  const alarmEmail = context("alarmEmail");
  if (alarmEmail !== undefined && !/^[^\s@]+@[^\s@]+$/.test(alarmEmail))
    throw new Error(`context alarmEmail: "${alarmEmail}" is not an e-mail address`);

  const referralLinkBaseUrl = context("referralLinkBaseUrl");
  if (referralLinkBaseUrl !== undefined && !/^https:\/\/[A-Za-z0-9.-]+(:\d+)?\/?$/.test(referralLinkBaseUrl))
    throw new Error(`context referralLinkBaseUrl: "${referralLinkBaseUrl}" must be an https:// origin such as https://go.example.com`);

  return {
    operatorConfig,
    operatorTimeZone,
    jwtIssuer,
    jwtAudience,
    deletionProtection: deletionProtectionText === "true",
    alarmEmail,
    ...(referralLinkBaseUrl !== undefined ? { referralLinkBaseUrl } : {}),
  };
}

/** The configuration to seed: the file when given (JSON, relative to the working directory), else the demo configuration. */
export function loadOperatorConfigOrThrow(file: string | undefined): OperatorConfig {
  let input: unknown = demoOperatorConfig;
  if (file !== undefined) {
    const path = resolve(file);
    let text: string;
    try {
      text = readFileSync(path, "utf8");
    } catch (error) {
      throw new Error(`context operatorConfigFile: cannot read ${path}: ${(error as Error).message}`);
    }
    try {
      input = JSON.parse(text);
    } catch (error) {
      throw new Error(`context operatorConfigFile: ${path} is not JSON: ${(error as Error).message}`);
    }
  }
  const parsed = operatorConfigSchema.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `  ${issue.path.join(".") || "(root)"}: ${issue.message}`).join("\n");
    throw new Error(`the operator configuration${file ? ` in ${file}` : ""} is invalid:\n${issues}`);
  }
  return parsed.data;
}
