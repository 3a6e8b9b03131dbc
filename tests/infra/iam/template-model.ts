/**
 * A synthesized template as IAM sees it once deployed: intrinsic functions (`Ref`, `Fn::GetAtt`,
 * `Fn::Join`, `Fn::Sub`, `Fn::Select`, `Fn::Split`) resolved into ARNs for one fixed account,
 * region and partition, each resource named after its logical id (as CloudFormation does, minus
 * the random suffix), and the policies that apply to a request gathered: a role's identity
 * policies, a bucket's or queue's resource policy.
 */

export const ACCOUNT = '123456789012';
export const REGION = 'eu-west-1';
export const PARTITION = 'aws';

export interface TemplateJson {
  readonly Resources: Readonly<Record<string, TemplateResource>>;
}
export interface TemplateResource {
  readonly Type: string;
  readonly Properties?: Readonly<Record<string, unknown>>;
}

export interface PolicyDocument {
  readonly Version?: string;
  readonly Statement: readonly Readonly<Record<string, unknown>>[];
}

export interface NamedPolicy {
  readonly name: string;
  readonly policy: PolicyDocument;
}

export class TemplateResolutionError extends Error {
  override readonly name = 'TemplateResolutionError';
}

const PSEUDO: Readonly<Record<string, string>> = {
  'AWS::Partition': PARTITION,
  'AWS::Region': REGION,
  'AWS::AccountId': ACCOUNT,
  'AWS::URLSuffix': 'amazonaws.com',
  'AWS::StackName': 'ArticlePipeline',
  'AWS::NoValue': '',
};

const isRecord = (value: unknown): value is Readonly<Record<string, unknown>> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export class TemplateModel {
  constructor(readonly template: TemplateJson) {}

  /** From a synthesized template (e.g. `Template.toJSON()`), checked to have resources. */
  static fromJson(json: Readonly<Record<string, unknown>>): TemplateModel {
    const resources = json.Resources;
    if (!isRecord(resources)) throw new TemplateResolutionError('the template has no Resources');
    const checked: Record<string, TemplateResource> = {};
    for (const [id, resource] of Object.entries(resources)) {
      if (!isRecord(resource) || typeof resource.Type !== 'string')
        throw new TemplateResolutionError(`resource ${id} has no Type`);
      checked[id] = {
        Type: resource.Type,
        ...(isRecord(resource.Properties) ? { Properties: resource.Properties } : {}),
      };
    }
    return new TemplateModel({ Resources: checked });
  }

  resource(logicalId: string): TemplateResource {
    const resource = this.template.Resources[logicalId];
    if (resource === undefined) throw new TemplateResolutionError(`no resource ${logicalId}`);
    return resource;
  }

  logicalIdsOfType(type: string): readonly string[] {
    return Object.entries(this.template.Resources)
      .filter(([, resource]) => resource.Type === type)
      .map(([id]) => id);
  }

  /** The physical name CloudFormation would give the resource: its own name property, else its logical id. */
  physicalName(logicalId: string): string {
    const { Type, Properties = {} } = this.resource(logicalId);
    const own = {
      'AWS::S3::Bucket': 'BucketName',
      'AWS::DynamoDB::Table': 'TableName',
      'AWS::DynamoDB::GlobalTable': 'TableName',
      'AWS::SQS::Queue': 'QueueName',
      'AWS::IAM::Role': 'RoleName',
      'AWS::Lambda::Function': 'FunctionName',
      'AWS::StepFunctions::StateMachine': 'StateMachineName',
      'AWS::Logs::LogGroup': 'LogGroupName',
    }[Type];
    const value = own === undefined ? undefined : Properties[own];
    if (value !== undefined) {
      const resolved = this.resolve(value);
      if (typeof resolved === 'string') return resolved;
    }
    // Bucket names are lower case; the others keep the logical id's case.
    return Type === 'AWS::S3::Bucket' ? logicalId.toLowerCase() : logicalId;
  }

  /** What `Ref` returns for the resource type. */
  ref(logicalId: string): string {
    const pseudo = PSEUDO[logicalId];
    if (pseudo !== undefined) return pseudo;
    const { Type } = this.resource(logicalId);
    const name = this.physicalName(logicalId);
    switch (Type) {
      case 'AWS::SQS::Queue':
        return `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/${name}`;
      case 'AWS::StepFunctions::StateMachine':
        return `arn:${PARTITION}:states:${REGION}:${ACCOUNT}:stateMachine:${name}`;
      case 'AWS::SecretsManager::Secret':
        return `arn:${PARTITION}:secretsmanager:${REGION}:${ACCOUNT}:secret:${name}-AbCdEf`;
      case 'AWS::SNS::Topic':
        return `arn:${PARTITION}:sns:${REGION}:${ACCOUNT}:${name}`;
      default:
        return name;
    }
  }

  /** What `Fn::GetAtt` returns; `Arn` for the resource types the stack uses. */
  getAtt(logicalId: string, attribute: string): string {
    const { Type } = this.resource(logicalId);
    const name = this.physicalName(logicalId);
    if (attribute === 'Arn') {
      const arn = {
        'AWS::S3::Bucket': `arn:${PARTITION}:s3:::${name}`,
        'AWS::DynamoDB::Table': `arn:${PARTITION}:dynamodb:${REGION}:${ACCOUNT}:table/${name}`,
        'AWS::DynamoDB::GlobalTable': `arn:${PARTITION}:dynamodb:${REGION}:${ACCOUNT}:table/${name}`,
        'AWS::SQS::Queue': `arn:${PARTITION}:sqs:${REGION}:${ACCOUNT}:${name}`,
        'AWS::IAM::Role': `arn:${PARTITION}:iam::${ACCOUNT}:role/${name}`,
        'AWS::Lambda::Function': `arn:${PARTITION}:lambda:${REGION}:${ACCOUNT}:function:${name}`,
        'AWS::Logs::LogGroup': `arn:${PARTITION}:logs:${REGION}:${ACCOUNT}:log-group:${name}:*`,
        'AWS::StepFunctions::StateMachine': this.ref(logicalId),
        'AWS::SecretsManager::Secret': this.ref(logicalId),
        'AWS::SNS::Topic': this.ref(logicalId),
      }[Type];
      if (arn !== undefined) return arn;
    }
    if (Type === 'AWS::SQS::Queue' && attribute === 'QueueName') return name;
    if (Type === 'AWS::SQS::Queue' && attribute === 'QueueUrl') return this.ref(logicalId);
    if (Type === 'AWS::StepFunctions::StateMachine' && attribute === 'Name') return name;
    // An attribute no policy of this stack uses: a value that matches nothing.
    return `${logicalId}.${attribute}`;
  }

  /** Resolves intrinsic functions everywhere inside a value. */
  resolve(value: unknown): unknown {
    if (Array.isArray(value)) return value.map((item) => this.resolve(item));
    if (!isRecord(value)) return value;
    const keys = Object.keys(value);
    const [only] = keys;
    if (keys.length === 1 && only !== undefined && (only === 'Ref' || only.startsWith('Fn::'))) {
      return this.intrinsic(only, value[only]);
    }
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, this.resolve(item)]));
  }

  private resolveString(value: unknown, where: string): string {
    const resolved = this.resolve(value);
    if (typeof resolved !== 'string') {
      throw new TemplateResolutionError(`${where}: expected a string, got ${JSON.stringify(resolved)}`);
    }
    return resolved;
  }

  private intrinsic(name: string, argument: unknown): unknown {
    switch (name) {
      case 'Ref':
        return this.ref(this.resolveString(argument, 'Ref'));
      case 'Fn::GetAtt': {
        const [logicalId, attribute] = Array.isArray(argument)
          ? argument.map((part) => this.resolveString(part, 'Fn::GetAtt'))
          : this.resolveString(argument, 'Fn::GetAtt').split(/\.(.*)/s);
        if (logicalId === undefined || attribute === undefined)
          throw new TemplateResolutionError(`bad Fn::GetAtt ${JSON.stringify(argument)}`);
        return this.getAtt(logicalId, attribute);
      }
      case 'Fn::Join': {
        const [separator, parts] = argument as [unknown, unknown];
        const list = this.resolve(parts);
        if (!Array.isArray(list)) throw new TemplateResolutionError('Fn::Join of a non-list');
        return list.map((part) => String(part)).join(this.resolveString(separator, 'Fn::Join'));
      }
      case 'Fn::Select': {
        const [index, list] = argument as [unknown, unknown];
        const items = this.resolve(list);
        if (!Array.isArray(items)) throw new TemplateResolutionError('Fn::Select of a non-list');
        return items[Number(this.resolve(index))];
      }
      case 'Fn::Split': {
        const [separator, source] = argument as [unknown, unknown];
        return this.resolveString(source, 'Fn::Split').split(this.resolveString(separator, 'Fn::Split'));
      }
      case 'Fn::Sub': {
        const [text, variables] = Array.isArray(argument) ? argument : [argument, {}];
        const bound = isRecord(variables) ? variables : {};
        return String(text).replace(/\$\{([^}!][^}]*)\}/g, (_match, reference: string) => {
          if (reference in bound) return this.resolveString(bound[reference], 'Fn::Sub');
          const [logicalId, attribute] = reference.split(/\.(.*)/s);
          if (logicalId === undefined) return reference;
          return attribute === undefined ? this.ref(logicalId) : this.getAtt(logicalId, attribute);
        });
      }
      default:
        throw new TemplateResolutionError(`unsupported intrinsic ${name}`);
    }
  }

  private refersTo(value: unknown, logicalId: string): boolean {
    return isRecord(value) && value.Ref === logicalId;
  }

  /** The identity policies of a role: its inline policies and every `AWS::IAM::Policy` attached to it. */
  identityPolicies(roleId: string): readonly NamedPolicy[] {
    const role = this.resource(roleId);
    const inline = (Array.isArray(role.Properties?.Policies) ? role.Properties.Policies : []).map(
      (policy: { PolicyName: string; PolicyDocument: unknown }) => ({
        name: policy.PolicyName,
        policy: this.resolve(policy.PolicyDocument) as PolicyDocument,
      }),
    );
    const attached = [
      ...this.logicalIdsOfType('AWS::IAM::Policy'),
      ...this.logicalIdsOfType('AWS::IAM::ManagedPolicy'),
    ]
      .filter((id) => {
        const roles = this.resource(id).Properties?.Roles;
        return Array.isArray(roles) && roles.some((entry) => this.refersTo(entry, roleId));
      })
      .map((id) => ({
        name: id,
        policy: this.resolve(this.resource(id).Properties?.PolicyDocument) as PolicyDocument,
      }));
    return [...inline, ...attached];
  }

  /** The AWS managed policies a role has (not evaluated: their documents are not in the template). */
  managedPolicyArns(roleId: string): readonly string[] {
    const arns = this.resolve(this.resource(roleId).Properties?.ManagedPolicyArns ?? []);
    return Array.isArray(arns) ? arns.map(String) : [];
  }

  roleArn(roleId: string): string {
    return this.getAtt(roleId, 'Arn');
  }

  /** The resource policy governing an ARN: a bucket's (for the bucket and its objects) or a queue's. */
  resourcePolicy(arn: string): PolicyDocument | null {
    if (arn.startsWith(`arn:${PARTITION}:s3:::`)) {
      const bucketName = arn.slice(`arn:${PARTITION}:s3:::`.length).split('/')[0];
      for (const id of this.logicalIdsOfType('AWS::S3::BucketPolicy')) {
        const properties = this.resource(id).Properties ?? {};
        if (this.resolve(properties.Bucket) === bucketName)
          return this.resolve(properties.PolicyDocument) as PolicyDocument;
      }
      return null;
    }
    if (arn.startsWith(`arn:${PARTITION}:sqs:`)) {
      const name = arn.split(':').at(-1);
      const url = `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/${name}`;
      for (const id of this.logicalIdsOfType('AWS::SQS::QueuePolicy')) {
        const properties = this.resource(id).Properties ?? {};
        const queues = this.resolve(properties.Queues);
        if (Array.isArray(queues) && queues.includes(url))
          return this.resolve(properties.PolicyDocument) as PolicyDocument;
      }
      return null;
    }
    return null;
  }
}
