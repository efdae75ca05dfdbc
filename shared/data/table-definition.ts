/**
 * The single table, as plain data. The CDK stack (infra/), the local stack and the integration tests
 * all build the table from this one definition, so they cannot drift.
 */
export const tableDefinition = {
  partitionKey: "pk",
  sortKey: "sk",
  /** Items that may expire (repeat-click markers) carry an epoch-seconds TTL in this attribute. */
  timeToLiveAttribute: "expiresAtEpochSeconds",
  /**
   * The table's stream carries each item's new image: the click aggregator (functions/streams/aggregate-clicks.ts)
   * reads the counted clicks from it and adds them to the code's and the day's counters.
   */
  streamViewType: "NEW_IMAGE",
  globalSecondaryIndexes: [
    { indexName: "gsi1", partitionKey: "gsi1pk", sortKey: "gsi1sk" },
    { indexName: "gsi2", partitionKey: "gsi2pk", sortKey: "gsi2sk" },
    // Sparse: only transfers with an operator side carry its keys (the operator's ledger, AP35).
    { indexName: "gsi3", partitionKey: "gsi3pk", sortKey: "gsi3sk" },
  ],
} as const;

export type IndexName = (typeof tableDefinition.globalSecondaryIndexes)[number]["indexName"];

/** The CreateTable input for DynamoDB Local (on-demand, same keys, indexes and stream as the stack). */
export function createTableInput(tableName: string) {
  const keyAttributes = [
    tableDefinition.partitionKey,
    tableDefinition.sortKey,
    ...tableDefinition.globalSecondaryIndexes.flatMap((index) => [index.partitionKey, index.sortKey]),
  ];
  return {
    TableName: tableName,
    BillingMode: "PAY_PER_REQUEST" as const,
    AttributeDefinitions: keyAttributes.map((name) => ({ AttributeName: name, AttributeType: "S" as const })),
    KeySchema: [
      { AttributeName: tableDefinition.partitionKey, KeyType: "HASH" as const },
      { AttributeName: tableDefinition.sortKey, KeyType: "RANGE" as const },
    ],
    GlobalSecondaryIndexes: tableDefinition.globalSecondaryIndexes.map((index) => ({
      IndexName: index.indexName,
      KeySchema: [
        { AttributeName: index.partitionKey, KeyType: "HASH" as const },
        { AttributeName: index.sortKey, KeyType: "RANGE" as const },
      ],
      Projection: { ProjectionType: "ALL" as const },
    })),
    StreamSpecification: { StreamEnabled: true, StreamViewType: tableDefinition.streamViewType },
  };
}
