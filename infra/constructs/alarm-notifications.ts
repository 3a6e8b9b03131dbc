import { Validations } from 'aws-cdk-lib';
import type { Alarm } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

export interface AlarmNotificationsProps {
  /** Where alarm notifications are mailed (context `alarmEmail`); none when absent. */
  readonly email: string | null;
}

/** One topic every alarm of the stack notifies; subscribe to it (mail, chat, paging) to be told. */
export class AlarmNotifications extends Construct {
  readonly topic: Topic;

  constructor(scope: Construct, id: string, props: AlarmNotificationsProps) {
    super(scope, id);
    this.topic = new Topic(this, 'Topic', { displayName: 'article-pipeline alarms', enforceSSL: true });
    Validations.of(this.topic).acknowledge({
      id: 'AwsSolutions-SNS2',
      reason:
        'CloudWatch cannot publish to a topic under the AWS-managed key; alarm messages hold no article data.',
    });
    if (props.email !== null) this.topic.addSubscription(new EmailSubscription(props.email));
  }

  /** Sends the alarms' state changes to the topic. */
  notify(alarms: readonly Alarm[]): void {
    for (const alarm of alarms) alarm.addAlarmAction(new SnsAction(this.topic));
  }
}
