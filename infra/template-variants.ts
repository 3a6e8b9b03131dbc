import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createApp } from './create-app.js';

export interface TemplateVariant {
  /** File-name friendly: `<stage>-<auth>`. */
  readonly name: string;
  readonly context: Readonly<Record<string, string>>;
}

const AUTH_MODES: readonly Readonly<Record<string, string>>[] = [
  { auth: 'none' },
  { auth: 'iam' },
  // Any https issuer and audience: the template differs by mode, not by these values.
  { auth: 'jwt', jwtIssuer: 'https://issuer.example.com/', jwtAudience: 'article-pipeline' },
];

/** Every template the app can synthesize that differs in shape: each stage with each API auth mode. */
export const TEMPLATE_VARIANTS: readonly TemplateVariant[] = (['dev', 'prod'] as const).flatMap((stage) =>
  AUTH_MODES.map((auth) => ({ name: `${stage}-${auth.auth}`, context: { stage, ...auth } })),
);

/**
 * Synthesizes every variant into `directory` as `<name>.template.json` and returns the paths.
 * Lambda bundling is skipped (as `cdk synth --exclusively` does for other stacks): the templates
 * are those `cdk synth` writes except for asset hashes, in seconds rather than minutes.
 *
 * @example synthesizeVariants('/tmp/templates') // ['/tmp/templates/dev-none.template.json', …]
 */
export function synthesizeVariants(directory: string): readonly string[] {
  mkdirSync(directory, { recursive: true });
  return TEMPLATE_VARIANTS.map((variant) => {
    const { app, stack } = createApp({
      outdir: join(directory, `${variant.name}.out`),
      context: { ...variant.context, 'aws:cdk:bundling-stacks': [] },
    });
    const assembly = app.synth();
    const path = join(directory, `${variant.name}.template.json`);
    writeFileSync(path, JSON.stringify(assembly.getStackByName(stack.stackName).template, null, 1));
    return path;
  });
}

// `node --import tsx infra/template-variants.ts DIR` (npm run lint:cfn): prints the paths written.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const directory = process.argv[2];
  if (directory === undefined) {
    process.stderr.write('usage: template-variants.ts DIR\n');
    process.exit(2);
  }
  for (const path of synthesizeVariants(directory)) process.stdout.write(`${path}\n`);
}
