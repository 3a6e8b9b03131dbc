/**
 * Names shared by the stack (which exports them as CloudFormation outputs) and the CLI (which
 * reads them to find a deployed stage's resources). Plain constants: the CLI must not load CDK.
 */
export const STACK_OUTPUTS = {
  rawBucketName: 'RawBucketName',
  contentBucketName: 'ContentBucketName',
  tableName: 'TableName',
  apiUrl: 'ApiUrl',
  reprocessStateMachineArn: 'ReprocessStateMachineArn',
  deadLetterQueueUrl: 'DeadLetterQueueUrl',
  alarmTopicArn: 'AlarmTopicArn',
} as const;

export type StackOutputName = (typeof STACK_OUTPUTS)[keyof typeof STACK_OUTPUTS];

/** The CloudFormation stack name of a stage. */
export const stackNameOf = (stage: string): string => `ArticlePipeline-${stage}`;
