import { readFileSync } from 'node:fs';
import { load as parse } from 'js-yaml';
import { describe, expect, it } from 'vitest';

interface Step {
  readonly name?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly with?: Readonly<Record<string, unknown>>;
}
interface Workflow {
  readonly on: { readonly push?: { readonly branches?: readonly string[] } };
  readonly permissions: Readonly<Record<string, string>>;
  readonly jobs: Readonly<Record<string, { readonly steps: readonly Step[] }>>;
}

const text = readFileSync(new URL('../../.github/workflows/deploy.yml', import.meta.url), 'utf8');
const workflow = parse(text) as Workflow;
const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
const indexOf = (predicate: (step: Step) => boolean): number => steps.findIndex(predicate);
const runs = (pattern: RegExp) => (step: Step) => pattern.test(step.run ?? '');

describe('deploy workflow', () => {
  it('runs on push to main', () => {
    expect(workflow.on.push?.branches).toEqual(['main']);
  });

  it('may request an OIDC token and holds no AWS keys', () => {
    expect(workflow.permissions['id-token']).toBe('write');
    expect(text).not.toMatch(/aws-access-key-id|aws-secret-access-key|AWS_SECRET_ACCESS_KEY/i);
  });

  it('installs, tests, synthesizes and deploys, in that order', () => {
    const order = [
      indexOf(runs(/^npm ci$/)),
      indexOf(runs(/^npm test$/)),
      indexOf(runs(/cdk synth/)),
      indexOf((step) => step.uses?.startsWith('aws-actions/configure-aws-credentials@') === true),
      indexOf(runs(/cdk deploy/)),
    ];
    expect(order.every((index) => index >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('lints every template variant and the synthesized assembly with cfn-lint before deploying', () => {
    const order = [
      indexOf(runs(/^npm test$/)),
      indexOf(runs(/cdk synth/)),
      indexOf(runs(/pip install cfn-lint==\d+\.\d+\.\d+$/)),
      indexOf(runs(/^npm run lint:cfn -- "cdk\.out\/ArticlePipeline-\$STAGE\.template\.json"$/)),
      indexOf((step) => step.uses?.startsWith('aws-actions/configure-aws-credentials@') === true),
      indexOf(runs(/cdk deploy/)),
    ];
    expect(order.every((index) => index >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    const python = steps.find((step) => step.uses?.startsWith('actions/setup-python@'));
    expect(python, 'a Python for pip').toBeDefined();
    expect(indexOf((step) => step === python)).toBeLessThan(indexOf(runs(/pip install cfn-lint/)));
  });

  it('assumes a role through GitHub OIDC', () => {
    const credentials = steps.find((step) => step.uses?.startsWith('aws-actions/configure-aws-credentials@'));
    expect(credentials?.with?.['role-to-assume']).toEqual(expect.stringContaining('AWS_DEPLOY_ROLE_ARN'));
  });

  it('runs Node.js 24, the Lambda runtime', () => {
    const node = steps.find((step) => step.uses?.startsWith('actions/setup-node@'));
    expect(String(node?.with?.['node-version'])).toBe('24');
  });
});

describe('CI script', () => {
  const script = readFileSync(new URL('../../.ci/run', import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.trimStart().startsWith('#'));

  it('runs cfn-lint on the templates after the test suite', () => {
    const test = script.indexOf('npm test');
    const lint = script.indexOf('npm run lint:cfn');
    expect(test).toBeGreaterThanOrEqual(0);
    expect(lint).toBeGreaterThan(test);
  });
});
