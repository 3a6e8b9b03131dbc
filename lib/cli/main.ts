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

commands:
  extract PATH... [--content-type TYPE] [--source-url URL] [--content] [--manifest FILE]
  start                       the whole pipeline locally (S3, DynamoDB, read API)
  upload PATH... [--prefix P] upload files or folders to the raw bucket
  reprocess [--prefix P]      re-run extraction over stored objects
  reconcile                   compare bucket and table
  dead-letters                list events that failed every retry (local)
`;

async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  const load = name === undefined ? undefined : commands[name];
  if (load === undefined) {
    process.stderr.write(usage);
    return name === undefined || name === '--help' || name === '-h' ? 0 : 2;
  }
  const command = await load();
  return command.run(rest);
}

process.exitCode = await main(process.argv.slice(2));
