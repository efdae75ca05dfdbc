/**
 * The single table, as plain data. The CDK stack (infra/), the local stack and the integration tests
 * all build the table from this one definition, so they cannot drift.
 */
export const tableDefinition = {
  partitionKey: "pk",
  sortKey: "sk",
  /** Items that may expire (repeat-click markers) carry an epoch-seconds TTL in this attribute. */
  timeToLiveAttribute: "expiresAtEpochSeconds",
  globalSecondaryIndexes: [
    { indexName: "gsi1", partitionKey: "gsi1pk", sortKey: "gsi1sk" },
    { indexName: "gsi2", partitionKey: "gsi2pk", sortKey: "gsi2sk" },
  ],
} as const;

export type IndexName = (typeof tableDefinition.globalSecondaryIndexes)[number]["indexName"];

/** The CreateTable input for DynamoDB Local (on-demand, same keys and indexes as the stack). */
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
  };
}
