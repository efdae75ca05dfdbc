/**
 * The redirect never fails a visitor because of the table: DynamoDB Local cannot throttle on demand, so
 * aws-sdk-client-mock plays ThrottlingException on a client of its own while everything else goes to
 * DynamoDB Local.
 */
import { type DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import { mockClient } from "aws-sdk-client-mock";
import { beforeAll, describe, expect, it, vi } from "vitest";

await vi.hoisted(() => import("../support/handler-environment.ts"));

import { createRedirectHandler } from "../../functions/http/redirect.ts";
import { createDocumentClient } from "../../shared/data/client.ts";
import { createRedirectDependencies } from "../../shared/use-cases/redirect-dependencies.ts";
import { localDynamoDbClient } from "../support/dynamodb.ts";
import { httpEvent, invoke } from "../support/http-events.ts";
import { createReferralTestSetup, type ReferralTestSetup, testHashSalt } from "../support/referral-setup.ts";

let setup: ReferralTestSetup;
let code: string;

beforeAll(async () => {
  setup = await createReferralTestSetup();
  code = (await setup.dependencies().referralStore.ensureReferralLink("acct-failures", "ex2-credit")).link.code;
});

function throttling(): Error {
  return Object.assign(new Error("Rate of requests exceeds the allowed throughput."), {
    name: "ThrottlingException",
    $metadata: { httpStatusCode: 400 },
  });
}

/** A document client that throttles the commands `failing` selects and sends the rest to DynamoDB Local. */
function throttlingClient(failing: { codeReads: boolean; clickWrites: boolean }): DynamoDBDocumentClient {
  const real = createDocumentClient(localDynamoDbClient(setup.table.endpoint));
  const client = createDocumentClient(localDynamoDbClient(setup.table.endpoint));
  const mock = mockClient(client);
  mock.on(GetCommand).callsFake(async (input: ConstructorParameters<typeof GetCommand>[0]) => {
    if (failing.codeReads && String(input.Key?.pk).startsWith("CODE#")) throw throttling();
    return await real.send(new GetCommand(input));
  });
  mock.on(TransactWriteCommand).callsFake(async (input: ConstructorParameters<typeof TransactWriteCommand>[0]) => {
    if (failing.clickWrites) throw throttling();
    return await real.send(new TransactWriteCommand(input));
  });
  return client;
}

function handlerOn(documentClient: DynamoDBDocumentClient) {
  return createRedirectHandler(
    createRedirectDependencies({ table: { documentClient, tableName: setup.table.tableName }, clock: setup.clock, hashSalt: testHashSalt }),
  );
}

describe("a visitor always reaches the site", () => {
  it("goes to the home page when the code cannot be read", async () => {
    const response = await invoke(
      handlerOn(throttlingClient({ codeReads: true, clickWrites: false })),
      httpEvent({ route: "/r/{link+}", path: `/r/${code}/pricing` }),
    );
    expect(response.statusCode).toBe(302);
    expect(response.headers!.location).toBe("https://www.example.com/");
  });

  it("reaches the page, with a click id, when the click cannot be counted", async () => {
    const response = await invoke(
      handlerOn(throttlingClient({ codeReads: false, clickWrites: true })),
      httpEvent({ route: "/r/{link+}", path: `/r/${code}/pricing` }),
    );
    expect(response.statusCode).toBe(302);
    const location = new URL(response.headers!.location as string);
    expect(location.pathname).toBe("/pricing");
    expect(location.searchParams.get("ref_click")).toMatch(new RegExp(`^ck_${code}_`));
    const stats = await setup.dependencies().referralStore.readStats(code, "2026-03-01");
    expect(stats.code?.clickCount).toBe(0);
  });
});
