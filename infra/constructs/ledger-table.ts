/**
 * The one DynamoDB table, built from the same plain-data definition the local stack and the integration
 * tests use (shared/data/table-definition.ts), so keys, indexes and TTL cannot drift between them.
 */
import { RemovalPolicy } from "aws-cdk-lib";
import { AttributeType, BillingMode, ProjectionType, StreamViewType, Table, TableEncryption } from "aws-cdk-lib/aws-dynamodb";
import type { Construct } from "constructs";
import { tableDefinition } from "../../shared/data/table-definition.ts";

export interface LedgerTableProps {
  /** Refuse DeleteTable while on; turn off only for throwaway stacks. */
  readonly deletionProtection: boolean;
}

/**
 * On-demand, point-in-time recovery, TTL on the expiry attribute, AWS-managed encryption, a stream of new
 * images (the click aggregator reads counted clicks from it), and kept (RETAIN) when the stack is deleted:
 * the ledger is the record of money owed, never disposable.
 */
export class LedgerTable extends Table {
  constructor(scope: Construct, id: string, props: LedgerTableProps) {
    super(scope, id, {
      partitionKey: { name: tableDefinition.partitionKey, type: AttributeType.STRING },
      sortKey: { name: tableDefinition.sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      timeToLiveAttribute: tableDefinition.timeToLiveAttribute,
      stream: StreamViewType[tableDefinition.streamViewType],
      encryption: TableEncryption.AWS_MANAGED,
      deletionProtection: props.deletionProtection,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const index of tableDefinition.globalSecondaryIndexes) {
      this.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
        projectionType: ProjectionType.ALL,
      });
    }
  }
}
