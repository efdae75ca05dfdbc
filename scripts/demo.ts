/**
 * `npm run demo`: a scripted scenario on the RUNNING local stack (`npm start` in another terminal), with
 * real HTTP and the real SQS client, as the operator's sign-up page and billing system would do it:
 *
 *  1. an Ex2 referrer and a Zadarma partner take their referral links; a visitor clicks each;
 *  2. both visitors sign up (POST /attributions with the click id, as the operator);
 *  3. the billing system sends: an issued and a paid invoice, a second paid invoice and a partial
 *     refund for the Ex2 customer; two recharges for the Zadarma customer, one of them delivered twice;
 *     and one malformed message;
 *  4. the demo waits until the consumer has applied them (polling the API), then prints both ledgers
 *     and balances, the credit messages on the outbound queue, and the malformed message in the
 *     dead-letter queue with its reason.
 *
 * Every run uses new account and event ids, so it can be run again and again.
 */

import { randomBytes } from "node:crypto";
import { DeleteMessageCommand, type Message, ReceiveMessageCommand, SendMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { formatMoney } from "../shared/domain/money.ts";
import type { BillingEventInput } from "../shared/schemas/billing-events.ts";
import { balancesResponseSchema, type LedgerEntry, ledgerPageSchema } from "../shared/schemas/ledger-api.ts";
import { isCreditMessage, outboundMessageSchema } from "../shared/schemas/outbound-messages.ts";
import { localAwsEnvironment } from "./lib/dynamodb-local.ts";
import { readStackState, type StackState } from "./lib/stack-state.ts";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

const browser = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
const waitSeconds = 45;

function section(title: string): void {
  console.log(`\n== ${title} ${"=".repeat(Math.max(0, 76 - title.length))}`);
}

function table(headers: readonly string[], rows: readonly (readonly string[])[], rightAligned: readonly number[] = []): void {
  const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: readonly string[]) =>
    cells.map((cell, column) => (rightAligned.includes(column) ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!))).join("  ");
  console.log(line(headers));
  console.log(widths.map((width) => "-".repeat(width)).join("  "));
  for (const row of rows) console.log(line(row));
}

async function api(
  state: StackState,
  method: string,
  path: string,
  token: string,
  body?: unknown,
): Promise<{ status: number; json: unknown; headers: Headers }> {
  const response = await fetch(`${state.apiUrl}${path}`, {
    method,
    redirect: "manual",
    headers: {
      authorization: `Bearer dev:${token}`,
      "user-agent": browser,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, json: text ? (JSON.parse(text) as unknown) : undefined, headers: response.headers };
}

async function expectStatus(
  state: StackState,
  method: string,
  path: string,
  token: string,
  body: unknown,
  statuses: readonly number[],
): Promise<Record<string, unknown>> {
  const result = await api(state, method, path, token, body);
  if (!statuses.includes(result.status)) throw new Error(`${method} ${path} answered ${result.status}: ${JSON.stringify(result.json)}`);
  return result.json as Record<string, unknown>;
}

/** The referrer's link in a program, a visitor's click on it (302 with a click id), and the visitor's sign-up. */
async function referViaLink(
  state: StackState,
  referrer: string,
  programId: string,
  referee: string,
): Promise<{ link: string; clickId: string }> {
  const overview = await expectStatus(state, "GET", `/accounts/${referrer}/referral?programId=${programId}`, referrer, undefined, [200]);
  const link = String(overview.link);
  const click = await fetch(`${link}/pricing?utm_source=demo`, {
    redirect: "manual",
    headers: { "user-agent": browser, "x-forwarded-for": `198.51.100.${Math.floor(Math.random() * 200) + 1}` },
  });
  const location = click.headers.get("location") ?? "";
  const clickId = new URL(location).searchParams.get("ref_click");
  if (click.status !== 302 || !clickId)
    throw new Error(`the referral link ${link} answered ${click.status} ${location} without a click id`);
  console.log(`  ${referrer} shares ${link}; a visitor clicks → 302 ${location}`);
  await expectStatus(state, "POST", "/attributions", "operator", { refereeAccountId: referee, clickId }, [201]);
  console.log(`  the visitor signs up as ${referee}: POST /attributions → 201 (referred by ${referrer}, program ${programId})`);
  return { link, clickId };
}

async function send(sqs: SQSClient, queueUrl: string, body: string, label: string): Promise<void> {
  await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: body }));
  console.log(`  sent ${label}`);
}

async function ledgerOf(state: StackState, accountId: string): Promise<LedgerEntry[]> {
  const page = ledgerPageSchema.parse(
    await expectStatus(state, "GET", `/accounts/${accountId}/ledger?limit=100`, accountId, undefined, [200]),
  );
  return page.entries;
}

/** Messages on a queue that `wanted` picks, left on the queue unless `take` is set (then deleted: the demo plays the billing system for its own accounts). */
async function receiveWhere(
  sqs: SQSClient,
  queueUrl: string,
  wanted: (message: Message) => boolean,
  expected: number,
  take: boolean,
): Promise<Message[]> {
  const found = new Map<string, Message>();
  for (let round = 0; round < 30 && found.size < expected; round += 1) {
    const received = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 1,
        VisibilityTimeout: 2,
        MessageAttributeNames: ["All"],
      }),
    );
    for (const message of received.Messages ?? []) {
      if (!wanted(message)) continue;
      found.set(message.MessageId!, message);
      if (take) await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle! }));
    }
  }
  return [...found.values()];
}

async function main(): Promise<number> {
  const state = readStackState();
  if (!state) {
    console.error(
      'No local stack is running (.local/stack.json is missing or its process is gone).\nStart it in another terminal with `npm start`, wait for "local stack ready", then run `npm run demo` again.',
    );
    return 1;
  }
  const run = `${Date.now().toString(36)}${randomBytes(2).toString("hex")}`;
  const id = (name: string) => `demo-${run}-${name}`;
  const accounts = {
    ex2Referrer: id("ex2-referrer"),
    ex2Customer: id("ex2-customer"),
    partner: id("zd-partner"),
    zdCustomer: id("zd-customer"),
  };
  const sqs = new SQSClient({
    endpoint: state.sqsEndpoint,
    region: state.region,
    credentials: { accessKeyId: localAwsEnvironment.AWS_ACCESS_KEY_ID, secretAccessKey: localAwsEnvironment.AWS_SECRET_ACCESS_KEY },
  });
  console.log(`Demo run ${run} on the local stack at ${state.apiUrl} (SQS ${state.sqsEndpoint})`);

  section("1-2. Referral links, clicks and sign-ups (real HTTP)");
  await referViaLink(state, accounts.ex2Referrer, "ex2-credit", accounts.ex2Customer);
  await referViaLink(state, accounts.partner, "zadarma-partner", accounts.zdCustomer);

  section("3. The billing system sends events (real SQS client)");
  // Booked just after the sign-ups, a tenth of a second apart, in the order they are sent.
  const signedUpAt = Date.now();
  const at = (step: number) => new Date(signedUpAt + step * 100).toISOString();
  const invoiceId = id("INV-1");
  const events: [BillingEventInput, string][] = [
    [
      {
        eventId: id("evt-01"),
        type: "invoice.issued",
        version: 1,
        occurredAt: at(1),
        data: { invoiceId, accountId: accounts.ex2Customer, currency: "EUR", totalMinor: 12_000, issuedAt: at(1) },
      },
      "invoice.issued 120.00 EUR (earns nothing until paid)",
    ],
    [
      {
        eventId: id("evt-02"),
        type: "invoice.paid",
        version: 1,
        occurredAt: at(2),
        data: {
          invoiceId,
          accountId: accounts.ex2Customer,
          currency: "EUR",
          lines: [
            { sku: "hosting-start-12m", category: "hosting", amountMinor: 10_000 },
            { sku: "domain-com-1y", category: "domain", amountMinor: 2_000 },
          ],
          payerAccountId: accounts.ex2Customer,
          administratorAccountId: accounts.ex2Customer,
          paymentMethod: "bank_transfer",
          paidAt: at(2),
        },
      },
      "invoice.paid 120.00 EUR (the first paid invoice: 25% credit)",
    ],
    [
      {
        eventId: id("evt-03"),
        type: "invoice.paid",
        version: 1,
        occurredAt: at(3),
        data: {
          invoiceId: id("INV-2"),
          accountId: accounts.ex2Customer,
          currency: "EUR",
          lines: [{ sku: "mailbox", category: "email", amountMinor: 3_000 }],
          payerAccountId: accounts.ex2Customer,
          administratorAccountId: accounts.ex2Customer,
          paymentMethod: "card",
          paidAt: at(3),
        },
      },
      "invoice.paid 30.00 EUR (a second invoice: Ex2 credits the first only)",
    ],
    [
      {
        eventId: id("evt-04"),
        type: "invoice.refunded",
        version: 1,
        occurredAt: at(4),
        data: { refundId: id("RF-1"), invoiceId, accountId: accounts.ex2Customer, currency: "EUR", amountMinor: 4_000, refundedAt: at(4) },
      },
      "invoice.refunded 40.00 EUR of the first invoice (partial)",
    ],
    [
      {
        eventId: id("evt-05"),
        type: "recharge.completed",
        version: 1,
        occurredAt: at(7),
        data: {
          rechargeId: id("TOPUP-1"),
          accountId: accounts.zdCustomer,
          amountMinor: 5_000,
          currency: "EUR",
          paymentMethod: "card",
          completedAt: at(7),
        },
      },
      "recharge.completed 50.00 EUR (10% commission)",
    ],
    [
      {
        eventId: id("evt-06"),
        type: "recharge.completed",
        version: 1,
        occurredAt: at(6),
        data: {
          rechargeId: id("TOPUP-2"),
          accountId: accounts.zdCustomer,
          amountMinor: 2_345,
          currency: "EUR",
          paymentMethod: "card",
          completedAt: at(6),
        },
      },
      "recharge.completed 23.45 EUR (10% = 2.345, rounded half away from zero)",
    ],
  ];
  for (const [event, label] of events) await send(sqs, state.queueUrls.billingEvents, JSON.stringify(event), label);
  await send(
    sqs,
    state.queueUrls.billingEvents,
    JSON.stringify(events[4]![0]),
    "the 50.00 EUR recharge AGAIN, same event id (a duplicate delivery)",
  );
  const malformedEventId = id("evt-bad");
  const malformed = JSON.stringify({
    eventId: malformedEventId,
    type: "recharge.completed",
    version: 1,
    occurredAt: at(7),
    data: { rechargeId: id("TOPUP-3"), accountId: accounts.zdCustomer, amountMinor: "12.50", currency: "eur" },
  });
  await send(
    sqs,
    state.queueUrls.billingEvents,
    malformed,
    "a malformed recharge.completed (amount as a string, lower-case currency, no completedAt)",
  );

  section(`4. Waiting for the consumer (polling the API, up to ${waitSeconds} s)`);
  const deadline = Date.now() + waitSeconds * 1000;
  let ex2Entries: LedgerEntry[] = [];
  let partnerEntries: LedgerEntry[] = [];
  for (;;) {
    [ex2Entries, partnerEntries] = await Promise.all([ledgerOf(state, accounts.ex2Referrer), ledgerOf(state, accounts.partner)]);
    if (ex2Entries.length >= 2 && partnerEntries.length >= 2) break;
    if (Date.now() > deadline) {
      console.error(
        `  timed out: ${ex2Entries.length} of 2 Ex2 entries and ${partnerEntries.length} of 2 Zadarma entries. Is the stack's consumer running? See its terminal.`,
      );
      return 1;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  console.log("  all events applied");

  for (const [title, accountId, entries] of [
    ["Ledger of the Ex2 referrer", accounts.ex2Referrer, ex2Entries],
    ["Ledger of the Zadarma partner", accounts.partner, partnerEntries],
  ] as const) {
    section(`${title} ${accountId} (GET /accounts/{id}/ledger, newest first)`);
    table(
      ["posted at", "code", "ledger account", "amount", "period", "memo"],
      entries.map((entry) => [
        entry.postedAt.replace("T", " ").slice(0, 19),
        entry.code,
        entry.ledgerAccountKind,
        formatMoney(entry),
        entry.periodId ?? "",
        entry.memo,
      ]),
      [3],
    );
    const balances = balancesResponseSchema.parse(
      await expectStatus(state, "GET", `/accounts/${accountId}/balance`, accountId, undefined, [200]),
    );
    console.log("");
    table(
      ["currency", "commission pending", "commission available", "credit granted"],
      balances.balances.map((balance) => [
        balance.currency,
        formatMoney({ amountMinor: balance.commissionPendingMinor ?? 0, currency: balance.currency }),
        formatMoney({ amountMinor: balance.commissionAvailableMinor ?? 0, currency: balance.currency }),
        formatMoney({ amountMinor: balance.creditGrantedMinor ?? 0, currency: balance.currency }),
      ]),
      [1, 2, 3],
    );
    const stats = await expectStatus(
      state,
      "GET",
      `/accounts/${accountId}/referral?programId=${entries[0]?.programId}`,
      accountId,
      undefined,
      [200],
    );
    console.log(
      `  referral stats: ${JSON.stringify({ clicks: (stats.stats as Record<string, unknown>).clickCount, signUps: (stats.stats as Record<string, unknown>).signupCount, customers: (stats.stats as Record<string, unknown>).customerCount })}`,
    );
  }

  section("Credit messages for the billing system (outbound.fifo)");
  const ours = new Set([accounts.ex2Referrer]);
  const outbound = await receiveWhere(
    sqs,
    state.queueUrls.outbound,
    (message) => ours.has((JSON.parse(message.Body ?? "{}") as { accountId?: string }).accountId ?? ""),
    2,
    true,
  );
  const credits = outbound
    .map((message) => outboundMessageSchema.parse(JSON.parse(message.Body!)))
    .filter(isCreditMessage)
    .sort((left, right) => left.type.localeCompare(right.type))
    .reverse();
  table(
    ["type", "account", "amount", "entry (dedup id)"],
    credits.map((message) => [message.type, message.accountId, formatMoney(message), message.entryId]),
    [2],
  );

  section("The malformed message in the dead-letter queue (billing-events-dlq)");
  const [deadLetter] = await receiveWhere(
    sqs,
    state.queueUrls.billingEventsDeadLetter,
    (message) => message.MessageAttributes?.eventId?.StringValue === malformedEventId,
    1,
    false,
  );
  if (!deadLetter) {
    console.error("  not found in the dead-letter queue yet");
    return 1;
  }
  console.log(`  reason:        ${deadLetter.MessageAttributes?.reason?.StringValue}`);
  console.log(`  detail:        ${deadLetter.MessageAttributes?.reasonDetail?.StringValue}`);
  console.log(`  event id:      ${deadLetter.MessageAttributes?.eventId?.StringValue}`);
  console.log(`  body:          ${deadLetter.Body}`);
  console.log("  (left in the queue: `npm run dlq -- list` shows it, `npm run dlq -- redrive` sends it back)");

  section("What happened");
  console.log(
    "  - the issued invoice earned nothing; the first paid invoice earned 25% of 120.00 EUR = 30.00 EUR as paid credit, sent to the billing system;",
  );
  console.log("  - the second paid invoice earned nothing (Ex2 credits the first paid invoice by default);");
  console.log("  - the partial refund of 40.00 EUR (1/3 of the invoice) clawed back 10.00 EUR, also sent to the billing system;");
  console.log("  - each recharge accrued 10% as pending commission in its half-month period; the duplicate delivery changed nothing;");
  console.log("  - the malformed message went to the dead-letter queue with its reason, without retries, blocking nothing.");
  sqs.destroy();
  return 0;
}

main()
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    console.error("the demo failed:", error instanceof Error ? error.message : error);
    process.exit(1);
  });
