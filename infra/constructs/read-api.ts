import { Duration, type RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  type HttpStage,
  type IHttpRouteAuthorizer,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpIamAuthorizer, HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { CORS_PREFLIGHT } from '../../lib/api/cors-preflight.js';
import { READ_API_ROUTES } from '../../lib/api/read-api-routes.js';
import { ENV } from '../../lib/config/environment.js';
import type { ApiAuthorization } from '../stage-config.js';
import { acknowledgeObjectWildcard } from './article-writer-access.js';
import { NodeFunction } from './node-function.js';

/** Read actions only: the read function cannot change the table. */
export const READER_TABLE_ACTIONS = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'] as const;

export interface ReadApiProps {
  readonly table: ITableV2;
  readonly contentBucket: IBucket;
  readonly contentPrefix: string;
  readonly authorization: ApiAuthorization;
  readonly corsOrigins: readonly string[];
  readonly throttle: { readonly rateLimit: number; readonly burstLimit: number };
  readonly logRetention: RetentionDays;
  readonly removalPolicy: RemovalPolicy;
}

/**
 * The read-only HTTP API: six GET routes on one function that may only read, a throttled
 * `$default` stage with JSON access logs, and the secret that signs pagination cursors.
 */
export class ReadApi extends Construct {
  readonly api: HttpApi;
  readonly stage: HttpStage;
  readonly function: NodejsFunction;
  readonly cursorSecret: Secret;

  constructor(scope: Construct, id: string, props: ReadApiProps) {
    super(scope, id);
    this.cursorSecret = new Secret(this, 'CursorKey', {
      description: 'HMAC key that signs the read API pagination cursors',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy: props.removalPolicy,
    });
    Validations.of(this.cursorSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason: 'Rotating the cursor key would only invalidate open cursors; nothing else depends on it.',
    });

    const reader = new NodeFunction(this, 'Reader', {
      entry: 'read-api',
      description: 'Serves article records read-only over the HTTP API',
      timeout: Duration.seconds(10),
      logRetention: props.logRetention,
      removalPolicy: props.removalPolicy,
      environment: {
        [ENV.tableName]: props.table.tableName,
        [ENV.contentBucketName]: props.contentBucket.bucketName,
        [ENV.contentPrefix]: props.contentPrefix,
        [ENV.cursorSecretArn]: this.cursorSecret.secretArn,
        [ENV.corsOrigins]: props.corsOrigins.join(','),
      },
    });
    this.function = reader.function;
    reader.role.addToPrincipalPolicy(
      new PolicyStatement({ actions: [...READER_TABLE_ACTIONS], resources: [props.table.tableArn] }),
    );
    reader.role.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['dynamodb:Query'], resources: [`${props.table.tableArn}/index/*`] }),
    );
    reader.role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['s3:GetObject'],
        resources: [props.contentBucket.arnForObjects(`${props.contentPrefix}*`)],
      }),
    );
    // Lets a missing content object read as 404 (not 403), so the API answers NOT_FOUND, not INTERNAL.
    reader.role.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['s3:ListBucket'], resources: [props.contentBucket.bucketArn] }),
    );
    // GetSecretValue only: `grantRead` adds DescribeSecret, which the read function never calls
    // (functions/shared/read-dependencies.ts sends GetSecretValueCommand alone).
    reader.role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['secretsmanager:GetSecretValue'],
        resources: [this.cursorSecret.secretArn],
      }),
    );
    const readerPolicy = reader.role.node.tryFindChild('DefaultPolicy');
    if (readerPolicy !== undefined) {
      acknowledgeObjectWildcard(
        readerPolicy,
        props.table,
        '/index/*',
        "Queries use the table's own indexes only.",
      );
      acknowledgeObjectWildcard(
        readerPolicy,
        props.contentBucket,
        `/${props.contentPrefix}*`,
        'Parsed content is read per article id, under the content prefix only.',
      );
    }

    this.api = new HttpApi(this, 'Api', {
      description: 'article-pipeline read API',
      createDefaultStage: false,
      ...(props.corsOrigins.length > 0 && {
        // The local server answers preflights from the same policy (local/http-api-server.ts).
        corsPreflight: {
          allowOrigins: [...props.corsOrigins],
          allowMethods: CORS_PREFLIGHT.allowMethods.map((method) => CorsHttpMethod[method]),
          allowHeaders: [...CORS_PREFLIGHT.allowHeaders],
          maxAge: Duration.seconds(CORS_PREFLIGHT.maxAgeSeconds),
        },
      }),
    });
    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: props.logRetention,
      removalPolicy: props.removalPolicy,
    });
    this.stage = this.api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: props.throttle.rateLimit, burstLimit: props.throttle.burstLimit },
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            ip: '$context.identity.sourceIp',
            requestTime: '$context.requestTime',
            routeKey: '$context.routeKey',
            status: '$context.status',
            responseLength: '$context.responseLength',
            latencyMs: '$context.responseLatency',
            integrationError: '$context.integrationErrorMessage',
          }),
        ),
      },
    });

    const integration = new HttpLambdaIntegration('Reader', this.function);
    const authorizer = buildAuthorizer(props.authorization);
    // The routes of CONTRACT §4, from the same list the local server matches; anything else is
    // answered by API Gateway itself with 404.
    for (const routeKey of READ_API_ROUTES) {
      const [, path = routeKey] = routeKey.split(' ');
      const routes = this.api.addRoutes({
        path,
        methods: [HttpMethod.GET],
        integration,
        ...(authorizer !== undefined && { authorizer }),
      });
      if (props.authorization.mode === 'none') {
        for (const route of routes) {
          Validations.of(route).acknowledge({
            id: 'AwsSolutions-APIG4',
            reason: 'Public read-only API by choice (context auth=none), throttled at the stage.',
          });
        }
      }
    }
  }

  /** The invoke URL of the `$default` stage. */
  get url(): string {
    return this.stage.url;
  }
}

function buildAuthorizer(authorization: ApiAuthorization): IHttpRouteAuthorizer | undefined {
  switch (authorization.mode) {
    case 'none':
      return undefined;
    case 'iam':
      return new HttpIamAuthorizer();
    case 'jwt':
      return new HttpJwtAuthorizer('Jwt', authorization.issuer, { jwtAudience: [...authorization.audience] });
  }
}
