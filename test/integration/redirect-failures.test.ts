/**
 * The redirect never fails a visitor because of the table: DynamoDB Local cannot throttle or conflict on
 * demand, so aws-sdk-client-mock plays ThrottlingException, ProvisionedThroughputExceededException and
 * TransactionConflictException on a client of its own while everything else goes to DynamoDB Local.
 */
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { mockClient } from "aws-sdk-client-mock";
import { beforeAll, describe, expect, it, vi } from "vitest";

await vi.hoisted(() => import("../support/handler-environment.ts"));

import { createRedirectHandler } from "../../functions/http/redirect.ts";
import { createRedirectDependencies } from "../../functions/wiring/redirect.ts";
import { createDocumentClient } from "../../shared/data/client.ts";
import { ensureReferralLink } from "../../shared/use-cases/ensure-referral-link.ts";
import { localDynamoDbClient } from "../support/dynamodb.ts";
import { httpEvent, invoke } from "../support/http-events.ts";
import { createReferralTestSetup, type ReferralTestSetup, testHashSalt } from "../support/referral-setup.ts";

let setup: ReferralTestSetup;
let code: string;

beforeAll(async () => {
  setup = await createReferralTestSetup();
  code = (await ensureReferralLink(setup.dependencies(), "acct-failures", "ex2-credit")).link.code;
});

type TableErrorName = "ThrottlingException" | "ProvisionedThroughputExceededException" | "TransactionConflictException";

function tableError(name: TableErrorName = "ThrottlingException"): Error {
  return Object.assign(new Error(`${name} (played by aws-sdk-client-mock)`), { name, $metadata: { httpStatusCode: 400 } });
}

/** How many puts the last client built below received (each one request: the SDK's retries are below the mock). */
let failedPuts = () => 0;

/** A document client that fails the commands `failing` selects and sends the rest to DynamoDB Local. */
function throttlingClient(failing: { codeReads: boolean; clickWrites: boolean; error?: TableErrorName }): DynamoDBDocumentClient {
  const real = createDocumentClient(localDynamoDbClient(setup.table.endpoint));
  const client = createDocumentClient(localDynamoDbClient(setup.table.endpoint));
  const mock = mockClient(client);
  failedPuts = () => mock.commandCalls(PutCommand).length;
  mock.on(GetCommand).callsFake(async (input: ConstructorParameters<typeof GetCommand>[0]) => {
    if (failing.codeReads && String(input.Key?.pk).startsWith("CODE#")) throw tableError(failing.error);
    return await real.send(new GetCommand(input));
  });
  mock.on(PutCommand).callsFake(async (input: ConstructorParameters<typeof PutCommand>[0]) => {
    if (failing.clickWrites) throw tableError(failing.error);
    return await real.send(new PutCommand(input));
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

  it.each(["ThrottlingException", "ProvisionedThroughputExceededException", "TransactionConflictException"] as const)(
    "reaches the page, with a click id, when the click's put fails with %s",
    async (error) => {
      const response = await invoke(
        handlerOn(throttlingClient({ codeReads: false, clickWrites: true, error })),
        httpEvent({ route: "/r/{link+}", path: `/r/${code}/pricing`, sourceIp: `192.0.2.${error.length}` }),
      );
      expect(response.statusCode).toBe(302);
      const location = new URL(response.headers!.location as string);
      expect(location.pathname).toBe("/pricing");
      expect(location.searchParams.get("ref_click")).toMatch(new RegExp(`^ck_${code}_`));
      expect(failedPuts()).toBe(1); // the click's one request was made, and failed
      await setup.aggregateClicks();
      const stats = await setup.dependencies().referralStore.readStats(code, "2026-03-01");
      expect(stats.code?.clickCount).toBe(0); // nothing was written: nothing in the stream
    },
  );

  it("counts the click when the put goes through after a failure of the one before", async () => {
    const client = throttlingClient({ codeReads: false, clickWrites: false });
    const failing = handlerOn(throttlingClient({ codeReads: false, clickWrites: true, error: "TransactionConflictException" }));
    const working = handlerOn(client);
    const visit = (handler: typeof working) =>
      invoke(handler, httpEvent({ route: "/r/{link+}", path: `/r/${code}`, sourceIp: "192.0.2.200" }));
    expect((await visit(failing)).statusCode).toBe(302);
    expect((await visit(working)).statusCode).toBe(302);
    await setup.aggregateClicks();
    expect((await setup.dependencies().referralStore.readStats(code, "2026-03-01")).code?.clickCount).toBe(1);
  });
});
