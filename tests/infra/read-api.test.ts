import { Capture, Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { CORS_PREFLIGHT } from '../../lib/api/cors-preflight.js';
import { ENV } from '../../lib/config/environment.js';
import { actionsOf, idOf, statementsOfRole, statementsOn, synthesizeStage } from './synthesize.js';

const { stack, template } = synthesizeStage({ corsOrigins: 'https://example.org,https://news.example' });
const readerRoleId = idOf(stack.readApi.function.role ?? stack.readApi.function);
const secretId = idOf(stack.readApi.cursorSecret);

const WRITE_ACTION =
  /^(dynamodb:(Put|Update|Delete|BatchWrite|TransactWrite|Create)|s3:(Put|Delete|Restore))/;

describe('read API', () => {
  it('serves exactly the six GET routes of the contract, with no catch-all', () => {
    const routeKeys = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map(
      (route) => route.Properties.RouteKey as string,
    );
    expect(routeKeys.sort()).toEqual(
      [
        'GET /articles',
        'GET /articles/{id}',
        'GET /articles/{id}/content',
        'GET /articles/{id}/links',
        'GET /links',
        'GET /openapi.json',
      ].sort(),
    );
  });

  it('throttles the stage and writes access logs', () => {
    const destination = new Capture();
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
      AccessLogSettings: {
        DestinationArn: destination,
        Format: Match.stringLikeRegexp('\\$context.requestId'),
      },
    });
    expect(JSON.stringify(destination.asObject())).toContain('AccessLogs');
  });

  it('allows the origins given in context', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: { AllowOrigins: ['https://example.org', 'https://news.example'] },
    });
  });

  it('answers preflights with the policy the local server answers them with', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: {
        AllowMethods: [...CORS_PREFLIGHT.allowMethods],
        AllowHeaders: [...CORS_PREFLIGHT.allowHeaders],
        MaxAge: CORS_PREFLIGHT.maxAgeSeconds,
      },
    });
  });

  it('is public (throttled) by default', () => {
    for (const route of Object.values(template.findResources('AWS::ApiGatewayV2::Route'))) {
      expect(route.Properties.AuthorizationType ?? 'NONE').toBe('NONE');
    }
  });

  it('gives the read function no write action on any resource', () => {
    const actions = actionsOf(statementsOfRole(template, readerRoleId));
    expect(actions.filter((action) => WRITE_ACTION.test(action) || action.includes('*'))).toEqual([]);
    expect(actions).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:Query', 's3:GetObject']));
  });

  it('lets only the read function read the cursor secret', () => {
    const readers = Object.values(template.findResources('AWS::IAM::Policy')).filter(
      (policy) => statementsOn(policy.Properties.PolicyDocument.Statement, secretId).length > 0,
    );
    expect(readers.map((policy) => policy.Properties.Roles)).toEqual([[{ Ref: readerRoleId }]]);
    // GetSecretValue, the one call the read function makes (no DescribeSecret).
    expect(statementsOn(statementsOfRole(template, readerRoleId), secretId)).toEqual([
      { Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: { Ref: secretId } },
    ]);
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      Environment: { Variables: Match.objectLike({ [ENV.cursorSecretArn]: { Ref: secretId } }) },
    });
  });

  it('requires SigV4 on every route with auth=iam', () => {
    const { template: iam } = synthesizeStage({ auth: 'iam' });
    const types = Object.values(iam.findResources('AWS::ApiGatewayV2::Route')).map(
      (route) => route.Properties.AuthorizationType,
    );
    expect(types).toEqual(Array(6).fill('AWS_IAM'));
  });

  it('validates JWTs of the configured issuer and audience on every route with auth=jwt', () => {
    const { template: jwt } = synthesizeStage({
      auth: 'jwt',
      jwtIssuer: 'https://issuer.example/',
      jwtAudience: 'reader-app',
    });
    jwt.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      JwtConfiguration: { Issuer: 'https://issuer.example/', Audience: ['reader-app'] },
    });
    const types = Object.values(jwt.findResources('AWS::ApiGatewayV2::Route')).map(
      (route) => route.Properties.AuthorizationType,
    );
    expect(types).toEqual(Array(6).fill('JWT'));
  });

  it('refuses auth=jwt without an issuer and audience', () => {
    expect(() => synthesizeStage({ auth: 'jwt' })).toThrow(/jwtIssuer/);
  });
});
