/**
 * The functions' AWS clients (shared/data/client.ts) carry no SDK logger middleware: it would copy every request and
 * answer through the sensitive-field filter for a logger that logs nothing. A client that lost it still sends (the
 * request reaches the handler at the end of the stack) and still fails loudly.
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { SQSClient } from "@aws-sdk/client-sqs";
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { createDocumentClient, sharedQueueClient, withoutSdkLogging } from "../../shared/data/client.ts";

const namesOf = (client: { middlewareStack: { identify(): string[] } }) => client.middlewareStack.identify().join("\n");

describe("the functions' AWS clients", () => {
  it("come without the SDK's logger middleware, which a plain client has", () => {
    expect(namesOf(new DynamoDBClient({ region: "eu-central-1" }))).toContain("loggerMiddleware");
    expect(namesOf(withoutSdkLogging(new DynamoDBClient({ region: "eu-central-1" })))).not.toContain("loggerMiddleware");
    expect(namesOf(withoutSdkLogging(new SQSClient({ region: "eu-central-1" })))).not.toContain("loggerMiddleware");
    expect(namesOf(sharedQueueClient())).not.toContain("loggerMiddleware");
  });

  it("still send their requests and report their failures", async () => {
    const client = new DynamoDBClient({
      region: "eu-central-1",
      endpoint: "http://127.0.0.1:9",
      credentials: { accessKeyId: "x", secretAccessKey: "x" },
      maxAttempts: 1,
    });
    const documentClient = createDocumentClient(client);
    expect(namesOf(documentClient)).not.toContain("loggerMiddleware");
    await expect(documentClient.send(new GetCommand({ TableName: "t", Key: { pk: "a", sk: "b" } }))).rejects.toThrow();
  });
});
