/**
 * EventBridge Scheduler schedules of the catalog, evaluated in the operator's time zone (settlement at
 * 00:00 local on the 1st and the 15th, not UTC). Each schedule has a role that may invoke only its own
 * function, retries failed invocations (the jobs are idempotent per period/day, so a retry or a double
 * fire changes nothing), and sends invocations that still fail to a dead-letter queue.
 */
import { Duration, Stack, Validations } from "aws-cdk-lib";
import { PolicyStatement, Role, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import type { IFunction } from "aws-cdk-lib/aws-lambda";
import { CfnSchedule } from "aws-cdk-lib/aws-scheduler";
import { Queue, QueueEncryption } from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import { schedules } from "../catalog.ts";
import { pascalCase } from "./ledger-function.ts";

/**
 * Scheduler retries with back-off for up to a day, unless the catalog entry says otherwise: a
 * settlement delayed by an outage still runs, for the period it was scheduled for.
 */
const retryAttemptsMax = 10;
const retryWindow = Duration.hours(24);

/**
 * What each scheduled function receives. `scheduledTime` is the time the run was scheduled for
 * (ISO 8601, UTC), not the time it started: a retried or late run computes the same period or day.
 */
export function scheduledInvocationInput(scheduleName: string): string {
  return JSON.stringify({ scheduleName, scheduledTime: "<aws.scheduler.scheduled-time>" });
}

export interface LedgerSchedulesProps {
  readonly functionOrThrow: (name: string) => IFunction;
  /** IANA time zone of the operator, e.g. "Europe/Prague". */
  readonly timeZone: string;
}

export class LedgerSchedules extends Construct {
  /** Invocations the scheduler gave up on after every retry. */
  readonly failedInvocations: Queue;
  readonly schedules: ReadonlyMap<string, CfnSchedule>;

  constructor(scope: Construct, id: string, props: LedgerSchedulesProps) {
    super(scope, id);
    this.failedInvocations = new Queue(this, "FailedInvocations", {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.failedInvocations).acknowledge({
      id: "AwsSolutions-SQS3",
      reason:
        "This queue is itself the dead-letter queue of the EventBridge Scheduler schedules (Target.DeadLetterConfig), which cdk-nag does not recognise as a dead-letter use.",
    });

    const created = new Map<string, CfnSchedule>();
    for (const spec of schedules) {
      const target = props.functionOrThrow(spec.functionName);
      const name = pascalCase(spec.name);
      const role = new Role(this, `${name}Role`, {
        assumedBy: new ServicePrincipal("scheduler.amazonaws.com", {
          conditions: { StringEquals: { "aws:SourceAccount": Stack.of(this).account } },
        }),
        description: `EventBridge Scheduler: invoke ${spec.functionName} only`,
      });
      role.addToPolicy(new PolicyStatement({ actions: ["lambda:InvokeFunction"], resources: [target.functionArn] }));
      this.failedInvocations.grantSendMessages(role);
      created.set(
        spec.name,
        new CfnSchedule(this, name, {
          description: spec.description,
          scheduleExpression: spec.cron,
          scheduleExpressionTimezone: props.timeZone,
          flexibleTimeWindow: { mode: "OFF" },
          state: "ENABLED",
          target: {
            arn: target.functionArn,
            roleArn: role.roleArn,
            input: scheduledInvocationInput(spec.name),
            retryPolicy: {
              maximumRetryAttempts: spec.retry?.attemptsMax ?? retryAttemptsMax,
              maximumEventAgeInSeconds: spec.retry?.windowSeconds ?? retryWindow.toSeconds(),
            },
            deadLetterConfig: { arn: this.failedInvocations.queueArn },
          },
        }),
      );
    }
    this.schedules = created;
  }
}
