import { describe, expect, it } from 'vitest';
import { articleTableDefinition } from '../../lib/adapters/article-table-definition.js';
import { TTL_ATTRIBUTE } from '../../lib/adapters/dynamodb-keys.js';
import { synthesizeStage } from './synthesize.js';

interface KeyElement {
  readonly AttributeName?: string;
  readonly KeyType?: string;
}

const tableOf = (
  context: Record<string, unknown>,
): { props: Record<string, unknown>; resource: Record<string, unknown> } => {
  const { template } = synthesizeStage(context);
  const [resource] = Object.values(template.findResources('AWS::DynamoDB::GlobalTable'));
  if (resource === undefined) throw new Error('no table');
  return { props: resource.Properties, resource };
};

const sortedKeys = (keys: readonly KeyElement[] | undefined): string =>
  JSON.stringify((keys ?? []).map((key) => `${key.KeyType}:${key.AttributeName}`).sort());

describe('article table', () => {
  const dev = tableOf({});
  const local = articleTableDefinition('articles');

  it('has the same keys and indexes as the table the local runtime creates', () => {
    expect(sortedKeys(dev.props.KeySchema as KeyElement[])).toBe(sortedKeys(local.KeySchema));
    const cloudIndexes = (
      dev.props.GlobalSecondaryIndexes as {
        IndexName: string;
        KeySchema: KeyElement[];
        Projection: { ProjectionType: string };
      }[]
    ).map((index) => [index.IndexName, sortedKeys(index.KeySchema), index.Projection.ProjectionType]);
    const localIndexes = (local.GlobalSecondaryIndexes ?? []).map((index) => [
      index.IndexName,
      sortedKeys(index.KeySchema),
      index.Projection?.ProjectionType,
    ]);
    expect(cloudIndexes.sort()).toEqual(localIndexes.sort());
    const attributes = (list: readonly { AttributeName?: string; AttributeType?: string }[]): string[] =>
      list.map((attribute) => `${attribute.AttributeName}:${attribute.AttributeType}`).sort();
    expect(attributes(dev.props.AttributeDefinitions as [])).toEqual(
      attributes(local.AttributeDefinitions ?? []),
    );
  });

  it('bills on demand, keeps point-in-time recovery and expires tombstones by TTL', () => {
    expect(dev.props).toMatchObject({
      BillingMode: 'PAY_PER_REQUEST',
      TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true },
    });
    expect(JSON.stringify(dev.props.Replicas)).toContain('"PointInTimeRecoveryEnabled":true');
  });

  it('is destroyed with a dev stack but retained and deletion-protected in production', () => {
    expect(dev.resource.DeletionPolicy).toBe('Delete');
    expect(JSON.stringify(dev.props.Replicas)).not.toContain('"DeletionProtectionEnabled":true');
    const prod = tableOf({ stage: 'prod' });
    expect(prod.resource.DeletionPolicy).toBe('Retain');
    expect(prod.resource.UpdateReplacePolicy).toBe('Retain');
    expect(JSON.stringify(prod.props.Replicas)).toContain('"DeletionProtectionEnabled":true');
    expect(JSON.stringify(prod.props.Replicas)).toContain('"PointInTimeRecoveryEnabled":true');
  });
});
