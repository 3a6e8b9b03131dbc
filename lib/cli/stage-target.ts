import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { STACK_OUTPUTS, type StackOutputName, stackNameOf } from '../../infra/stack-outputs.js';
import {
  LOCAL_DEFAULTS,
  localDynamoDbEndpoint,
  localS3Endpoint,
  readLocalSettings,
} from '../../local/local-settings.js';

/**
 * Where `reprocess` and `reconcile` act: the local pipeline of `npm start` (the default), or a
 * deployed stage whose resources are read from its CloudFormation outputs with the standard AWS
 * credentials of the environment.
 */
export interface PipelineTarget {
  readonly kind: 'local' | 'cloud';
  readonly description: string;
  readonly s3: S3Client;
  readonly dynamo: DynamoDBClient;
  readonly rawBucket: string;
  readonly contentBucket: string;
  readonly tableName: string;
  /** Cloud only: the reprocessing state machine. */
  readonly stateMachineArn: string | null;
  /** Local only: S3 addressing the local endpoint needs. */
  readonly s3ForcePathStyle: boolean;
  close(): void;
}

export class TargetError extends Error {
  override readonly name = 'TargetError';
}

type Env = Readonly<Record<string, string | undefined>>;

/** The local pipeline at the contract's endpoints (S3_PORT / DYNAMODB_PORT respected). */
export function localTarget(env: Env = process.env): PipelineTarget {
  const settings = readLocalSettings(env);
  // The local endpoints accept any key: use the user's if set, never stall on a profile or SSO.
  const credentials =
    env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY
      ? { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY }
      : { accessKeyId: LOCAL_DEFAULTS.accessKeyId, secretAccessKey: LOCAL_DEFAULTS.secretAccessKey };
  const s3 = new S3Client({
    endpoint: localS3Endpoint(settings),
    forcePathStyle: true,
    region: settings.region,
    credentials,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const dynamo = new DynamoDBClient({
    endpoint: localDynamoDbEndpoint(settings),
    region: settings.region,
    credentials,
  });
  return {
    kind: 'local',
    description: `local pipeline (${localS3Endpoint(settings)}, ${localDynamoDbEndpoint(settings)})`,
    s3,
    dynamo,
    rawBucket: settings.rawBucket,
    contentBucket: settings.contentBucket,
    tableName: settings.tableName,
    stateMachineArn: null,
    s3ForcePathStyle: true,
    close: () => {
      s3.destroy();
      dynamo.destroy();
    },
  };
}

/** A deployed stage, found by its stack's outputs (`ArticlePipeline-<stage>`). */
export async function cloudTarget(stage: string): Promise<PipelineTarget> {
  const stackName = stackNameOf(stage);
  const cloudFormation = new CloudFormationClient({});
  let outputs: ReadonlyMap<string, string>;
  try {
    const { Stacks } = await cloudFormation.send(new DescribeStacksCommand({ StackName: stackName }));
    outputs = new Map(
      (Stacks?.[0]?.Outputs ?? []).flatMap((output) =>
        output.OutputKey !== undefined && output.OutputValue !== undefined
          ? [[output.OutputKey, output.OutputValue] as const]
          : [],
      ),
    );
  } catch (error: unknown) {
    throw new TargetError(
      `cannot read stack ${stackName}: ${error instanceof Error ? error.message : String(error)}`,
      {
        cause: error,
      },
    );
  } finally {
    cloudFormation.destroy();
  }
  const output = (name: StackOutputName): string => {
    const value = outputs.get(name);
    if (value === undefined) throw new TargetError(`stack ${stackName} has no output ${name}`);
    return value;
  };
  const s3 = new S3Client({});
  const dynamo = new DynamoDBClient({});
  return {
    kind: 'cloud',
    description: `stage ${stage} (stack ${stackName})`,
    s3,
    dynamo,
    rawBucket: output(STACK_OUTPUTS.rawBucketName),
    contentBucket: output(STACK_OUTPUTS.contentBucketName),
    tableName: output(STACK_OUTPUTS.tableName),
    stateMachineArn: output(STACK_OUTPUTS.reprocessStateMachineArn),
    s3ForcePathStyle: false,
    close: () => {
      s3.destroy();
      dynamo.destroy();
    },
  };
}
