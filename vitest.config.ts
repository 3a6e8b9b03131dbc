import { configDefaults, defineConfig } from 'vitest/config';

/** Evaluates the AWS calls the integration suites recorded, so it runs after every other file. */
const AFTER_INTEGRATION = ['tests/infra/iam/iam-evaluation.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    reporters: ['default', './tests/support/summary-reporter.ts'],
    globalSetup: ['./tests/support/iam/calls-dir-setup.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'suite',
          include: ['tests/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...AFTER_INTEGRATION],
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: { name: 'iam', include: AFTER_INTEGRATION, sequence: { groupOrder: 1 } },
      },
    ],
  },
});
