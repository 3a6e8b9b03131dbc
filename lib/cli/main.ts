import { readFileSync } from 'node:fs';

/**
 * The `article-pipeline` command: a dispatcher. Each subcommand lives in its own module, loaded
 * only when used so that `extract` starts fast without the AWS SDK or the emulators.
 */
type CommandModule = { run(argv: readonly string[]): Promise<number> };

const commands: Readonly<Record<string, () => Promise<CommandModule>>> = {
  extract: () => import('./extract-command.js'),
  start: () => import('./start-command.js'),
  upload: () => import('./upload-command.js'),
  reprocess: () => import('./reprocess-command.js'),
  reconcile: () => import('./reconcile-command.js'),
  'dead-letters': () => import('./dead-letters-command.js'),
};

const usage = `usage: article-pipeline <command> [options]
       article-pipeline <command> --help
       article-pipeline --help | --version

commands:
  extract PATH... [--content-type TYPE] [--source-url URL] [--content] [--manifest FILE]
  start                       the whole pipeline locally (S3, DynamoDB, read API)
  upload PATH... [--prefix P] upload files or folders to the raw bucket
  reprocess [--prefix P]      re-run extraction over stored objects
  reconcile                   compare bucket and table
  dead-letters                list events that failed every retry (local)

exit status: 0 success, 1 failure, 2 usage error
`;

const HELP = new Set(['--help', '-h', 'help']);

/** The package's version, from its package.json. */
function packageVersion(): string {
  const manifest: unknown = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
  const version =
    typeof manifest === 'object' && manifest !== null && 'version' in manifest ? manifest.version : undefined;
  return typeof version === 'string' ? version : 'unknown';
}

/**
 * Help on stdout with exit 0, usage errors (no command, an unknown one) on stderr with exit 2,
 * as POSIX utilities and the AWS CLI do.
 */
async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    process.stderr.write(`article-pipeline: no command given\n\n${usage}`);
    return 2;
  }
  if (name === '--version') {
    process.stdout.write(`article-pipeline ${packageVersion()}\n`);
    return 0;
  }
  // `help COMMAND` is `COMMAND --help`.
  const [commandName, commandArgs] =
    name === 'help' && rest[0] !== undefined ? [rest[0], ['--help']] : [name, rest];
  if (HELP.has(commandName)) {
    process.stdout.write(usage);
    return 0;
  }
  const load = commands[commandName];
  if (load === undefined) {
    process.stderr.write(`article-pipeline: unknown command: ${commandName}\n\n${usage}`);
    return 2;
  }
  const command = await load();
  return command.run(commandArgs);
}

process.exitCode = await main(process.argv.slice(2));
