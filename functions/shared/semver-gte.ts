/**
 * Stands in for `semver` in the Lambda bundles only (esbuild alias in `BUNDLE_SETTINGS`), as
 * `lambda-credentials.ts` does for the credential chain. The X-Ray SDK that tracing brings calls
 * nothing of it but `gte`: cls-hooked, to pick its async_hooks context on Node ≥ 8, and the AWS
 * SDK v2 patcher, to check that SDK's version (never called: the functions use SDK v3). semver is
 * CommonJS, so its index loads all of it (ranges, coercion, both copies: cls-hooked pins 5.x),
 * 29 KiB of each bundle; and its `functions/gte` file cannot be reached from here, because the
 * alias also rewrites `semver/…` paths. Hand-written for that reason, to semver's rules for
 * `gte` (prerelease below its release, numeric identifiers compared as numbers, build metadata
 * ignored); `tests/unit/semver-gte.test.ts` checks it against semver itself.
 */

const VERSION = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z.-]+)?$/;

interface Parsed {
  readonly core: readonly [number, number, number];
  readonly prerelease: readonly string[];
}

function parse(version: string): Parsed {
  const match = VERSION.exec(version.trim());
  if (match === null) throw new TypeError(`Invalid Version: ${version}`);
  const [, major = '', minor = '', patch = '', prerelease] = match;
  return {
    core: [Number(major), Number(minor), Number(patch)],
    prerelease: prerelease === undefined ? [] : prerelease.split('.'),
  };
}

const NUMERIC = /^\d+$/;

/** semver's order of two prerelease identifiers: numbers below words, numbers by value. */
function compareIdentifier(a: string, b: string): number {
  const aNumeric = NUMERIC.test(a);
  const bNumeric = NUMERIC.test(b);
  if (aNumeric && bNumeric) return Math.sign(Number(a) - Number(b));
  if (aNumeric !== bNumeric) return aNumeric ? -1 : 1;
  return a === b ? 0 : a < b ? -1 : 1;
}

function compare(a: Parsed, b: Parsed): number {
  for (let i = 0; i < 3; i += 1) {
    const difference = (a.core[i] ?? 0) - (b.core[i] ?? 0);
    if (difference !== 0) return Math.sign(difference);
  }
  // A version without a prerelease is above any prerelease of it.
  if (a.prerelease.length === 0 || b.prerelease.length === 0)
    return Math.sign(b.prerelease.length - a.prerelease.length);
  for (let i = 0; i < Math.max(a.prerelease.length, b.prerelease.length); i += 1) {
    const x = a.prerelease[i];
    const y = b.prerelease[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const order = compareIdentifier(x, y);
    if (order !== 0) return order;
  }
  return 0;
}

/**
 * Whether `version` is at or above `minimum`, as `semver.gte`; throws a TypeError on a string that
 * is not a version, as semver does.
 *
 * @example gte(process.versions.node, '8.0.0') // true
 */
export function gte(version: string, minimum: string): boolean {
  return compare(parse(version), parse(minimum)) >= 0;
}
