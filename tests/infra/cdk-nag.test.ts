import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../infra/create-app.js';

const outdirs: string[] = [];
const freshOutdir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'article-pipeline-cdk-'));
  outdirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of outdirs) rmSync(dir, { recursive: true, force: true });
});

interface ValidationReport {
  readonly pluginReports: readonly {
    readonly pluginName: string;
    readonly violations: readonly {
      ruleName: string;
      violatingConstructs: readonly { constructPath: string }[];
    }[];
  }[];
}

const findingsIn = (outdir: string): string[] => {
  const path = join(outdir, 'validation-report.json');
  if (!existsSync(path)) return [];
  const report = JSON.parse(readFileSync(path, 'utf8')) as ValidationReport;
  return report.pluginReports.flatMap((plugin) =>
    plugin.violations.flatMap((violation) =>
      violation.violatingConstructs.map((construct) => `${violation.ruleName} at ${construct.constructPath}`),
    ),
  );
};

describe('cdk-nag AwsSolutions checks', () => {
  // Bundling once is enough to prove synth bundles without Docker; the other stage skips it.
  const variants = [{}, { stage: 'prod', auth: 'iam', 'aws:cdk:bundling-stacks': [] }];
  for (const context of variants) {
    it(`pass on the whole app with ${JSON.stringify(context)}`, () => {
      const outdir = freshOutdir();
      const { app } = createApp({ outdir, context });
      let failure: unknown = null;
      try {
        app.synth();
      } catch (error: unknown) {
        failure = error;
      }
      expect(findingsIn(outdir)).toEqual([]);
      expect(failure).toBeNull();
    }, 180_000);
  }

  it('fail the synth on an unacknowledged finding', () => {
    const outdir = freshOutdir();
    const { app, stack } = createApp({ outdir, context: { 'aws:cdk:bundling-stacks': [] } });
    new Bucket(stack, 'CarelessBucket');
    expect(() => app.synth()).toThrow(/AwsSolutions-S1/);
    expect(findingsIn(outdir).some((finding) => finding.includes('CarelessBucket'))).toBe(true);
  });
});
