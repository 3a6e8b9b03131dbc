import { App, type AppProps, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ArticlePipelineStack } from './article-pipeline-stack.js';
import { stackNameOf } from './stack-outputs.js';
import { readStageConfig } from './stage-config.js';

/**
 * Feature flags the stack is written for. Set here rather than only in cdk.json so that tests,
 * which build the app without the CLI, synthesize exactly what `cdk synth` does.
 */
export const FEATURE_FLAGS = {
  '@aws-cdk/core:checkSecretUsage': true,
  '@aws-cdk/core:enablePartitionLiterals': true,
  '@aws-cdk/aws-iam:minimizePolicies': true,
  // Grants log delivery by bucket policy instead of the legacy LogDeliveryWrite ACL.
  '@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy': true,
  // Renders the Distributed Map's ResultWriter (results to S3, not the 256 KB execution output).
  '@aws-cdk/aws-stepfunctions:useDistributedMapResultWriterV2': true,
} as const;

/**
 * Builds the CDK app: one environment-agnostic stack for the stage named in context (`dev` when
 * none), with the cdk-nag AwsSolutions checks registered so every synth is validated.
 *
 * @example createApp({ context: { stage: 'prod' } }).stack.stackName // 'ArticlePipeline-prod'
 */
export function createApp(props: AppProps = {}): { readonly app: App; readonly stack: ArticlePipelineStack } {
  const app = new App({ ...props, context: { ...FEATURE_FLAGS, ...props.context } });
  const config = readStageConfig((key) => app.node.tryGetContext(key));
  const stack = new ArticlePipelineStack(app, stackNameOf(config.stage), {
    config,
    description: `article-pipeline (${config.stage}): S3 → SQS → Lambda → DynamoDB, read-only HTTP API`,
    tags: { project: 'article-pipeline', stage: config.stage },
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stack };
}
