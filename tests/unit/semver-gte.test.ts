import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gte } from '../../functions/shared/semver-gte.js';

/** semver itself, which the stand-in replaces in the Lambda bundles. */
const semver = createRequire(import.meta.url)('semver') as { gte(a: string, b: string): boolean };

const identifier = fc.oneof(
  fc.integer({ min: 0, max: 12 }).map(String),
  fc.constantFrom('alpha', 'beta', 'rc', 'x-1', 'A'),
);
const version = fc
  .record({
    core: fc.tuple(fc.nat(3), fc.nat(3), fc.nat(3)),
    prerelease: fc.array(identifier, { maxLength: 3 }),
    build: fc.option(fc.constantFrom('build.5', '001'), { nil: undefined }),
  })
  .map(
    ({ core, prerelease, build }) =>
      `${core.join('.')}${prerelease.length > 0 ? `-${prerelease.join('.')}` : ''}${build === undefined ? '' : `+${build}`}`,
  );

describe('semver gte stand-in', () => {
  it("answers as semver's gte, prereleases and build metadata included", () => {
    fc.assert(fc.property(version, version, (a, b) => gte(a, b) === semver.gte(a, b)));
    expect(gte(process.versions.node, '8.0.0')).toBe(true);
    expect(gte('1.0.0-rc.1', '1.0.0')).toBe(false);
    expect(gte('1.0.0-rc.10', '1.0.0-rc.9')).toBe(true);
    expect(gte('v2.0.0', '10.0.0')).toBe(false);
  });

  it('throws a TypeError on what is not a version, as semver does', () => {
    expect(() => gte('24', '8.0.0')).toThrow(TypeError);
    expect(() => semver.gte('24', '8.0.0')).toThrow(TypeError);
  });
});
