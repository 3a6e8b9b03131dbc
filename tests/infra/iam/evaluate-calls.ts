/**
 * Evaluates IAM requests against a synthesized stack with a real policy engine
 * (@cloud-copilot/iam-simulate): the role's identity policies plus the resource policy of the
 * bucket or queue, in one account, as AWS decides same-account requests (allowed by either,
 * unless explicitly denied by any).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runSimulation } from '@cloud-copilot/iam-simulate';
import type { IRole } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import type { ArticlePipelineStack } from '../../../infra/article-pipeline-stack.js';
import { logicalIdOf } from '../../../infra/constructs/article-writer-access.js';
import { LOCAL_DEFAULTS } from '../../../local/local-settings.js';
import type { RecordedCall } from '../../support/iam/aws-call-recorder.js';
import {
  type IamRequest,
  type ResourceArns,
  type StackRole,
  UnmappedCallError,
} from '../../support/iam/iam-requests.js';
import { ACCOUNT, type TemplateModel } from './template-model.js';

export type Decision = 'Allowed' | 'ExplicitlyDenied' | 'ImplicitlyDenied';

export interface Evaluation {
  readonly decision: Decision;
  /** Why the engine refused to evaluate (bad action, resource or context key for the action). */
  readonly error: string | null;
}

/** A request made by a principal that is not a role of the stack: an AWS service (S3 notifying SQS). */
export interface ServiceRequest extends IamRequest {
  readonly service: string;
}

/** The stack's roles by what they do, and the logical ids of the resources the handlers name. */
export interface StackIdentities {
  readonly roles: Readonly<Record<StackRole, string>>;
  readonly rawBucket: string;
  readonly contentBucket: string;
  readonly accessLogsBucket: string;
  readonly table: string;
  readonly eventsQueue: string;
  readonly deadLetterQueue: string;
  readonly cursorSecret: string;
  readonly stateMachine: string;
  readonly worker: string;
}

const roleIdOf = (role: IRole | undefined): string => {
  if (!(role instanceof Construct)) throw new Error('a function of the stack has no role of its own');
  return logicalIdOf(role);
};

export function stackIdentities(stack: ArticlePipelineStack): StackIdentities {
  return {
    roles: {
      ingest: roleIdOf(stack.ingest.function.role),
      read: roleIdOf(stack.readApi.function.role),
      'reprocess-worker': roleIdOf(stack.reprocessing.function.role),
      'reprocess-state-machine': roleIdOf(stack.reprocessing.stateMachine.role),
    },
    rawBucket: logicalIdOf(stack.storage.rawBucket),
    contentBucket: logicalIdOf(stack.storage.contentBucket),
    accessLogsBucket: logicalIdOf(stack.storage.accessLogsBucket),
    table: logicalIdOf(stack.articles.table),
    eventsQueue: logicalIdOf(stack.ingest.queue),
    deadLetterQueue: logicalIdOf(stack.ingest.deadLetterQueue),
    cursorSecret: logicalIdOf(stack.readApi.cursorSecret),
    stateMachine: logicalIdOf(stack.reprocessing.stateMachine),
    worker: logicalIdOf(stack.reprocessing.function),
  };
}

/**
 * The emulators' names (tests/integration/emulators.ts and the local runtime use the local
 * defaults: bucket `articles-raw`, `articles-content`, table `articles`) → the stack's ARNs.
 * A name the stack does not define is an error, never a guess.
 */
export function emulatorArns(model: TemplateModel, ids: StackIdentities): ResourceArns {
  const buckets: Readonly<Record<string, string>> = {
    [LOCAL_DEFAULTS.rawBucket]: model.getAtt(ids.rawBucket, 'Arn'),
    [LOCAL_DEFAULTS.contentBucket]: model.getAtt(ids.contentBucket, 'Arn'),
  };
  const tables: Readonly<Record<string, string>> = {
    [LOCAL_DEFAULTS.tableName]: model.getAtt(ids.table, 'Arn'),
  };
  const lookup = (kind: string, names: Readonly<Record<string, string>>, name: string): string => {
    const arn = names[name];
    if (arn === undefined) throw new UnmappedCallError(`${kind} "${name}" is not a resource of the stack`);
    return arn;
  };
  const secret = model.ref(ids.cursorSecret);
  const stateMachine = model.ref(ids.stateMachine);
  return {
    bucket: (name) => lookup('bucket', buckets, name),
    table: (name) => lookup('table', tables, name),
    secret: (id) => lookup('secret', { [secret]: secret }, id),
    stateMachine: (arn) => lookup('state machine', { [stateMachine]: stateMachine }, arn),
  };
}

/** Decides one request; `principal` is a role's logical id or, for an AWS service, `service:NAME`. */
export async function evaluateRequest(
  model: TemplateModel,
  principal: { readonly roleId: string } | { readonly service: string },
  request: IamRequest,
): Promise<Evaluation> {
  const identityPolicies = 'roleId' in principal ? model.identityPolicies(principal.roleId) : [];
  const resourcePolicy = model.resourcePolicy(request.resource);
  const response = await runSimulation(
    {
      request: {
        principal: 'roleId' in principal ? model.roleArn(principal.roleId) : principal.service,
        action: request.action,
        resource: { resource: request.resource, accountId: ACCOUNT },
        contextVariables: { ...request.context },
      },
      identityPolicies: identityPolicies.map((policy) => ({ name: policy.name, policy: policy.policy })),
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      ...(resourcePolicy === null ? {} : { resourcePolicy }),
    },
    {},
  );
  if (response.resultType === 'error') {
    return { decision: 'ImplicitlyDenied', error: JSON.stringify(response.errors) };
  }
  return { decision: response.overallResult as Decision, error: null };
}

/** Every call recorded in a folder by the integration suites (one JSON line per call). */
export function readRecordedCalls(directory: string): RecordedCall[] {
  const calls: RecordedCall[] = [];
  for (const file of readdirSync(directory)
    .filter((name) => name.endsWith('.jsonl'))
    .sort()) {
    for (const line of readFileSync(join(directory, file), 'utf8').split('\n')) {
      if (line.trim() !== '') calls.push(JSON.parse(line) as RecordedCall);
    }
  }
  return calls;
}
