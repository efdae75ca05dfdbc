/**
 * One DynamoDB document client and one SQS client per container. Endpoints come from the standard
 * AWS_ENDPOINT_URL_DYNAMODB / AWS_ENDPOINT_URL_SQS variables, which the local stack and the tests set
 * to DynamoDB Local and the local SQS server; in AWS they are unset.
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { SQSClient } from "@aws-sdk/client-sqs";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";

export function createDocumentClient(client: DynamoDBClient = new DynamoDBClient({ maxAttempts: 3 })): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertEmptyValues: false },
    unmarshallOptions: { wrapNumbers: false },
  });
}

let documentClient: DynamoDBDocumentClient | undefined;
let queueClient: SQSClient | undefined;

export function sharedDocumentClient(): DynamoDBDocumentClient {
  documentClient ??= createDocumentClient();
  return documentClient;
}

export function sharedQueueClient(): SQSClient {
  queueClient ??= new SQSClient({ maxAttempts: 3 });
  return queueClient;
}
