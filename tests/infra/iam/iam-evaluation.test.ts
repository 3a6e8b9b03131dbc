/**
 * IAM, evaluated for real: every AWS call the handlers made in the ingest, read and reprocess
 * integration suites (recorded by tests/support/iam/aws-call-recorder.ts into the run's
 * IAM_CALLS_DIR) is turned into the IAM requests AWS authorizes for it and decided by a policy
 * engine against the synthesized dev and prod templates: the calling role's policies plus the
 * bucket's or queue's resource policy. This file runs after every other (vitest.config.ts); run
 * alone, it first runs the suites whose calls are missing.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  CALL_SOURCES,
  CALLS_DIR_ENV,
  type CallSource,
  type RecordedCall,
} from '../../support/iam/aws-call-recorder.js';
import { type IamRequest, iamRequestsOf, roleOf, type StackRole } from '../../support/iam/iam-requests.js';
import { synthesizeStage } from '../synthesize.js';
import {
  type Decision,
  emulatorArns,
  evaluateRequest,
  readRecordedCalls,
  type StackIdentities,
  stackIdentities,
} from './evaluate-calls.js';
import { ACCOUNT, TemplateModel } from './template-model.js';

const INTEGRATION = 'tests/integration';
const SUITES: Readonly<Record<CallSource, (file: string) => boolean>> = {
  ingest: (file) => /^ingest.*\.test\.ts$/.test(file),
  read: (file) => file === 'read-api.test.ts' || file === 'openapi.test.ts',
  reprocess: (file) => file === 'reprocess-reconcile.test.ts',
};

interface Variant {
  readonly stage: string;
  readonly model: TemplateModel;
  readonly ids: StackIdentities;
}

interface Denial {
  readonly stage: string;
  readonly role: StackRole;
  readonly command: string;
  readonly action: string;
  readonly resource: string;
  readonly decision: Decision;
  readonly error: string | null;
}

let calls: RecordedCall[] = [];
let variants: Variant[] = [];

/** Runs the integration suites whose calls this run did not record (this file run on its own). */
function recordMissingSuites(directory: string, missing: readonly CallSource[]): void {
  const files = readdirSync(INTEGRATION)
    .filter((file) => missing.some((source) => SUITES[source](file)))
    .map((file) => `${INTEGRATION}/${file}`);
  process.stdout.write(`IAM evaluation: recording the calls of ${files.join(', ')} first\n`);
  const result = spawnSync('npx', ['vitest', 'run', '--project', 'suite', ...files], {
    env: { ...process.env, [CALLS_DIR_ENV]: directory },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (result.status !== 0) throw new Error(`the integration suites failed (exit ${result.status})`);
}

/** One request per distinct (role, action, resource, context): thousands of calls, far fewer requests. */
const requestKey = (role: StackRole, request: IamRequest): string =>
  JSON.stringify([role, request.action, request.resource, request.context]);

beforeAll(async () => {
  const directory = process.env[CALLS_DIR_ENV];
  if (directory === undefined) throw new Error(`${CALLS_DIR_ENV} is not set: run through vitest.config.ts`);
  const recorded = new Set(readRecordedCalls(directory).map((call) => call.source));
  const missing = CALL_SOURCES.filter((source) => !recorded.has(source));
  if (missing.length > 0) recordMissingSuites(directory, missing);
  calls = readRecordedCalls(directory);
  variants = (['dev', 'prod'] as const).map((stage) => {
    const { stack, template } = synthesizeStage({ stage });
    return { stage, model: TemplateModel.fromJson(template.toJSON()), ids: stackIdentities(stack) };
  });
}, 600_000);

describe('IAM: the calls the handlers make', () => {
  it('records calls from the ingest, read and reprocess suites', () => {
    for (const source of CALL_SOURCES) {
      expect(
        calls.filter((call) => call.source === source).length,
        `calls recorded by ${source}`,
      ).toBeGreaterThan(0);
    }
  });

  it('allows every recorded call, in dev and prod', async () => {
    const localOnly = calls.filter((call) => call.localOnly !== undefined);
    const evaluated = calls.filter((call) => call.localOnly === undefined);
    const denials: Denial[] = [];
    const deniedCalls = new Set<RecordedCall>();
    let requests = 0;
    let distinct = 0;
    for (const variant of variants) {
      const arns = emulatorArns(variant.model, variant.ids);
      const decided = new Map<string, Promise<Denial | null>>();
      for (const call of evaluated) {
        for (const request of iamRequestsOf(call, arns)) {
          requests += 1;
          const role = roleOf(call.principal, request);
          const key = requestKey(role, request);
          let decision = decided.get(key);
          if (decision === undefined) {
            decision = evaluateRequest(variant.model, { roleId: variant.ids.roles[role] }, request).then(
              (evaluation) =>
                evaluation.decision === 'Allowed'
                  ? null
                  : { stage: variant.stage, role, command: call.command, ...request, ...evaluation },
            );
            decided.set(key, decision);
          }
          const denial = await decision;
          if (denial !== null) deniedCalls.add(call);
        }
      }
      distinct += decided.size;
      for (const denial of await Promise.all(decided.values())) if (denial !== null) denials.push(denial);
    }
    const bySource = CALL_SOURCES.map(
      (source) => `${source} ${evaluated.filter((call) => call.source === source).length}`,
    ).join(', ');
    const reasons = [...new Set(localOnly.map((call) => `${call.command}: ${call.localOnly}`))];
    console.log(
      `IAM evaluation: ${evaluated.length} calls evaluated (${bySource}) as ${requests / variants.length} IAM ` +
        `requests per stage, ${distinct} distinct over ${variants.map((v) => v.stage).join(' and ')}: ` +
        `${evaluated.length - deniedCalls.size} allowed, ${deniedCalls.size} denied` +
        (localOnly.length === 0
          ? ''
          : `; ${localOnly.length} local-only not evaluated (${reasons.join('; ')})`),
    );
    const named = denials.map(
      (d) =>
        `${d.stage}: ${d.role} ${d.command} → ${d.action} on ${d.resource}: ${d.decision}${d.error ? ` (${d.error})` : ''}`,
    );
    expect(named, 'denied calls (action and resource)').toEqual([]);
  });
});

describe('IAM: what the cloud does that no local test can call', () => {
  it('allows the event source mapping, S3 notifications, the cursor secret and the Distributed Map', async () => {
    for (const { stage, model, ids } of variants) {
      const queue = model.getAtt(ids.eventsQueue, 'Arn');
      const tls = { 'aws:SecureTransport': 'true' };
      const checks: [{ roleId: string } | { service: string }, IamRequest][] = [
        // Lambda polls the queue with the function's role.
        ...[
          'sqs:ReceiveMessage',
          'sqs:DeleteMessage',
          'sqs:ChangeMessageVisibility',
          'sqs:GetQueueAttributes',
        ].map((action): [{ roleId: string }, IamRequest] => [
          { roleId: ids.roles.ingest },
          { action, resource: queue, context: tls },
        ]),
        // S3 delivers the bucket's events to the queue: allowed by the queue policy alone.
        [
          { service: 's3.amazonaws.com' },
          {
            action: 'sqs:SendMessage',
            resource: queue,
            context: {
              ...tls,
              'aws:SourceAccount': ACCOUNT,
              'aws:SourceArn': model.getAtt(ids.rawBucket, 'Arn'),
            },
          },
        ],
        // The read function fetches its cursor key (tests use an inline key instead).
        [
          { roleId: ids.roles.read },
          { action: 'secretsmanager:GetSecretValue', resource: model.ref(ids.cursorSecret), context: tls },
        ],
        // The Distributed Map invokes the worker and writes the run's results.
        [
          { roleId: ids.roles['reprocess-state-machine'] },
          { action: 'lambda:InvokeFunction', resource: model.getAtt(ids.worker, 'Arn'), context: tls },
        ],
        [
          { roleId: ids.roles['reprocess-state-machine'] },
          {
            action: 's3:PutObject',
            resource: `${model.getAtt(ids.contentBucket, 'Arn')}/reprocess-runs/run-1/manifest.json`,
            context: tls,
          },
        ],
        [
          { roleId: ids.roles['reprocess-state-machine'] },
          { action: 'states:StartExecution', resource: model.ref(ids.stateMachine), context: tls },
        ],
      ];
      for (const [principal, request] of checks) {
        const evaluation = await evaluateRequest(model, principal, request);
        expect(
          evaluation,
          `${stage}: ${JSON.stringify(principal)} ${request.action} on ${request.resource}`,
        ).toEqual({
          decision: 'Allowed',
          error: null,
        });
      }
    }
  });

  it('denies a request without TLS, even one the role allows', async () => {
    for (const { model, ids } of variants) {
      const evaluation = await evaluateRequest(
        model,
        { roleId: ids.roles.ingest },
        {
          action: 's3:GetObject',
          resource: `${model.getAtt(ids.rawBucket, 'Arn')}/a.txt`,
          context: { 'aws:SecureTransport': 'false' },
        },
      );
      expect(evaluation.decision).toBe('ExplicitlyDenied');
    }
  });
});

describe('IAM: what no role may do', () => {
  const tls = { 'aws:SecureTransport': 'true' };

  /** A denial the engine decided: an error (e.g. an action on the wrong resource type) proves nothing. */
  async function expectDenied(model: TemplateModel, roleId: string, request: IamRequest, label: string) {
    const evaluation = await evaluateRequest(model, { roleId }, request);
    expect(evaluation.error, `${label}: evaluated`).toBeNull();
    expect(evaluation.decision, label).not.toBe('Allowed');
  }

  it('denies the read role every write', async () => {
    for (const { stage, model, ids } of variants) {
      const buckets = [ids.rawBucket, ids.contentBucket, ids.accessLogsBucket].map((id) =>
        model.getAtt(id, 'Arn'),
      );
      const objects = buckets.flatMap((bucket) => [`${bucket}/content/x.json`, `${bucket}/a.txt`]);
      const table = model.getAtt(ids.table, 'Arn');
      const queues = [ids.eventsQueue, ids.deadLetterQueue].map((id) => model.getAtt(id, 'Arn'));
      const writes: [readonly string[], readonly string[]][] = [
        [['s3:PutObject', 's3:DeleteObject', 's3:DeleteObjectVersion', 's3:PutObjectAcl'], objects],
        [['s3:PutBucketPolicy', 's3:PutBucketVersioning', 's3:PutLifecycleConfiguration'], buckets],
        [
          [
            'dynamodb:PutItem',
            'dynamodb:UpdateItem',
            'dynamodb:DeleteItem',
            'dynamodb:BatchWriteItem',
            'dynamodb:PartiQLInsert',
            'dynamodb:PartiQLUpdate',
            'dynamodb:PartiQLDelete',
            'dynamodb:UpdateTable',
          ],
          [table],
        ],
        [['sqs:SendMessage', 'sqs:DeleteMessage', 'sqs:PurgeQueue'], queues],
        [['secretsmanager:PutSecretValue', 'secretsmanager:UpdateSecret'], [model.ref(ids.cursorSecret)]],
      ];
      for (const [actions, resources] of writes) {
        for (const action of actions) {
          for (const resource of resources) {
            await expectDenied(
              model,
              ids.roles.read,
              { action, resource, context: tls },
              `${stage}: read role ${action} on ${resource}`,
            );
          }
        }
      }
    }
  });

  it('lets S3 send to the events queue on behalf of this account only', async () => {
    for (const { stage, model, ids } of variants) {
      const queue = model.getAtt(ids.eventsQueue, 'Arn');
      const raw = model.getAtt(ids.rawBucket, 'Arn');
      const evaluation = await evaluateRequest(
        model,
        { service: 's3.amazonaws.com' },
        {
          action: 'sqs:SendMessage',
          resource: queue,
          context: { ...tls, 'aws:SourceAccount': '210987654321', 'aws:SourceArn': raw },
        },
      );
      expect(evaluation.error, `${stage}: evaluated`).toBeNull();
      expect(evaluation.decision, `${stage}: S3 for another account`).not.toBe('Allowed');
    }
  });

  it('lets no role of the stack delete the table, a bucket or a queue', async () => {
    for (const { stage, model, ids } of variants) {
      const deletions: IamRequest[] = [
        { action: 'dynamodb:DeleteTable', resource: model.getAtt(ids.table, 'Arn'), context: tls },
        ...[ids.rawBucket, ids.contentBucket, ids.accessLogsBucket].map((id) => ({
          action: 's3:DeleteBucket',
          resource: model.getAtt(id, 'Arn'),
          context: tls,
        })),
        ...[ids.eventsQueue, ids.deadLetterQueue].map((id) => ({
          action: 'sqs:DeleteQueue',
          resource: model.getAtt(id, 'Arn'),
          context: tls,
        })),
      ];
      const roles = model.logicalIdsOfType('AWS::IAM::Role');
      // Every role, CDK's own custom-resource roles included (e.g. dev's bucket auto-delete).
      expect(roles.length).toBeGreaterThanOrEqual(4);
      for (const roleId of roles) {
        for (const request of deletions) {
          await expectDenied(
            model,
            roleId,
            request,
            `${stage}: ${roleId} ${request.action} on ${request.resource}`,
          );
        }
      }
    }
  });
});
