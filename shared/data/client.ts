/**
 * One DynamoDB document client and one SQS client per container. Endpoints come from the standard
 * AWS_ENDPOINT_URL_DYNAMODB / AWS_ENDPOINT_URL_SQS variables, which the local stack and the tests set
 * to DynamoDB Local and the local SQS server; in AWS they are unset.
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { SQSClient } from "@aws-sdk/client-sqs";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";

/**
 * The SDK's logger middleware copies every request's input and every answer's output through the operation's
 * sensitive-field filter before it hands them to the client's logger, also to the default logger, which logs nothing:
 * a walk of every transaction's items for nothing (about 3 % of the billing-events consumer's CPU in `npm run bench`'s
 * profile). No client here has a logger (failures are logged by the code that sees them, with their context), so the
 * middleware is removed.
 */
export function withoutSdkLogging<Client extends { middlewareStack: { remove(name: string): boolean } }>(client: Client): Client {
  client.middlewareStack.remove("loggerMiddleware");
  return client;
}

export function createDocumentClient(client: DynamoDBClient = new DynamoDBClient({ maxAttempts: 3 })): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(withoutSdkLogging(client), {
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
  queueClient ??= withoutSdkLogging(new SQSClient({ maxAttempts: 3 }));
  return queueClient;
}
