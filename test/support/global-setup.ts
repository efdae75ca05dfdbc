/**
 * Starts one DynamoDB Local (in memory, real engine) for the whole run and hands its endpoint to every
 * test worker. Each test file creates its own table (see dynamodb.ts), so files never see each other.
 */
import type { TestProject } from "vitest/node";
import { localAwsEnvironment, type RunningDynamoDbLocal, startDynamoDbLocal } from "../../scripts/lib/dynamodb-local.ts";

let running: RunningDynamoDbLocal | undefined;

export async function setup(project: TestProject): Promise<void> {
  running = await startDynamoDbLocal();
  project.provide("dynamoDbEndpoint", running.endpoint);
  Object.assign(process.env, localAwsEnvironment, { AWS_ENDPOINT_URL_DYNAMODB: running.endpoint });
}

export async function teardown(): Promise<void> {
  await running?.stop();
}

declare module "vitest" {
  export interface ProvidedContext {
    dynamoDbEndpoint: string;
  }
}
