import { Capture, Match } from 'aws-cdk-lib/assertions';
import type { Construct } from 'constructs';
import jsonata from 'jsonata';
import { describe, expect, it } from 'vitest';
import { REPROCESS_RESULTS_PREFIX } from '../../infra/constructs/raw-storage.js';
import { TemplateModel } from './iam/template-model.js';
import { actionsOf, idOf, statementsOfRole, statementsOn, synthesizeStage } from './synthesize.js';

const { stack, template } = synthesizeStage();

/** Evaluates a `{% … %}` field of the definition as Step Functions would, with `$states` bound. */
const evaluate = (field: unknown, states: unknown): Promise<unknown> =>
  jsonata(String(field).replace(/^\{%\s*|\s*%\}$/g, '')).evaluate({}, { states });

interface MapState {
  readonly Type: string;
  readonly ItemProcessor: {
    ProcessorConfig: { Mode: string; ExecutionType: string };
    StartAt: string;
    States: Record<string, { Arguments: { Payload: { keys: string } } }>;
  };
  readonly ItemReader: { Resource: string; Arguments: { Bucket: string; Prefix: string } };
  readonly MaxConcurrency: number;
  readonly ItemBatcher: { MaxItemsPerBatch: number };
  readonly ItemSelector: string;
  readonly ResultWriter?: unknown;
}

/** The state machine definition, with CloudFormation references replaced by their logical ids. */
function definition(): { States: Record<string, MapState>; StartAt: string } {
  const body = new Capture();
  template.hasResourceProperties('AWS::StepFunctions::StateMachine', { DefinitionString: body });
  const parts = (body.asObject() as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1];
  const text = parts
    .map((part) => {
      if (typeof part === 'string') return part;
      const ref = (part as { Ref?: string; 'Fn::GetAtt'?: [string, string] }).Ref;
      return ref ?? (part as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
    })
    .join('');
  return JSON.parse(text);
}

describe('reprocessing', () => {
  const states = definition();
  const map = states.States[states.StartAt];

  it('lists the raw bucket with a Distributed Map, prefix taken from the execution input', () => {
    expect(map?.Type).toBe('Map');
    expect(map?.ItemProcessor.ProcessorConfig).toEqual({ Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' });
    expect(map?.ItemReader.Resource).toMatch(/:states:::s3:listObjectsV2$/);
    expect(map?.ItemReader.Arguments.Bucket).toBe(idOf(stack.storage.rawBucket));
    expect(map?.ItemReader.Arguments.Prefix).toContain('$states.input.prefix');
  });

  it('lists everything when the execution input has no prefix, else only that prefix', async () => {
    expect(await evaluate(map?.ItemReader.Arguments.Prefix, { input: {} })).toBe('');
    expect(await evaluate(map?.ItemReader.Arguments.Prefix, { input: { prefix: '2017/' } })).toBe('2017/');
  });

  it('hands the worker an array of keys, even for a batch of one', async () => {
    const task = Object.values(map?.ItemProcessor.States ?? {})[0];
    // JSONata returns a sequence (an array with extra properties); Step Functions sends its items.
    const keysOf = async (items: readonly { key: string }[]): Promise<unknown> => {
      const keys = await evaluate(task?.Arguments.Payload.keys, { input: { Items: items } });
      return Array.isArray(keys) ? [...keys] : keys;
    };
    expect(await keysOf([{ key: 'a.txt' }])).toEqual(['a.txt']);
    expect(await keysOf([{ key: 'a.txt' }, { key: 'ب.txt' }])).toEqual(['a.txt', 'ب.txt']);
    const selected = await evaluate(map?.ItemSelector, {
      context: { Map: { Item: { Value: { Key: 'k.txt' } } } },
    });
    expect(selected).toEqual({ key: 'k.txt' });
  });

  it('bounds concurrency and batches keys', () => {
    expect(map?.MaxConcurrency).toBe(10);
    expect(map?.ItemBatcher.MaxItemsPerBatch).toBeGreaterThan(1);
    expect(map?.ResultWriter).toBeDefined();
  });

  it('runs each batch on the reprocess function, always passing an array of keys', () => {
    expect(JSON.stringify(map?.ItemProcessor)).toContain(idOf(stack.reprocessing.function));
    expect(JSON.stringify(map?.ItemProcessor)).toContain('$states.input.Items.key[]');
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
    });
  });

  it('logs every execution and traces it', () => {
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      LoggingConfiguration: Match.objectLike({ Level: 'ALL' }),
      TracingConfiguration: { Enabled: true },
    });
  });

  it('lets the worker read raw objects and write the table and content, with no wildcard action', () => {
    const statements = statementsOfRole(template, idOf(stack.reprocessing.function.role ?? stack));
    expect(actionsOf(statements).filter((action) => action.includes('*'))).toEqual([]);
    expect([...new Set(actionsOf(statementsOn(statements, idOf(stack.storage.rawBucket))))].sort()).toEqual([
      's3:GetObject',
      's3:GetObjectVersion',
      's3:ListBucket',
    ]);
  });

  it('lets the state machine write run results under the results prefix only, and only list the raw bucket', () => {
    const model = TemplateModel.fromJson(template.toJSON());
    const statements = statementsOfRole(template, idOf(stack.reprocessing.stateMachine.role));
    const grants = (bucket: Construct) =>
      statementsOn(statements, idOf(bucket)).map((statement) => ({
        actions: [...actionsOf([statement])].sort(),
        resources: [model.resolve(statement.Resource)].flat(),
      }));
    expect(grants(stack.storage.contentBucket)).toEqual([
      {
        actions: ['s3:AbortMultipartUpload', 's3:GetObject', 's3:ListMultipartUploadParts', 's3:PutObject'],
        resources: [`${model.getAtt(idOf(stack.storage.contentBucket), 'Arn')}/${REPROCESS_RESULTS_PREFIX}*`],
      },
    ]);
    expect(grants(stack.storage.rawBucket)).toEqual([
      { actions: ['s3:ListBucket'], resources: [model.getAtt(idOf(stack.storage.rawBucket), 'Arn')] },
    ]);
  });

  it('lets the state machine list the raw bucket and invoke only its worker', () => {
    const statements = statementsOfRole(template, idOf(stack.reprocessing.stateMachine.role));
    expect(actionsOf(statementsOn(statements, idOf(stack.storage.rawBucket)))).toContain('s3:ListBucket');
    const invoked = statements.filter((statement) =>
      actionsOf([statement]).includes('lambda:InvokeFunction'),
    );
    expect(invoked.length).toBeGreaterThan(0);
    for (const statement of invoked) {
      expect(JSON.stringify(statement.Resource)).toContain(idOf(stack.reprocessing.function));
    }
  });
});
