import { Capture, Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { OLDEST_MESSAGE_ALARM_AGE } from '../../infra/constructs/ingest-pipeline.js';
import { API_5XX_MIN_REQUESTS, API_5XX_RATE_PERCENT } from '../../infra/constructs/service-alarms.js';
import { INDEXES } from '../../lib/adapters/dynamodb-keys.js';
import { idOf, synthesizeStage } from './synthesize.js';

const { stack, template } = synthesizeStage({ stage: 'prod' });
const topicId = idOf(stack.node.findChild('Alarms').node.findChild('Topic'));
const functionIds = {
  ingest: idOf(stack.ingest.function),
  reader: idOf(stack.readApi.function),
  worker: idOf(stack.reprocessing.function),
};

/** The dashboard body with CloudFormation references reduced to their logical ids. */
function dashboardBody(): string {
  const body = new Capture();
  template.hasResourceProperties('AWS::CloudWatch::Dashboard', { DashboardBody: body });
  const parts = (body.asObject() as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1];
  return parts.map((part) => (typeof part === 'string' ? part : `<${JSON.stringify(part)}>`)).join('');
}

describe('operations dashboard', () => {
  it('is one dashboard named for the stage', () => {
    template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
    template.hasResourceProperties('AWS::CloudWatch::Dashboard', { DashboardName: 'article-pipeline-prod' });
  });

  const body = dashboardBody();

  it('shows ingest events per minute and every outcome, rejections by code', () => {
    for (const metric of ['events', 'processed', 'rejected', 'duplicate', 'stale', 'superseded']) {
      expect(body).toContain(`"ArticlePipeline","${metric}","service","ingest"`);
    }
    for (const code of ['EMPTY', 'TOO_LARGE', 'UNSUPPORTED_FORMAT', 'NO_CONTENT', 'EXTRACTION_FAILED']) {
      expect(body).toContain(`"rejected_${code}"`);
    }
  });

  it('shows queue depth, age of the oldest message and dead letters', () => {
    expect(body).toContain('"ApproximateNumberOfMessagesVisible"');
    expect(body).toContain('"ApproximateAgeOfOldestMessage"');
    expect(body).toContain(idOf(stack.ingest.deadLetterQueue));
  });

  it("shows each function's errors, throttles, p99 duration and concurrency", () => {
    for (const id of Object.values(functionIds)) {
      for (const metric of ['Errors', 'Throttles', 'Duration', 'ConcurrentExecutions']) {
        expect(body).toMatch(new RegExp(`"AWS/Lambda","${metric}","FunctionName","<\\{"Ref":"${id}"\\}>"`));
      }
    }
    expect(body).toContain('"stat":"p99"');
  });

  it('shows API requests, 4xx, 5xx and p99 latency', () => {
    for (const metric of ['Count', '4xx', '5xx', 'Latency'])
      expect(body).toContain(`"AWS/ApiGateway","${metric}"`);
  });

  it('shows consumed capacity and throttles of the table and of every index', () => {
    for (const metric of [
      'ConsumedWriteCapacityUnits',
      'ConsumedReadCapacityUnits',
      'WriteThrottleEvents',
      'ReadThrottleEvents',
    ]) {
      for (const index of Object.values(INDEXES)) {
        expect(body).toMatch(
          new RegExp(`"${metric}","GlobalSecondaryIndexName","${index.name}","TableName"`),
        );
      }
    }
  });

  it('shows reprocessing progress: keys by outcome and runs', () => {
    expect(body).toContain('"ArticlePipeline","processed","service","reprocess"');
    expect(body).toContain('"ExecutionsStarted"');
  });
});

describe('alarms', () => {
  const alarmsWith = (metricName: string, functionId: string): void => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: metricName,
      Namespace: 'AWS/Lambda',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: functionId } }],
      AlarmActions: [{ Ref: topicId }],
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
    });
  };

  it("pages on each function's errors and throttles", () => {
    for (const id of Object.values(functionIds)) {
      alarmsWith('Errors', id);
      alarmsWith('Throttles', id);
    }
  });

  it('pages on the ingest function after 15 minutes of errors, the read API after 10', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'Errors',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: functionIds.ingest } }],
      Period: 300,
      EvaluationPeriods: 3,
      Threshold: 1,
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'Errors',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: functionIds.reader } }],
      EvaluationPeriods: 2,
      Threshold: 1,
    });
  });

  it("pages on the API's 5xx rate, computed only over enough requests", () => {
    const expression = new Capture();
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Threshold: API_5XX_RATE_PERCENT,
      EvaluationPeriods: 2,
      AlarmActions: [{ Ref: topicId }],
      Metrics: Match.arrayWith([
        Match.objectLike({ Expression: expression, ReturnData: true }),
        Match.objectLike({
          Id: 'requests',
          MetricStat: Match.objectLike({ Metric: Match.objectLike({ MetricName: 'Count' }) }),
        }),
        Match.objectLike({
          Id: 'errors',
          MetricStat: Match.objectLike({ Metric: Match.objectLike({ MetricName: '5xx' }) }),
        }),
      ]),
    });
    expect(expression.asString()).toBe(`IF(requests >= ${API_5XX_MIN_REQUESTS}, 100 * errors / requests, 0)`);
  });

  it('pages on DynamoDB throttling of the table and of every index, reads and writes', () => {
    for (const direction of ['Write', 'Read']) {
      const expression = new Capture();
      const metrics = new Capture();
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        AlarmDescription: Match.stringLikeRegexp(`throttled ${direction.toLowerCase()}s`),
        Metrics: metrics,
        EvaluationPeriods: 3,
        Threshold: 1,
        AlarmActions: [{ Ref: topicId }],
      });
      const entries = metrics.asArray() as {
        Expression?: string;
        MetricStat?: { Metric: { MetricName: string; Dimensions: { Name: string; Value: unknown }[] } };
      }[];
      const indexes = entries.flatMap(
        (entry) =>
          entry.MetricStat?.Metric.Dimensions.filter((d) => d.Name === 'GlobalSecondaryIndexName').map(
            (d) => d.Value,
          ) ?? [],
      );
      expect(indexes.sort()).toEqual(
        Object.values(INDEXES)
          .map((index) => index.name)
          .sort(),
      );
      expect(
        entries
          .filter((entry) => entry.MetricStat !== undefined)
          .every((entry) => entry.MetricStat?.Metric.MetricName === `${direction}ThrottleEvents`),
      ).toBe(true);
      expect(entries.find((entry) => entry.Expression !== undefined)?.Expression).toMatch(/^table \+ /);
      void expression;
    }
  });

  it('pages when the oldest queued event is older than 15 minutes', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateAgeOfOldestMessage',
      Namespace: 'AWS/SQS',
      Threshold: OLDEST_MESSAGE_ALARM_AGE.toSeconds(),
      AlarmActions: [{ Ref: topicId }],
    });
  });
});
