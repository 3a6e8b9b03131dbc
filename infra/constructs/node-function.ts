import { fileURLToPath } from 'node:url';
import { type Duration, type RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, LoggingFormat, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { Charset, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Absolute path of a Lambda entry point in `functions/`. */
export const functionEntry = (name: string): string => `${repositoryRoot}functions/${name}.ts`;

/**
 * How every function is bundled. Shared with the bundle-size test so it measures exactly what
 * is deployed. ESM needs `require` restored for the few CommonJS dependencies that call it.
 */
export const BUNDLE_SETTINGS = {
  target: 'node24',
  minify: true,
  // No source map in the deployment package and no --enable-source-maps at run time: that flag
  // made every cold start 1.1–1.9× slower (npm run bench -- cold-start). esbuild's output is
  // deterministic, so `npm run source-maps` rebuilds the exact deployed code with its maps beside
  // it, outside any asset, for resolving a stack trace offline (docs/deploying.md).
  sourceMap: false,
  mainFields: ['module', 'main'],
  // Non-ASCII text (the Arabic tables, the language model's n-grams) stays UTF-8 instead of
  // six-byte \u escapes: about 10% smaller bundles. Node reads sources as UTF-8.
  charset: 'utf8',
  // Lambda's credentials are always in the environment: the SDK's default chain is replaced by
  // its environment provider in the bundles (see functions/shared/lambda-credentials.ts).
  // The X-Ray SDK uses only semver's `gte`: a few lines stand in for all of semver (29 KiB, see
  // functions/shared/semver-gte.ts).
  alias: {
    '@aws-sdk/credential-provider-node': `${repositoryRoot}functions/shared/lambda-credentials.ts`,
    semver: `${repositoryRoot}functions/shared/semver-gte.ts`,
  },
  banner:
    "import { createRequire as __cjsRequire } from 'node:module'; const require = __cjsRequire(import.meta.url);",
} as const;

/** What a function's bundle (its code; no source map is deployed) should stay under: 1 MiB. */
export const BUNDLE_TARGET_BYTES = 1024 * 1024;
/**
 * What synth refuses: a bundle of this size or more. The target itself, since every function is
 * under it (ingest 1,006 KiB, reprocess 996 KiB, read 577 KiB: README Status).
 */
export const BUNDLE_LIMIT_BYTES = BUNDLE_TARGET_BYTES;

const shellQuote = (value: string): string => `'${value.replaceAll("'", `'\\''`)}'`;

/** A POSIX shell command writing the function's code with `bundleFunction` (infra/write-function-bundle.ts). */
export function rebuildCommand(entry: string, file: string): string {
  const script = `${repositoryRoot}infra/write-function-bundle.ts`;
  return `cd ${shellQuote(repositoryRoot)} && ${shellQuote(process.execPath)} --import tsx ${shellQuote(script)} ${shellQuote(entry)} ${shellQuote(file)}`;
}

/** A POSIX shell command that fails when the bundle is over {@link BUNDLE_LIMIT_BYTES}. */
export function bundleSizeCheck(file: string, name: string): string {
  return `size=$(wc -c < ${shellQuote(file)}) && if [ "$size" -ge ${BUNDLE_LIMIT_BYTES} ]; then echo "bundle of ${name} is $size bytes, over the ${BUNDLE_LIMIT_BYTES}-byte limit (BUNDLE_LIMIT_BYTES)" >&2; exit 1; fi`;
}

export interface NodeFunctionProps {
  /** File name in `functions/`, without extension. */
  readonly entry: string;
  readonly description: string;
  readonly environment: Readonly<Record<string, string>>;
  readonly timeout: Duration;
  readonly memorySize?: number;
  readonly logRetention: RetentionDays;
  readonly removalPolicy: RemovalPolicy;
}

/**
 * A Node.js 24 arm64 function bundled locally by esbuild (never in Docker), with its own log
 * group and a role that holds no managed policy: every permission is granted explicitly by the
 * construct that uses the function. X-Ray active tracing: the function's Powertools tracer
 * records its SDK calls under the invocation's segment.
 */
export class NodeFunction extends Construct {
  readonly function: NodejsFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: NodeFunctionProps) {
    super(scope, id);
    this.logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetention,
      removalPolicy: props.removalPolicy,
    });
    // An own role instead of the default one avoids the AWSLambdaBasicExecutionRole managed policy,
    // which would allow writing to every log group of the account.
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of ${props.entry}`,
    });
    this.logGroup.grantWrite(this.role);

    const { alias, ...bundlingSettings } = BUNDLE_SETTINGS;
    this.function = new NodejsFunction(this, 'Function', {
      entry: functionEntry(props.entry),
      handler: 'handler',
      description: props.description,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout,
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: LoggingFormat.JSON,
      tracing: Tracing.ACTIVE,
      projectRoot: repositoryRoot,
      depsLockFilePath: `${repositoryRoot}package-lock.json`,
      environment: {
        POWERTOOLS_SERVICE_NAME: 'article-pipeline',
        POWERTOOLS_METRICS_NAMESPACE: 'ArticlePipeline',
        ...props.environment,
      },
      bundling: {
        ...bundlingSettings,
        esbuildArgs: {
          // CDK does not pass its own `charset` option on to esbuild (aws-cdk-lib 2.276), so the
          // deployed bundles escaped every non-ASCII character (+22 KiB); said again here.
          '--charset': BUNDLE_SETTINGS.charset,
          ...Object.fromEntries(Object.entries(alias).map(([from, to]) => [`--alias:${from}`, to] as const)),
        },
        mainFields: [...BUNDLE_SETTINGS.mainFields],
        charset: Charset.UTF8,
        format: OutputFormat.ESM,
        // The SDK is bundled (not taken from the runtime) so the deployed code runs exactly the
        // versions that were tested, and tree-shaking keeps it small.
        externalModules: [],
        bundleAwsSDK: true,
        forceDockerBundling: false,
        commandHooks: {
          beforeBundling: () => [],
          beforeInstall: () => [],
          afterBundling: (_inputDir: string, outputDir: string) => [
            // CDK's esbuild step is the command line, which runs no plugins: the code is rebuilt
            // by bundleFunction, with the plugin that lets esbuild drop the SDK's unused schemas
            // (infra/sdk-schema-keys.ts, -56 KiB), so what is deployed is what the test measures.
            rebuildCommand(props.entry, `${outputDir}/index.mjs`),
            // Synth fails on a bundle over the limit, so a heavy dependency cannot slip in unnoticed.
            bundleSizeCheck(`${outputDir}/index.mjs`, props.entry),
          ],
        },
      },
    });
    const policy = this.role.node.tryFindChild('DefaultPolicy');
    if (policy !== undefined) {
      Validations.of(policy).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason: 'X-Ray PutTraceSegments/PutTelemetryRecords accept no narrower resource (AWS documented).',
      });
    }
  }
}
