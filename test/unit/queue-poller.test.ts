import { describe, expect, it } from "vitest";
import { succeededMessageIds, toSqsEvent } from "../../scripts/lib/queue-poller.ts";

const ids = ["m1", "m2", "m3"];

describe("partial batch responses, read the way the event source mapping reads them", () => {
  it.each([
    ["no response", undefined, ids],
    ["null", null, ids],
    ["an empty object", {}, ids],
    ["no failures", { batchItemFailures: [] }, ids],
    ["one failure", { batchItemFailures: [{ itemIdentifier: "m2" }] }, ["m1", "m3"]],
    ["every record failed", { batchItemFailures: ids.map((itemIdentifier) => ({ itemIdentifier })) }, []],
  ])("%s → delete %j", (_, response, expected) => {
    expect(succeededMessageIds(ids, response)).toEqual(expected);
  });

  it.each([
    ["an unknown id", { batchItemFailures: [{ itemIdentifier: "elsewhere" }] }],
    ["an empty id", { batchItemFailures: [{ itemIdentifier: "" }] }],
    ["a missing id", { batchItemFailures: [{}] }],
    ["failures that are not a list", { batchItemFailures: "m1" }],
    ["a string response", "ok"],
  ])("treats %s as a failure of the whole batch", (_, response) => {
    expect(succeededMessageIds(ids, response)).toBeUndefined();
  });
});

describe("the SQS event", () => {
  it("has the Lambda record shape: camelCase attributes, receive count, event source ARN and region", () => {
    const event = toSqsEvent(
      [
        {
          MessageId: "m1",
          ReceiptHandle: "handle-1",
          Body: '{"type":"invoice.paid"}',
          MD5OfBody: "md5",
          Attributes: {
            ApproximateReceiveCount: "3",
            SentTimestamp: "1763765463000",
            SenderId: "AID",
            ApproximateFirstReceiveTimestamp: "1763765464000",
          },
          MessageAttributes: { source: { DataType: "String", StringValue: "billing" } },
        },
      ],
      "arn:aws:sqs:eu-central-1:000000000000:billing-events",
    );
    expect(event.Records).toEqual([
      {
        messageId: "m1",
        receiptHandle: "handle-1",
        body: '{"type":"invoice.paid"}',
        attributes: {
          ApproximateReceiveCount: "3",
          SentTimestamp: "1763765463000",
          SenderId: "AID",
          ApproximateFirstReceiveTimestamp: "1763765464000",
        },
        messageAttributes: { source: { dataType: "String", stringValue: "billing", stringListValues: [], binaryListValues: [] } },
        md5OfBody: "md5",
        eventSource: "aws:sqs",
        eventSourceARN: "arn:aws:sqs:eu-central-1:000000000000:billing-events",
        awsRegion: "eu-central-1",
      },
    ]);
  });
});
