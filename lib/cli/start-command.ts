import { Console } from 'node:console';
import { mkdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { createStream } from 'rotating-file-stream';
import { type LocalRuntime, startLocalRuntime } from '../../local/local-runtime.js';
import { type LocalSettings, readLocalSettings } from '../../local/local-settings.js';
import { type DataFolderLock, lockDataFolder } from './data-folder-lock.js';

/** The one line that says the pipeline accepts uploads and the API listens (CONTRACT §2). */
export const READY_PREFIX = 'article-pipeline ready';

/** Where the handlers' logs and the runtime's full messages go, under DATA_DIR. */
export const LOG_FILES = {
  handlers: join('logs', 'handlers.log'),
  runtime: join('logs', 'runtime.log'),
} as const;

/** Log files rotate past this size, logrotate style: `handlers.log.1`, `.2`, then the oldest goes. */
export const LOG_ROTATION = { size: '10M', rotate: 2 } as const;

/** An appending log file under `dataDir` that never grows past `rotation.size` (rotating-file-stream). */
export function openLogFile(
  dataDir: string,
  file: string,
  rotation: { readonly size: string; readonly rotate: number } = LOG_ROTATION,
): Writable {
  return createStream(basename(file), {
    path: join(dataDir, dirname(file)),
    size: rotation.size,
    rotate: rotation.rotate,
  });
}

const READY_WORD = /\bready\b/i;

const usage = `usage: article-pipeline start

Runs the whole pipeline locally (S3, DynamoDB, read API) until Ctrl-C; one data folder per process.

environment: S3_PORT (4569), DYNAMODB_PORT (4567), API_PORT (3000), DATA_DIR (.data)
`;

/**
 * The terminal shows the ready line and the runtime's own short messages only. Handler logs and
 * messages quoting user data (object keys, error texts: a key may well be `ready.txt`) go to
 * files, so nothing but the ready line can ever contain the word `ready` (CONTRACT §2).
 */
function redirectOutput(dataDir: string): {
  readonly print: (line: string) => void;
  readonly close: () => Promise<void>;
} {
  mkdirSync(join(dataDir, 'logs'), { recursive: true });
  const handlers = openLogFile(dataDir, LOG_FILES.handlers);
  const runtime = openLogFile(dataDir, LOG_FILES.runtime);
  // POWERTOOLS_DEV makes the Powertools logger write through the global console (pretty-printed),
  // which is pointed at the file before any handler module is loaded.
  process.env.POWERTOOLS_DEV ??= 'true';
  globalThis.console = new Console({ stdout: handlers, stderr: handlers });
  const print = (line: string): void => {
    runtime.write(`${new Date().toISOString()} ${line}\n`);
    process.stderr.write(
      READY_WORD.test(line)
        ? `article-pipeline: a message quoting user data was written to ${join(dataDir, LOG_FILES.runtime)}\n`
        : `article-pipeline: ${line}\n`,
    );
  };
  const close = async (): Promise<void> => {
    await Promise.all([handlers, runtime].map((stream) => new Promise((done) => stream.end(done))));
  };
  return { print, close };
}
/**
 * `article-pipeline start` (`npm start`): the whole pipeline locally until SIGINT or SIGTERM.
 * Pending events stay in DATA_DIR and are delivered on the next start.
 */
export async function run(argv: readonly string[]): Promise<number> {
  let help: boolean;
  try {
    help =
      parseArgs({ args: [...argv], options: { help: { type: 'boolean', short: 'h' } } }).values.help === true;
  } catch (error: unknown) {
    process.stderr.write(
      `article-pipeline start: ${error instanceof Error ? error.message : String(error)}\n\n${usage}`,
    );
    return 2;
  }
  if (help) {
    process.stdout.write(usage);
    return 0;
  }
  let settings: LocalSettings;
  let lock: DataFolderLock | null = null;
  let runtime: LocalRuntime;
  let output: ReturnType<typeof redirectOutput>;
  try {
    settings = readLocalSettings(process.env);
    // Before anything touches the folder: a second runtime on it would break the first's files.
    lock = lockDataFolder(settings.dataDir);
    output = redirectOutput(settings.dataDir);
    runtime = await startLocalRuntime({ settings, log: output.print });
  } catch (error: unknown) {
    lock?.release();
    const message = error instanceof Error ? error.message : String(error);
    const hint = /EADDRINUSE/.test(message)
      ? ' (a port is taken: set S3_PORT, DYNAMODB_PORT or API_PORT)'
      : '';
    process.stderr.write(`article-pipeline start failed: ${message}${hint}\n`);
    return 1;
  }
  process.stdout.write(
    `${READY_PREFIX} s3=${runtime.s3Endpoint} bucket=${settings.rawBucket} dynamodb=${runtime.dynamoDbEndpoint} api=${runtime.apiEndpoint ?? 'none'} console=${runtime.consoleUrl ?? 'none'} data=${settings.dataDir}\n`,
  );

  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  process.stderr.write(
    `article-pipeline stopping (${signal}); queued events are kept in ${settings.dataDir}\n`,
  );
  await runtime.close();
  await output.close();
  lock.release();
  return 0;
}
