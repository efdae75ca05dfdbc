/** What every store needs: the document client and the table's name. Built once per container. */
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { runtimeConfig } from "../config.ts";
import { sharedDocumentClient } from "./client.ts";

export interface TableContext {
  readonly documentClient: DynamoDBDocumentClient;
  readonly tableName: string;
}

export function defaultTableContext(): TableContext {
  return { documentClient: sharedDocumentClient(), tableName: runtimeConfig().TABLE_NAME };
}
