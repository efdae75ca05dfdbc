/**
 * Seeds the operator configuration item at deploy time, only when it does not exist yet: the PutItem is
 * conditioned on attribute_not_exists, so the operator's later edits are never overwritten by a deploy.
 * It runs on every deploy that changes it (the timestamp changes each synth), which also restores a
 * deleted configuration item.
 *
 * The item has the shape shared/data/operator-config-store.ts save() writes; the template test reads it
 * back through that store.
 */
import { Stack, Validations } from "aws-cdk-lib";
import type { ITable } from "aws-cdk-lib/aws-dynamodb";
import { PolicyStatement } from "aws-cdk-lib/aws-iam";
import { LogGroup, RetentionDays } from "aws-cdk-lib/aws-logs";
import { AwsCustomResource, AwsCustomResourcePolicy, type AwsSdkCall, PhysicalResourceId } from "aws-cdk-lib/custom-resources";
import { Construct } from "constructs";
import { keys } from "../../shared/data/keys.ts";
import { tableDefinition } from "../../shared/data/table-definition.ts";
import type { OperatorConfig } from "../../shared/schemas/operator-config.ts";

/** A DynamoDB AttributeValue (the low-level JSON the PutItem API takes). */
export type AttributeValue =
  | { S: string }
  | { N: string }
  | { BOOL: boolean }
  | { NULL: true }
  | { L: AttributeValue[] }
  | { M: Record<string, AttributeValue> };

/** Plain JSON data (a validated configuration) to DynamoDB's typed JSON; undefined members are left out, as the document client does. */
export function toAttributeValue(value: unknown): AttributeValue {
  if (value === null) return { NULL: true };
  if (typeof value === "string") return { S: value };
  if (typeof value === "boolean") return { BOOL: value };
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`cannot store the non-finite number ${value}`);
    return { N: String(value) };
  }
  if (Array.isArray(value)) return { L: value.map(toAttributeValue) };
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, member]) => member !== undefined);
    return { M: Object.fromEntries(entries.map(([name, member]) => [name, toAttributeValue(member)])) };
  }
  throw new Error(`cannot store a value of type ${typeof value} in the configuration item`);
}

/** The construct id aws-cdk-lib gives the stack-wide AwsCustomResource provider (a SingletonFunction uuid). */
const awsCustomResourceProviderId = "AWS679f53fac002430cb0da5b7982bd2287";

export interface OperatorConfigSeedProps {
  readonly table: ITable;
  /** Already validated with operatorConfigSchema (the parsed output, defaults applied). */
  readonly config: OperatorConfig;
  /** Written as the item's updatedAt. */
  readonly seededAt: Date;
}

export class OperatorConfigSeed extends Construct {
  constructor(scope: Construct, id: string, props: OperatorConfigSeedProps) {
    super(scope, id);
    const item = { ...keys.operatorConfig(), entityType: "OperatorConfig", config: props.config, updatedAt: props.seededAt.toISOString() };
    const putIfAbsent: AwsSdkCall = {
      service: "DynamoDB",
      action: "PutItem",
      parameters: {
        TableName: props.table.tableName,
        Item: (toAttributeValue(item) as { M: Record<string, AttributeValue> }).M,
        // Never overwrite: after the first deploy the configuration belongs to the operator.
        ConditionExpression: `attribute_not_exists(${tableDefinition.partitionKey})`,
      },
      physicalResourceId: PhysicalResourceId.of("operator-config-seed"),
      ignoreErrorCodesMatching: "ConditionalCheckFailedException",
    };
    new AwsCustomResource(this, "PutIfAbsent", {
      onCreate: putIfAbsent,
      onUpdate: putIfAbsent,
      // PutItem of the configuration item only (dynamodb:LeadingKeys = its partition key).
      policy: AwsCustomResourcePolicy.fromStatements([
        new PolicyStatement({
          actions: ["dynamodb:PutItem"],
          resources: [props.table.tableArn],
          conditions: { "ForAllValues:StringLike": { "dynamodb:LeadingKeys": [keys.operatorConfig().pk] } },
        }),
      ]),
      installLatestAwsSdk: false,
      logGroup: new LogGroup(this, "Logs", { retention: RetentionDays.ONE_MONTH }),
    });
    // The provider is one function per stack, shared by every AwsCustomResource; it is not under this construct.
    const provider = Stack.of(this).node.tryFindChild(awsCustomResourceProviderId);
    if (!provider) throw new Error("AwsCustomResource created no provider function: its construct id has changed in aws-cdk-lib");
    Validations.of(provider).acknowledge({
      id: "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]",
      reason:
        "CDK's AwsCustomResource provider function (runs at deploy time only) comes with the AWS managed basic execution role; its only other permission is PutItem of the configuration item (partition OPERATOR) on the ledger table.",
    });
  }
}
