import type { Reporter, TestCase, TestModule, TestSuite } from 'vitest/node';
import { findChromium, NO_CHROMIUM_LINE } from './chromium.js';

/** Test files that need a browser: skipped, with one line saying why, where there is none. */
const BROWSER_TEST_FILE = /\.browser\.test\.ts$/;

/** The nearest suite (or the module) around `test` whose own hooks failed, if any. */
function failedHookAround(test: TestCase): TestSuite | TestModule | null {
  for (let entity: TestSuite | TestModule = test.parent; ; entity = entity.parent) {
    if (entity.errors().length > 0) return entity;
    if (entity.type === 'module') return null;
  }
}

/**
 * Prints the plain closing line CI reads ("vitest: N passed, N failed, N skipped"), after
 * Vitest's own summary. A failed hook counts as failed, never as skipped: each test a failed
 * `beforeAll` kept from running is a failure, and a hook failure that kept none from running
 * (an `afterAll`, a module that failed to load) is one.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const module of testModules) {
      const explained = new Set<TestSuite | TestModule>();
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed += 1;
        else if (state === 'failed') failed += 1;
        else {
          const hook = failedHookAround(test);
          if (hook === null) {
            skipped += 1;
          } else {
            failed += 1;
            explained.add(hook);
          }
        }
      }
      for (const entity of [module, ...module.children.allSuites()]) {
        if (entity.errors().length > 0 && !explained.has(entity)) failed += 1;
      }
      if (module.state() === 'failed' && module.children.size === 0 && module.errors().length === 0) {
        failed += 1;
      }
    }
    if (testModules.some((module) => BROWSER_TEST_FILE.test(module.moduleId)) && findChromium() === null)
      process.stdout.write(`\n${NO_CHROMIUM_LINE}\n`);
    process.stdout.write(`\nvitest: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}
