/**
 * One Lambda function per entry of the catalog, with the same defaults everywhere, and the helpers that
 * give a function a resource: each grants the permission AND sets the environment variable the code
 * reads (shared/config.ts), in one call, so a function never has a variable without the grant or a
 * grant without the variable.
 */

import { fileURLToPath } from "node:url";
import { Duration } from "aws-cdk-lib";
import type { ITable } from "aws-cdk-lib/aws-dynamodb";
import { PolicyStatement, Role, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import { Architecture, Runtime } from "aws-cdk-lib/aws-lambda";
import { LogLevel, NodejsFunction, OutputFormat } from "aws-cdk-lib/aws-lambda-nodejs";
import { LogGroup, RetentionDays } from "aws-cdk-lib/aws-logs";
import type { ISecret } from "aws-cdk-lib/aws-secretsmanager";
import type { IQueue } from "aws-cdk-lib/aws-sqs";
import type { Construct } from "constructs";
import { environmentVariables } from "../../shared/config.ts";
import { serviceName } from "../../shared/observability.ts";
import { esbuildTarget, esmRequireBanner, externalModulesOf } from "../bundling.ts";
import type { FunctionSpec, TableAction, TableGrants } from "../catalog.ts";

/** The repository root: entry paths in the catalog are relative to it. */
export const repositoryRoot = fileURLToPath(new URL("../../", import.meta.url));

/** Node 24: the newest Lambda Node runtime (cdk-nag L1; infra/bundling.ts targets it); the code also runs on the local Node 20. */
export const lambdaRuntime = Runtime.NODEJS_24_X;

/** Defaults for a function whose catalog entry does not say. HTTP functions must answer well under API Gateway's 30 s. */
export const memoryMegabytesDefault = 256;
const timeoutSecondsDefault = 10;
const logRetention = RetentionDays.ONE_MONTH;

/** Construct ids and logical ids in PascalCase: "get-balance" → "GetBalance". */
export function pascalCase(name: string): string {
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part.length > 0)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join("");
}

/**
 * The function for one catalog entry: bundled locally by esbuild (no Docker), arm64, its own log group
 * with a retention, and a role that may write only to that log group (no managed policy). It has no
 * other permission until a bind helper below gives it one.
 */
export function createLedgerFunction(scope: Construct, spec: FunctionSpec): NodejsFunction {
  const id = pascalCase(spec.name);
  const logGroup = new LogGroup(scope, `${id}Logs`, { retention: logRetention });
  const role = new Role(scope, `${id}Role`, {
    assumedBy: new ServicePrincipal("lambda.amazonaws.com"),
    description: `Execution role of the ${spec.name} function`,
  });
  logGroup.grantWrite(role);
  const fn = new NodejsFunction(scope, id, {
    entry: `${repositoryRoot}${spec.entry}`,
    handler: "handler",
    projectRoot: repositoryRoot,
    depsLockFilePath: `${repositoryRoot}package-lock.json`,
    description: spec.description,
    runtime: lambdaRuntime,
    architecture: Architecture.ARM_64,
    memorySize: spec.memoryMegabytes ?? memoryMegabytesDefault,
    timeout: Duration.seconds(spec.timeoutSeconds ?? timeoutSecondsDefault),
    role,
    logGroup,
    environment: {
      POWERTOOLS_SERVICE_NAME: serviceName,
      NODE_OPTIONS: "--enable-source-maps",
    },
    bundling: {
      externalModules: externalModulesOf(spec),
      minify: true,
      sourceMap: true,
      target: esbuildTarget,
      format: OutputFormat.ESM,
      mainFields: ["module", "main"],
      banner: esmRequireBanner,
      tsconfig: `${repositoryRoot}tsconfig.json`,
      logLevel: LogLevel.WARNING,
      // The widget's script (widget/build.ts), built from its source at synthesis into the function's package.
      ...(spec.packagesWidgetScript
        ? {
            commandHooks: {
              beforeBundling: () => [],
              beforeInstall: () => [],
              afterBundling: (inputDir: string, outputDir: string) => [
                `cd "${inputDir}" && node --import tsx widget/build.ts "${outputDir}/referral-dashboard.js"`,
              ],
            },
          }
        : {}),
    },
  });
  // The role must exist with its log grant before the function is created, or the first cold start's logs are lost.
  fn.node.addDependency(role);
  return fn;
}

/** The timeout a function was given from its catalog entry (the stack sizes queue visibility from it). */
export function timeoutSecondsOf(spec: FunctionSpec): number {
  return spec.timeoutSeconds ?? timeoutSecondsDefault;
}

/**
 * Table access for a function, exactly as its catalog entry lists it, and TABLE_NAME. Each action is
 * allowed on the table only for the partition keys listed (dynamodb:LeadingKeys, ForAllValues:StringLike:
 * every key a request touches must match one of them; a BatchGetItem's keys all of them), actions with
 * the same keys in one statement. An index query is allowed on that index's ARN only: no wildcard, and
 * no LeadingKeys condition, which IAM defines on the table's partition key.
 */
export function bindTable(fn: NodejsFunction, table: ITable, grants: TableGrants): void {
  const actionsByPartitionKeys = new Map<string, TableAction[]>();
  for (const [action, partitionKeys] of Object.entries(grants.actions) as [TableAction, readonly string[]][]) {
    if (partitionKeys.length === 0) throw new Error(`${fn.node.id}: ${action} is listed without a partition key`);
    const group = JSON.stringify([...partitionKeys].sort());
    actionsByPartitionKeys.set(group, [...(actionsByPartitionKeys.get(group) ?? []), action]);
  }
  for (const [group, actions] of actionsByPartitionKeys) {
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: actions.sort(),
        resources: [table.tableArn],
        conditions: { "ForAllValues:StringLike": { "dynamodb:LeadingKeys": JSON.parse(group) as string[] } },
      }),
    );
  }
  for (const indexName of grants.indexQueries ?? []) {
    fn.addToRolePolicy(new PolicyStatement({ actions: ["dynamodb:Query"], resources: [`${table.tableArn}/index/${indexName}`] }));
  }
  fn.addEnvironment(environmentVariables.tableName, table.tableName);
}

/** The environment variables that carry a queue URL, one per queue a function may send to. */
export type QueueUrlVariable =
  | typeof environmentVariables.outboundQueueUrl
  | typeof environmentVariables.billingEventsDeadLetterQueueUrl
  | typeof environmentVariables.settlementQueueUrl;

/**
 * Permission to send to one queue, with its URL in the named variable: sqs:SendMessage only (the code
 * has the URL, so it needs neither GetQueueUrl nor GetQueueAttributes that grantSendMessages adds; the
 * queues use SSE-SQS, so no KMS grant either).
 */
export function bindQueueForSending(fn: NodejsFunction, queue: IQueue, urlVariable: QueueUrlVariable): void {
  fn.addToRolePolicy(new PolicyStatement({ actions: ["sqs:SendMessage"], resources: [queue.queueArn] }));
  fn.addEnvironment(urlVariable, queue.queueUrl);
}

/** REFERRAL_LINK_BASE_URL: the public address referral links are built on (no permission goes with it). */
export function bindReferralLinkBaseUrl(fn: NodejsFunction, baseUrl: string): void {
  fn.addEnvironment(environmentVariables.referralLinkBaseUrl, baseUrl);
}

/**
 * JWT_ISSUER and JWT_AUDIENCE for the request authorizer: the same identity provider as the HTTP API's JWT
 * authorizer (no permission goes with them: the keys are public, fetched from the issuer).
 */
export function bindJwtVerification(fn: NodejsFunction, issuer: string, audiences: readonly string[]): void {
  fn.addEnvironment(environmentVariables.jwtIssuer, issuer);
  fn.addEnvironment(environmentVariables.jwtAudience, audiences.join(","));
}

/**
 * HASH_SALT from the generated secret, resolved by CloudFormation at deploy time (a dynamic reference):
 * the value never appears in the template or the cloud assembly, and the function needs no runtime
 * call (nor permission) to Secrets Manager.
 */
export function bindHashSalt(fn: NodejsFunction, hashSalt: ISecret): void {
  fn.addEnvironment(environmentVariables.hashSalt, hashSalt.secretValue.unsafeUnwrap());
}
