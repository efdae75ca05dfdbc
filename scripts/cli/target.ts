/**
 * What the operator CLI works on: the running local stack (`.local/stack.json`, as `npm run job` reads
 * it) or, with `--stack <name>`, a deployed stack whose table and queues are named by its CloudFormation
 * outputs, reached with the caller's AWS credentials (the standard chain: environment, profile, SSO).
 *
 * The CLI calls the use cases directly on that table and those queues, never the HTTP API: the
 * operator's authority is its IAM identity (logged by CloudTrail), so no operator JWT has to be minted
 * for a terminal, and jobs such as a settlement run enqueue work without going through API Gateway's
 * timeouts. The same use cases and stores run as in the functions, so the rules are the same.
 */
import { CloudFormationClient, DescribeStacksCommand } from "@aws-sdk/client-cloudformation";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { SQSClient } from "@aws-sdk/client-sqs";
import { createDocumentClient } from "../../shared/data/client.ts";
import type { TableContext } from "../../shared/data/table-context.ts";
import { localAwsEnvironment } from "../lib/dynamodb-local.ts";
import type { LocalQueueUrls } from "../lib/local-sqs.ts";
import { defaultDataDirectory, readStackStateOrThrow } from "../lib/stack-state.ts";

export interface CliTarget {
  readonly kind: "local" | "deployed";
  /** For people: which stack the command worked on. */
  readonly description: string;
  readonly table: TableContext;
  readonly queueClient: SQSClient;
  readonly queueUrls: LocalQueueUrls;
  /** Every output of the deployed stack (empty on the local stack). */
  readonly stackOutputs: Readonly<Record<string, string>>;
  /** Closes the clients, so the process can exit. */
  close(): void;
}

/** A target the CLI cannot reach: exit code 1 with the reason. */
export class TargetUnavailableError extends Error {
  override name = "TargetUnavailableError";
}

/** The CloudFormation outputs the CLI reads, by the names infra/ledger-stack.ts gives them. */
export const stackOutputNames = {
  tableName: "TableName",
  outboundQueueUrl: "OutboundQueueUrl",
  billingEventsQueueUrl: "BillingEventsQueueUrl",
  billingEventsDeadLetterQueueUrl: "BillingEventsDeadLetterQueueUrl",
  settlementQueueUrl: "SettlementQueueUrl",
  settlementDeadLetterQueueUrl: "SettlementDeadLetterQueueUrl",
} as const;

export async function resolveTarget(options: {
  readonly stack?: string | undefined;
  readonly region?: string | undefined;
}): Promise<CliTarget> {
  return options.stack === undefined ? localTarget() : await deployedTarget(options.stack, options.region);
}

function localTarget(): CliTarget {
  let state: ReturnType<typeof readStackStateOrThrow>;
  try {
    state = readStackStateOrThrow(defaultDataDirectory());
  } catch (error) {
    throw new TargetUnavailableError(`${(error as Error).message} (or name a deployed stack with --stack <name>)`);
  }
  const credentials = { accessKeyId: localAwsEnvironment.AWS_ACCESS_KEY_ID, secretAccessKey: localAwsEnvironment.AWS_SECRET_ACCESS_KEY };
  const dynamoDb = new DynamoDBClient({ endpoint: state.dynamoDbEndpoint, region: state.region, credentials, maxAttempts: 3 });
  const queueClient = new SQSClient({ endpoint: state.sqsEndpoint, region: state.region, credentials, maxAttempts: 3 });
  return {
    kind: "local",
    description: `the local stack (pid ${state.pid}, table ${state.tableName})`,
    table: { documentClient: createDocumentClient(dynamoDb), tableName: state.tableName },
    queueClient,
    queueUrls: state.queueUrls,
    stackOutputs: {},
    close: () => {
      dynamoDb.destroy();
      queueClient.destroy();
    },
  };
}

async function deployedTarget(stackName: string, region: string | undefined): Promise<CliTarget> {
  const cloudFormation = new CloudFormationClient(region === undefined ? {} : { region });
  let outputs: Record<string, string>;
  try {
    const described = await cloudFormation.send(new DescribeStacksCommand({ StackName: stackName }));
    const stack = described.Stacks?.[0];
    if (!stack) throw new TargetUnavailableError(`no stack ${stackName}`);
    outputs = Object.fromEntries(
      (stack.Outputs ?? []).flatMap((output) => (output.OutputKey && output.OutputValue ? [[output.OutputKey, output.OutputValue]] : [])),
    );
  } catch (error) {
    if (error instanceof TargetUnavailableError) throw error;
    throw new TargetUnavailableError(`cannot read the outputs of stack ${stackName}: ${(error as Error).message}`);
  } finally {
    cloudFormation.destroy();
  }
  const output = (name: string) => {
    const value = outputs[name];
    if (!value) throw new TargetUnavailableError(`stack ${stackName} has no output ${name}: is it this project's stack?`);
    return value;
  };
  const clientRegion = region === undefined ? {} : { region };
  const dynamoDb = new DynamoDBClient({ ...clientRegion, maxAttempts: 3 });
  const queueClient = new SQSClient({ ...clientRegion, maxAttempts: 3 });
  const tableName = output(stackOutputNames.tableName);
  return {
    kind: "deployed",
    description: `stack ${stackName} (table ${tableName})`,
    table: { documentClient: createDocumentClient(dynamoDb), tableName },
    queueClient,
    queueUrls: {
      outbound: output(stackOutputNames.outboundQueueUrl),
      billingEvents: output(stackOutputNames.billingEventsQueueUrl),
      billingEventsDeadLetter: output(stackOutputNames.billingEventsDeadLetterQueueUrl),
      settlement: output(stackOutputNames.settlementQueueUrl),
      settlementDeadLetter: output(stackOutputNames.settlementDeadLetterQueueUrl),
    },
    stackOutputs: outputs,
    close: () => {
      dynamoDb.destroy();
      queueClient.destroy();
    },
  };
}
