import { Duration } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  type Alarm,
  AlarmStatusWidget,
  Dashboard,
  GraphWidget,
  type IMetric,
  type IWidget,
  MathExpression,
  Metric,
  Stats,
  TextWidget,
} from 'aws-cdk-lib/aws-cloudwatch';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { INDEXES } from '../../lib/adapters/dynamodb-keys.js';
import { rejectionCodeSchema } from '../../lib/article/article-schema.js';
import {
  INGEST_METRICS,
  METRICS_NAMESPACE,
  REPROCESS_METRICS,
  rejectionMetricName,
  SERVICE_DIMENSION,
} from '../../lib/config/metric-names.js';
import { throttleMetric } from './service-alarms.js';

export interface DashboardFunction {
  readonly label: string;
  readonly function: IFunction;
}

export interface OperationsDashboardProps {
  readonly stage: string;
  readonly queue: IQueue;
  readonly deadLetterQueue: IQueue;
  readonly functions: readonly DashboardFunction[];
  readonly api: IHttpApi;
  readonly table: ITableV2;
  readonly stateMachine: IStateMachine;
  readonly alarms: readonly Alarm[];
}

const MINUTE = Duration.minutes(1);
const FIVE_MINUTES = Duration.minutes(5);
/** Outcomes of an ingest event the dashboard graphs (the metric names the handler emits). */
export const INGEST_OUTCOMES = [
  'processed',
  'rejected',
  'duplicate',
  'stale',
  'superseded',
  'deleted',
] as const;
const WIDE = 12;
const FULL = 24;
const HEIGHT = 6;

/** A custom metric of one function's Powertools Metrics (namespace and `service` dimension). */
const customMetric = (service: string, metricName: string, period: Duration = MINUTE): Metric =>
  new Metric({
    namespace: METRICS_NAMESPACE,
    metricName,
    dimensionsMap: { [SERVICE_DIMENSION]: service },
    statistic: Stats.SUM,
    period,
  });

/**
 * The stage's one operations dashboard (`article-pipeline-<stage>`), top to bottom in the order
 * an article travels: alarms, ingest (events and outcomes), the queue and its dead letters, each
 * function, the read API, DynamoDB per index, and reprocessing progress.
 */
export class OperationsDashboard extends Construct {
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: OperationsDashboardProps) {
    super(scope, id);
    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: `article-pipeline-${props.stage}`,
      defaultInterval: Duration.hours(3),
    });
    const rows: IWidget[][] = [
      [
        new AlarmStatusWidget({
          title: 'Alarms',
          alarms: [...props.alarms],
          width: FULL,
          height: 3,
        }),
      ],
      heading('Ingest'),
      [
        graph('Events per minute', [customMetric(INGEST_METRICS.service, INGEST_METRICS.events)], WIDE),
        graph(
          'Outcomes per minute',
          [
            ...INGEST_OUTCOMES.map((outcome) => customMetric(INGEST_METRICS.service, outcome)),
            customMetric(INGEST_METRICS.service, INGEST_METRICS.failed),
          ],
          WIDE,
        ),
      ],
      [
        graph(
          'Rejected, by code',
          rejectionCodeSchema.options.map((code) =>
            customMetric(INGEST_METRICS.service, rejectionMetricName(code)).with({ label: code }),
          ),
          WIDE,
        ),
        graph(
          'Latency per event (ms)',
          [customMetric(INGEST_METRICS.service, INGEST_METRICS.latency).with({ statistic: Stats.p(99) })],
          WIDE,
        ),
      ],
      heading('Queue'),
      [
        graph(
          'Messages waiting',
          [
            props.queue.metricApproximateNumberOfMessagesVisible({
              period: MINUTE,
              statistic: Stats.MAXIMUM,
            }),
            props.queue.metricApproximateNumberOfMessagesNotVisible({
              period: MINUTE,
              statistic: Stats.MAXIMUM,
            }),
          ],
          8,
        ),
        graph(
          'Age of the oldest message (s)',
          [props.queue.metricApproximateAgeOfOldestMessage({ period: MINUTE, statistic: Stats.MAXIMUM })],
          8,
        ),
        graph(
          'Dead letters',
          [
            props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
              period: MINUTE,
              statistic: Stats.MAXIMUM,
            }),
          ],
          8,
        ),
      ],
      heading('Functions'),
      ...props.functions.map(({ label, function: fn }) => [
        graph(`${label}: errors`, [fn.metricErrors({ period: MINUTE, statistic: Stats.SUM })], 6),
        graph(`${label}: throttles`, [fn.metricThrottles({ period: MINUTE, statistic: Stats.SUM })], 6),
        graph(
          `${label}: p99 duration (ms)`,
          [fn.metricDuration({ period: MINUTE, statistic: Stats.p(99) })],
          6,
        ),
        graph(
          `${label}: concurrency`,
          [fn.metric('ConcurrentExecutions', { period: MINUTE, statistic: Stats.MAXIMUM })],
          6,
        ),
      ]),
      heading('Read API'),
      [
        graph('Requests', [props.api.metricCount({ period: MINUTE, statistic: Stats.SUM })], 6),
        graph('4xx', [props.api.metricClientError({ period: MINUTE, statistic: Stats.SUM })], 6),
        graph('5xx', [props.api.metricServerError({ period: MINUTE, statistic: Stats.SUM })], 6),
        graph('p99 latency (ms)', [props.api.metricLatency({ period: MINUTE, statistic: Stats.p(99) })], 6),
      ],
      heading('DynamoDB, per index (the table is "table")'),
      [
        graph('Consumed write units', capacityMetrics(props.table, 'Write'), 6),
        graph('Consumed read units', capacityMetrics(props.table, 'Read'), 6),
        graph('Write throttle events', throttleMetrics(props.table, 'Write'), 6),
        graph('Read throttle events', throttleMetrics(props.table, 'Read'), 6),
      ],
      heading('Reprocessing'),
      [
        graph(
          'Keys reprocessed per 5 minutes, by outcome',
          [...REPROCESS_METRICS.outcomes, REPROCESS_METRICS.failed].map((outcome) =>
            customMetric(REPROCESS_METRICS.service, outcome, FIVE_MINUTES),
          ),
          WIDE,
        ),
        graph(
          'Runs',
          [
            props.stateMachine.metricStarted({ period: FIVE_MINUTES }),
            props.stateMachine.metricSucceeded({ period: FIVE_MINUTES }),
            props.stateMachine.metricFailed({ period: FIVE_MINUTES }),
            props.stateMachine.metricAborted({ period: FIVE_MINUTES }),
          ],
          WIDE,
        ),
      ],
    ];
    for (const row of rows) this.dashboard.addWidgets(...row);
  }
}

function heading(text: string): IWidget[] {
  return [new TextWidget({ markdown: `## ${text}`, width: FULL, height: 1 })];
}

function graph(title: string, metrics: readonly IMetric[], width: number): GraphWidget {
  return new GraphWidget({ title, left: [...metrics], width, height: HEIGHT });
}

/** Consumed capacity of the table and each index, as units per second (sum per minute / 60). */
function capacityMetrics(table: ITableV2, direction: 'Read' | 'Write'): IMetric[] {
  const targets: [string, string | null][] = [
    ['table', null],
    ...Object.entries(INDEXES).map(([name, index]): [string, string] => [
      `${name} (${index.name})`,
      index.name,
    ]),
  ];
  return targets.map(
    ([label, indexName], position) =>
      new MathExpression({
        expression: `m${position} / 60`,
        usingMetrics: {
          [`m${position}`]: new Metric({
            namespace: 'AWS/DynamoDB',
            metricName: `Consumed${direction}CapacityUnits`,
            dimensionsMap: {
              TableName: table.tableName,
              ...(indexName === null ? {} : { GlobalSecondaryIndexName: indexName }),
            },
            statistic: Stats.SUM,
            period: MINUTE,
          }),
        },
        label: `${label} units/s`,
        period: MINUTE,
      }),
  );
}

function throttleMetrics(table: ITableV2, direction: 'Read' | 'Write'): IMetric[] {
  return [
    throttleMetric(table, direction, null).with({ label: 'table', period: MINUTE }),
    ...Object.entries(INDEXES).map(([name, index]) =>
      throttleMetric(table, direction, index.name).with({ label: `${name} (${index.name})`, period: MINUTE }),
    ),
  ];
}
