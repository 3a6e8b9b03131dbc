import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { idOf, synthesizeStage } from './synthesize.js';

describe('alarm notifications', () => {
  const { stack, template } = synthesizeStage();
  const topicId = idOf(stack.node.findChild('Alarms').node.findChild('Topic'));

  it('notifies one topic from every alarm: pipeline, functions, API and DynamoDB', () => {
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm'));
    // Single-metric alarms by metric name; the metric-math ones (5xx rate, throttles) have none.
    expect(alarms.map((alarm) => alarm.Properties.MetricName ?? 'math').sort()).toEqual([
      'ApproximateAgeOfOldestMessage',
      'ApproximateNumberOfMessagesVisible',
      'Errors',
      'Errors',
      'Errors',
      'ExecutionsFailed',
      'Throttles',
      'Throttles',
      'Throttles',
      'math',
      'math',
      'math',
    ]);
    for (const alarm of alarms) expect(alarm.Properties.AlarmActions).toEqual([{ Ref: topicId }]);
  });

  it('subscribes the mailbox given in context, and none by default', () => {
    expect(Object.keys(template.findResources('AWS::SNS::Subscription'))).toHaveLength(0);
    const { template: withEmail } = synthesizeStage({ alarmEmail: 'ops@example.org' });
    withEmail.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@example.org',
    });
  });

  it('denies publishing to the topic without TLS', () => {
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [{ Ref: topicId }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Action: 'sns:Publish',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      },
    });
  });
});
