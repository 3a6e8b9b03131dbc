/**
 * Vitest global setup: one folder per test run where the integration suites record the AWS calls
 * their handlers make (tests/support/iam/aws-call-recorder.ts), read by the IAM evaluation, which
 * runs after them (its own project, a later `groupOrder`, see vitest.config.ts). Forked test
 * processes inherit the variable. Vitest runs this once per project, in one process: the first
 * call creates the folder, the others keep it; an outer run's folder (IAM_CALLS_DIR already set)
 * is kept too.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CALLS_DIR_ENV } from './aws-call-recorder.js';

export default function setup(): () => void {
  const inherited = process.env[CALLS_DIR_ENV];
  if (inherited !== undefined && inherited !== '') return () => {};
  const directory = mkdtempSync(join(tmpdir(), 'article-pipeline-iam-calls-'));
  process.env[CALLS_DIR_ENV] = directory;
  return () => {
    if (process.env[CALLS_DIR_ENV] === directory) delete process.env[CALLS_DIR_ENV];
    rmSync(directory, { recursive: true, force: true });
  };
}
