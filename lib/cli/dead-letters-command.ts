import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { listDeadLetters } from '../../local/event-journal.js';
import { readLocalSettings } from '../../local/local-settings.js';
import { printableKey } from './printable-key.js';

const usage = `usage: article-pipeline dead-letters [--json]

Lists the events the local pipeline gave up on (DATA_DIR/queue/dead), oldest first:
time, attempts, event name, bucket, key and the last error. --json prints JSON Lines.
Exit 0 (also when there are none), 1 when DATA_DIR is not a data folder of npm start, 2 on bad usage.
`;

const decodeKey = (key: string): string => {
  try {
    return decodeURIComponent(key.replace(/\+/g, ' '));
  } catch {
    return key;
  }
};

/**
 * Why `dataDir` is not the data folder of a local pipeline, or null when it is: `npm start`
 * creates `queue/` in it before accepting any upload.
 */
async function missingDataFolder(dataDir: string): Promise<string | null> {
  const isFolder = async (path: string): Promise<boolean> => {
    try {
      return (await stat(path)).isDirectory();
    } catch {
      return false;
    }
  };
  if (!(await isFolder(dataDir))) return `data folder ${dataDir} does not exist (is DATA_DIR right?)`;
  if (!(await isFolder(join(dataDir, 'queue'))))
    return `${dataDir} is not a data folder of the local pipeline: it has no queue/ (is DATA_DIR right?)`;
  return null;
}

/** `article-pipeline dead-letters`: exit 0 (also when there are none), 1 without a data folder. */
export async function run(argv: readonly string[]): Promise<number> {
  let json = false;
  try {
    const { values } = parseArgs({
      args: [...argv],
      options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    });
    if (values.help === true) {
      process.stdout.write(usage);
      return 0;
    }
    json = values.json === true;
  } catch (error: unknown) {
    process.stderr.write(
      `article-pipeline dead-letters: ${error instanceof Error ? error.message : String(error)}\n\n${usage}`,
    );
    return 2;
  }

  const { dataDir } = readLocalSettings(process.env);
  // A mistyped DATA_DIR would otherwise read as "no dead letters".
  const missing = await missingDataFolder(dataDir);
  if (missing !== null) {
    process.stderr.write(`article-pipeline dead-letters: ${missing}\n`);
    return 1;
  }
  const letters = await listDeadLetters(dataDir, (file) => process.stderr.write(`unreadable: ${file}\n`));
  for (const letter of letters) {
    const { record } = letter;
    const key = decodeKey(record.s3.object.key);
    if (json) {
      process.stdout.write(
        `${JSON.stringify({
          id: letter.id,
          failedAt: new Date(letter.failedAt).toISOString(),
          attempts: letter.attempts,
          eventName: record.eventName,
          bucket: record.s3.bucket.name,
          key,
          sequencer: record.s3.object.sequencer,
          lastError: letter.lastError,
          record,
        })}\n`,
      );
    } else {
      process.stdout.write(
        `${new Date(letter.failedAt).toISOString()}\t${letter.attempts}\t${record.eventName}\t${record.s3.bucket.name}\t${printableKey(key)}\t${letter.lastError ?? ''}\n`,
      );
    }
  }
  process.stderr.write(`${letters.length} dead letter(s) in ${dataDir}\n`);
  return 0;
}
