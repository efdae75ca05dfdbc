/**
 * CloudWatch alarms, all notifying one SNS topic: any message in a dead-letter queue (a billing event,
 * an outbound credit or a scheduled run that could not be processed), any function error, and any
 * 5xx from the API (the API is designed never to answer 500).
 */
import { Duration, RemovalPolicy } from "aws-cdk-lib";
import type { HttpApi } from "aws-cdk-lib/aws-apigatewayv2";
import { Alarm, ComparisonOperator, type IMetric, TreatMissingData } from "aws-cdk-lib/aws-cloudwatch";
import { SnsAction } from "aws-cdk-lib/aws-cloudwatch-actions";
import { PolicyStatement, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import { Key } from "aws-cdk-lib/aws-kms";
import type { IFunction } from "aws-cdk-lib/aws-lambda";
import { Topic } from "aws-cdk-lib/aws-sns";
import { EmailSubscription } from "aws-cdk-lib/aws-sns-subscriptions";
import type { IQueue } from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import { pascalCase } from "./ledger-function.ts";

const evaluationPeriod = Duration.minutes(5);

export interface LedgerAlarmsProps {
  /** Dead-letter queues by a readable name ("billing-events-dlq"). */
  readonly deadLetterQueues: ReadonlyMap<string, IQueue>;
  /** Functions by catalog name. */
  readonly functions: ReadonlyMap<string, IFunction>;
  readonly httpApi: HttpApi;
  /** Optional address subscribed to the alarm topic. */
  readonly alarmEmail?: string;
}

export class LedgerAlarms extends Construct {
  readonly topic: Topic;
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: LedgerAlarmsProps) {
    super(scope, id);
    // A customer managed key: CloudWatch cannot publish to a topic encrypted with the AWS managed
    // aws/sns key, whose policy cannot grant it kms:GenerateDataKey.
    const key = new Key(this, "TopicKey", {
      description: "Encrypts the referral ledger alarm topic",
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.DESTROY,
      pendingWindow: Duration.days(7),
    });
    key.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal("cloudwatch.amazonaws.com")],
        actions: ["kms:Decrypt", "kms:GenerateDataKey*"],
        resources: ["*"],
      }),
    );
    this.topic = new Topic(this, "Topic", { displayName: "Referral ledger alarms", masterKey: key, enforceSSL: true });
    if (props.alarmEmail) this.topic.addSubscription(new EmailSubscription(props.alarmEmail));
    const action = new SnsAction(this.topic);

    const addAlarm = (alarmId: string, metric: IMetric, description: string): void => {
      const alarm = new Alarm(this, alarmId, {
        metric,
        alarmDescription: description,
        threshold: 0,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      alarm.addAlarmAction(action);
      alarm.addOkAction(action);
      this.alarms.push(alarm);
    };

    for (const [name, queue] of props.deadLetterQueues) {
      addAlarm(
        `${pascalCase(name)}Depth`,
        queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: "Maximum" }),
        `Messages are waiting in ${name}: inspect them (each carries its reason) and redrive once fixed.`,
      );
    }
    for (const [name, fn] of props.functions) {
      addAlarm(
        `${pascalCase(name)}Errors`,
        fn.metricErrors({ period: evaluationPeriod, statistic: "Sum" }),
        `The ${name} function failed (uncaught error or timeout).`,
      );
    }
    addAlarm(
      "Api5xx",
      props.httpApi.metricServerError({ period: evaluationPeriod, statistic: "Sum" }),
      "The API answered 5xx: every expected failure should be a 4xx.",
    );
  }
}
