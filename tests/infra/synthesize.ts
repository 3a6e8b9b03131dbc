import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import type { ArticlePipelineStack } from '../../infra/article-pipeline-stack.js';
import { logicalIdOf } from '../../infra/constructs/article-writer-access.js';
import { createApp } from '../../infra/create-app.js';

export interface Synthesized {
  readonly stack: ArticlePipelineStack;
  readonly template: Template;
}

/**
 * The real stack of a stage, with Lambda bundling skipped (`aws:cdk:bundling-stacks`, as
 * `cdk synth --exclusively` does): templates are identical except for asset hashes, and the
 * tests that need real bundles (cdk-nag, bundle size) build them on their own.
 */
export function synthesizeStage(context: Readonly<Record<string, unknown>> = {}): Synthesized {
  const { stack } = createApp({ context: { 'aws:cdk:bundling-stacks': [], ...context } });
  return { stack, template: Template.fromStack(stack) };
}

export const idOf = (construct: IConstruct): string => logicalIdOf(construct);

export interface Statement {
  readonly Effect: string;
  readonly Action: string | readonly string[];
  readonly Resource: unknown;
  readonly Condition?: unknown;
}

const asList = (value: string | readonly string[]): readonly string[] =>
  typeof value === 'string' ? [value] : value;

/** Every statement of every policy attached to a role (by the role's logical id). */
export function statementsOfRole(template: Template, roleId: string): readonly Statement[] {
  const policies = template.findResources('AWS::IAM::Policy');
  const statements: Statement[] = [];
  for (const policy of Object.values(policies)) {
    const properties = policy.Properties as {
      Roles: readonly { Ref?: string }[];
      PolicyDocument: { Statement: readonly Statement[] };
    };
    if (properties.Roles.some((role) => role.Ref === roleId))
      statements.push(...properties.PolicyDocument.Statement);
  }
  return statements;
}

export const actionsOf = (statements: readonly Statement[]): readonly string[] =>
  statements.flatMap((statement) => asList(statement.Action));

/** Statements whose resource mentions the logical id (by Ref or GetAtt, anywhere inside). */
export const statementsOn = (statements: readonly Statement[], logicalId: string): readonly Statement[] =>
  statements.filter((statement) => JSON.stringify(statement.Resource).includes(`"${logicalId}"`));
