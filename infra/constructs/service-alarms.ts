import { Duration } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  ComparisonOperator,
  type IMetric,
  MathExpression,
  Metric,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { INDEXES } from '../../lib/adapters/dynamodb-keys.js';

/** How one function's errors and throttles page, with the reason for its numbers. */
export interface FunctionAlarmPolicy {
  readonly function: IFunction;
  /** Short name in alarm descriptions: `ingest`, `read API`, `reprocess worker`. */
  readonly label: string;
  /** Errors (invocations that threw or timed out) per five minutes that count as a breach. */
  readonly errorsPerPeriod: number;
  /** Consecutive five-minute periods in breach before the alarm fires. */
  readonly errorPeriods: number;
}

export interface ServiceAlarmsProps {
  readonly functions: readonly FunctionAlarmPolicy[];
  readonly api: IHttpApi;
  readonly table: ITableV2;
}

/** Share of API requests answered 5xx, in percent, that pages. */
export const API_5XX_RATE_PERCENT = 5;
/**
 * Requests per five minutes below which the 5xx rate reads as 0: at a handful of requests one
 * failure is 20% or more, and a single bad request should not wake anyone.
 */
export const API_5XX_MIN_REQUESTS = 20;

const FIVE_MINUTES = Duration.minutes(5);

/**
 * The alarms that tell an operator the service is failing, beside the ingest pipeline's own
 * (dead letters, backlog age) and the failed-reprocessing alarm: each function's errors and
 * throttles, the API's 5xx rate, and DynamoDB throttling of the table and of every index.
 * Every alarm treats missing data as not breaching: no traffic is not an incident.
 */
export class ServiceAlarms extends Construct {
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: ServiceAlarmsProps) {
    super(scope, id);
    for (const policy of props.functions) this.#functionAlarms(policy);

    const requests = props.api.metricCount({ period: FIVE_MINUTES, statistic: 'Sum' });
    const serverErrors = props.api.metricServerError({ period: FIVE_MINUTES, statistic: 'Sum' });
    this.#add(
      'Api5xxRate',
      `The read API answered more than ${API_5XX_RATE_PERCENT}% of requests with 5xx`,
      new MathExpression({
        expression: `IF(requests >= ${API_5XX_MIN_REQUESTS}, 100 * errors / requests, 0)`,
        usingMetrics: { requests, errors: serverErrors },
        label: '5xx rate (%)',
        period: FIVE_MINUTES,
      }),
      // Two periods in a row: one bad deploy or dependency blip of a few minutes pages only if it
      // lasts ten, which is still inside a typical 99.9% monthly error budget (43 minutes).
      { threshold: API_5XX_RATE_PERCENT, evaluationPeriods: 2 },
    );

    // DynamoDB throttling, table and every index. The SDK retries a throttled request three times
    // and SQS redelivers a failed event, so a burst heals itself; throttling that lasts fifteen
    // minutes means a partition (a hot index key) is at its limit and ingest or reprocessing is
    // slowed, possibly into the dead-letter queue. One alarm per direction keeps each expression
    // within CloudWatch's ten metrics per alarm.
    for (const direction of ['Write', 'Read'] as const) {
      const usingMetrics: Record<string, IMetric> = {
        table: throttleMetric(props.table, direction, null),
      };
      for (const [name, index] of Object.entries(INDEXES)) {
        usingMetrics[name] = throttleMetric(props.table, direction, index.name);
      }
      this.#add(
        `Dynamo${direction}ThrottleAlarm`,
        `DynamoDB throttled ${direction.toLowerCase()}s on the article table or one of its indexes`,
        new MathExpression({
          expression: Object.keys(usingMetrics).join(' + '),
          usingMetrics,
          label: `${direction} throttle events`,
          period: FIVE_MINUTES,
        }),
        { threshold: 1, evaluationPeriods: 3 },
      );
    }
  }

  #functionAlarms(policy: FunctionAlarmPolicy): void {
    const name = policy.label.replace(/[^A-Za-z0-9]/g, '');
    this.#add(
      `${name}ErrorsAlarm`,
      `The ${policy.label} function keeps failing (errors or timeouts)`,
      policy.function.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum' }),
      { threshold: policy.errorsPerPeriod, evaluationPeriods: policy.errorPeriods },
    );
    // A throttle means the account or function concurrency limit was hit: the API answers 429s or
    // 500s, SQS and Step Functions back off. Any throttle in two periods in a row is a capacity
    // problem worth a look (raise the limit, see docs/operations.md), not a blip.
    this.#add(
      `${name}ThrottlesAlarm`,
      `The ${policy.label} function is throttled (concurrency limit reached)`,
      policy.function.metricThrottles({ period: FIVE_MINUTES, statistic: 'Sum' }),
      { threshold: 1, evaluationPeriods: 2 },
    );
  }

  #add(
    id: string,
    description: string,
    metric: IMetric,
    rule: { readonly threshold: number; readonly evaluationPeriods: number },
  ): void {
    this.alarms.push(
      new Alarm(this, id, {
        alarmDescription: description,
        metric,
        threshold: rule.threshold,
        evaluationPeriods: rule.evaluationPeriods,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
    );
  }
}

/**
 * `ReadThrottleEvents` / `WriteThrottleEvents` of the table or of one of its indexes. For an
 * index, write throttles are the GSI back-pressure that throttles the table's own writes.
 */
export function throttleMetric(
  table: ITableV2,
  direction: 'Read' | 'Write',
  indexName: string | null,
): Metric {
  return new Metric({
    namespace: 'AWS/DynamoDB',
    metricName: `${direction}ThrottleEvents`,
    dimensionsMap: {
      TableName: table.tableName,
      ...(indexName === null ? {} : { GlobalSecondaryIndexName: indexName }),
    },
    statistic: 'Sum',
    period: FIVE_MINUTES,
  });
}
