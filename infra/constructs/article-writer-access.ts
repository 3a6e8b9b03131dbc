import { CfnElement, Stack, Validations } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { type IRole, Policy, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

export interface ArticleWriterAccessProps {
  readonly role: IRole;
  readonly rawBucket: IBucket;
  readonly table: ITableV2;
  readonly contentBucket: IBucket;
  readonly contentPrefix: string;
}

/** Table actions ingest needs: conditional writes, link replacement, and reference lookups. */
export const WRITER_TABLE_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:ConditionCheckItem',
] as const;

/**
 * What a function that (re)extracts articles may do, and nothing more: read raw objects (any
 * version), write the table, and write parsed content under the content prefix. Actions are
 * listed one by one (the `grant*` helpers add wildcards such as `s3:GetObject*` and `s3:List*`).
 */
export class ArticleWriterAccess extends Construct {
  readonly policy: Policy;

  constructor(scope: Construct, id: string, props: ArticleWriterAccessProps) {
    super(scope, id);
    const rawObjects = props.rawBucket.arnForObjects('*');
    const contentObjects = props.contentBucket.arnForObjects(`${props.contentPrefix}*`);
    const indexes = `${props.table.tableArn}/index/*`;
    this.policy = new Policy(this, 'Policy', {
      roles: [props.role],
      statements: [
        new PolicyStatement({ actions: ['s3:GetObject', 's3:GetObjectVersion'], resources: [rawObjects] }),
        // Without ListBucket, S3 answers a missing key with 403 instead of 404, and a key deleted
        // before its event is handled would look like a fault and be retried into the dead letters.
        new PolicyStatement({
          actions: ['s3:ListBucket'],
          resources: [props.rawBucket.bucketArn, props.contentBucket.bucketArn],
        }),
        new PolicyStatement({ actions: [...WRITER_TABLE_ACTIONS], resources: [props.table.tableArn] }),
        new PolicyStatement({ actions: ['dynamodb:Query'], resources: [indexes] }),
        new PolicyStatement({
          actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
          resources: [contentObjects],
        }),
      ],
    });
    acknowledgeObjectWildcard(
      this.policy,
      props.rawBucket,
      '/*',
      'Raw articles are read by key from events, any key.',
    );
    acknowledgeObjectWildcard(
      this.policy,
      props.contentBucket,
      `/${props.contentPrefix}*`,
      'Parsed content is written per article id, under the content prefix only.',
    );
    acknowledgeObjectWildcard(
      this.policy,
      props.table,
      '/index/*',
      "Queries use the table's own indexes only.",
    );
  }
}

/**
 * Acknowledges cdk-nag's wildcard finding for one resource ARN pattern on one policy, naming the
 * resource by logical id the way cdk-nag reports it (`Resource::<LogicalId.Arn>/*`).
 */
export function acknowledgeObjectWildcard(
  policy: Construct,
  resource: Construct,
  suffix: string,
  reason: string,
): void {
  Validations.of(policy).acknowledge({
    id: `AwsSolutions-IAM5[Resource::<${logicalIdOf(resource)}.Arn>${suffix}]`,
    reason,
  });
}

/** The CloudFormation logical id of an L2 construct's resource. */
export function logicalIdOf(resource: Construct): string {
  const element = resource.node.defaultChild;
  if (!(element instanceof CfnElement))
    throw new Error(`${resource.node.path} has no CloudFormation resource`);
  const logicalId: unknown = Stack.of(resource).resolve(element.logicalId);
  if (typeof logicalId !== 'string') throw new Error(`${resource.node.path} has no resolvable logical id`);
  return logicalId;
}
