import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { synthesizeStage } from './synthesize.js';

const { template } = synthesizeStage();

describe('tracing', () => {
  it('turns on X-Ray active tracing on every function', () => {
    const functions = Object.values(template.findResources('AWS::Lambda::Function'));
    // Ours, not CDK's own custom-resource handlers.
    const ours = functions.filter((fn) => fn.Properties.Environment?.Variables?.POWERTOOLS_SERVICE_NAME);
    expect(ours).toHaveLength(3);
    for (const fn of ours) expect(fn.Properties.TracingConfig).toEqual({ Mode: 'Active' });
  });

  it('lets every function role send trace segments', () => {
    const policies = Object.values(template.findResources('AWS::IAM::Policy'));
    const tracing = policies.filter((policy) =>
      JSON.stringify(policy.Properties.PolicyDocument).includes('xray:PutTraceSegments'),
    );
    // Three function roles and the state machine's.
    expect(tracing.length).toBeGreaterThanOrEqual(4);
  });

  it('traces the reprocessing state machine', () => {
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      TracingConfiguration: { Enabled: true },
    });
  });

  it('keeps the Powertools service name on every function', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      TracingConfig: { Mode: 'Active' },
      Environment: { Variables: Match.objectLike({ POWERTOOLS_SERVICE_NAME: 'article-pipeline' }) },
    });
  });
});
