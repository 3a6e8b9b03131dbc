import { Capture, Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { actionsOf, idOf, statementsOfRole, statementsOn, synthesizeStage } from './synthesize.js';

const { stack, template } = synthesizeStage();

interface MapState {
  readonly Type: string;
  readonly ItemProcessor: { ProcessorConfig: { Mode: string; ExecutionType: string }; StartAt: string };
  readonly ItemReader: { Resource: string; Arguments: { Bucket: string; Prefix: string } };
  readonly MaxConcurrency: number;
  readonly ItemBatcher: { MaxItemsPerBatch: number };
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

  it('bounds concurrency and batches keys', () => {
    expect(map?.MaxConcurrency).toBe(10);
    expect(map?.ItemBatcher.MaxItemsPerBatch).toBeGreaterThan(1);
    expect(map?.ResultWriter).toBeDefined();
  });

  it('runs each batch on the reprocess function', () => {
    expect(JSON.stringify(map?.ItemProcessor)).toContain(idOf(stack.reprocessing.function));
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
