import { readFile } from 'node:fs/promises';
import type { Plugin } from 'esbuild';

/** The generated schema modules of the AWS SDK clients (and their nested clients). */
const SCHEMA_MODULE =
  /[\\/]node_modules[\\/]@aws-sdk[\\/][^\\/]+[\\/]dist-es[\\/](?:.*[\\/])?schemas[\\/]schemas_\d+\.js$/;
const STRING_CONSTANT = /^const (_\w+) = ("(?:[^"\\]|\\.)*");$/gm;
const COMPUTED_KEY = /([{,]\s*)\[(_\w+)\]:/g;

/**
 * Rewrites the computed keys of the SDK's generated schemas (`{ [_hH]: _CM }`, `_hH` a string
 * constant of the same module) into the literal keys they stand for (`{ "httpHeader": _CM }`).
 * The object is the same; but esbuild must assume a computed key can run code (a `toString`),
 * so it keeps every schema statement that has one, and with them every schema they reach: all
 * of S3's 1,600 shapes (65 KiB of the bundle) for the three commands the functions send
 * (aws/aws-sdk-js-v3#7607; the generator's fix, smithy-lang/smithy-typescript#1889, is not
 * released). Only keys naming a string constant declared in the module are rewritten.
 */
export function rewriteSchemaKeys(source: string): string {
  const constants = new Map<string, string>();
  for (const [, name, literal] of source.matchAll(STRING_CONSTANT)) {
    if (name !== undefined && literal !== undefined) constants.set(name, literal);
  }
  return source.replace(COMPUTED_KEY, (whole, before: string, name: string) => {
    const literal = constants.get(name);
    return literal === undefined ? whole : `${before}${literal}:`;
  });
}

/** The esbuild plugin applying {@link rewriteSchemaKeys} to the SDK's schema modules. */
export const sdkSchemaKeysPlugin: Plugin = {
  name: 'sdk-schema-keys',
  setup(build) {
    build.onLoad({ filter: SCHEMA_MODULE }, async (args) => ({
      contents: rewriteSchemaKeys(await readFile(args.path, 'utf8')),
      loader: 'js',
    }));
  },
};
