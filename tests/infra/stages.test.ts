import { describe, expect, it } from 'vitest';
import { STACK_OUTPUTS } from '../../infra/stack-outputs.js';
import { synthesizeStage } from './synthesize.js';

const policiesOf = (template: ReturnType<typeof synthesizeStage>['template'], type: string): string[] =>
  Object.values(template.findResources(type)).map((resource) => String(resource.DeletionPolicy));

describe('stages', () => {
  const dev = synthesizeStage();
  const prod = synthesizeStage({ stage: 'prod' });

  it('deploys dev when no stage is given, under a stage-named stack', () => {
    expect(dev.stack.stackName).toBe('ArticlePipeline-dev');
    expect(prod.stack.stackName).toBe('ArticlePipeline-prod');
  });

  it('retains buckets, secret and logs in production and destroys them in dev', () => {
    for (const type of ['AWS::S3::Bucket', 'AWS::SecretsManager::Secret', 'AWS::Logs::LogGroup']) {
      expect(new Set(policiesOf(dev.template, type))).toEqual(new Set(['Delete']));
      expect(new Set(policiesOf(prod.template, type))).toEqual(new Set(['Retain']));
    }
  });

  it('empties dev buckets on deletion and never production ones', () => {
    expect(Object.keys(dev.template.findResources('Custom::S3AutoDeleteObjects'))).toHaveLength(3);
    expect(Object.keys(prod.template.findResources('Custom::S3AutoDeleteObjects'))).toHaveLength(0);
  });

  it('keeps logs longer in production', () => {
    const retention = (template: typeof dev.template): number[] =>
      Object.values(template.findResources('AWS::Logs::LogGroup')).map((group) =>
        Number(group.Properties.RetentionInDays),
      );
    expect(Math.min(...retention(prod.template))).toBeGreaterThan(Math.max(...retention(dev.template)));
  });

  it('hard-codes no physical name and no account id', () => {
    const text = JSON.stringify(prod.template.toJSON());
    expect(text).not.toMatch(/\b\d{12}\b/);
    for (const [type, nameProperty] of [
      ['AWS::S3::Bucket', 'BucketName'],
      ['AWS::DynamoDB::GlobalTable', 'TableName'],
      ['AWS::SQS::Queue', 'QueueName'],
      ['AWS::Lambda::Function', 'FunctionName'],
    ] as const) {
      for (const resource of Object.values(prod.template.findResources(type))) {
        expect(resource.Properties[nameProperty]).toBeUndefined();
      }
    }
  });

  it('exports the outputs the CLI looks up', () => {
    for (const name of Object.values(STACK_OUTPUTS)) dev.template.hasOutput(name, {});
  });

  it('rejects an unknown stage', () => {
    expect(() => synthesizeStage({ stage: 'staging' })).toThrow(/dev or prod/);
  });
});
