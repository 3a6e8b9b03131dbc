import { readFile } from 'node:fs/promises';
import { basename, relative, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { PutObjectCommand, S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { SingleBar } from 'cli-progress';
import { LOCAL_DEFAULTS, localS3Endpoint, readLocalSettings } from '../../local/local-settings.js';
import { articleId } from '../article/article-id.js';
import { printableKey } from './printable-key.js';
import { uploadContentType } from './upload-content-types.js';
import { pathKind, walkFolder } from './walk-files.js';

const usage = `usage: article-pipeline upload PATH... [--prefix P] [--bucket B] [--endpoint-url URL] [--concurrency N]

Uploads files, or every file under folders, to the raw bucket and prints "key<TAB>id" per file
(a key with a control character, or starting with ", as a JSON string).
By default the local pipeline (npm start): http://127.0.0.1:$S3_PORT, bucket ${LOCAL_DEFAULTS.rawBucket}.
--bucket B alone targets that bucket in AWS with the standard AWS environment (profile, region);
--endpoint-url URL targets any S3-compatible endpoint.
`;

export interface UploadItem {
  readonly path: string;
  readonly key: string;
}

const joinKey = (prefix: string, name: string): string =>
  prefix === '' || prefix.endsWith('/') ? `${prefix}${name}` : `${prefix}/${name}`;

/**
 * The files to upload and their keys: a file keeps its name, a folder's files keep their path
 * below the folder (as `aws s3 cp --recursive` does, symbolic links followed); hidden files are
 * skipped. Entries of a folder that cannot be uploaded (broken links, loops, FIFOs, devices) are
 * handed to `onSkipped`; a path given that is neither a file nor a folder fails the whole listing.
 *
 * @example await listUploads(['articles/'], '2017') // [{ path: 'articles/a/x.txt', key: '2017/a/x.txt' }, …]
 */
export async function listUploads(
  paths: readonly string[],
  prefix: string,
  onSkipped: (path: string, reason: string) => void = () => {},
): Promise<UploadItem[]> {
  const items: UploadItem[] = [];
  for (const path of paths) {
    if ((await pathKind(path)) === 'file') {
      items.push({ path, key: joinKey(prefix, basename(path)) });
      continue;
    }
    for await (const entry of walkFolder(path)) {
      if (entry.kind === 'skipped') onSkipped(entry.path, entry.reason);
      else
        items.push({
          path: entry.path,
          key: joinKey(prefix, relative(path, entry.path).split(sep).join('/')),
        });
    }
  }
  return items;
}

interface Target {
  readonly bucket: string;
  readonly config: S3ClientConfig;
}

function targetOf(bucket: string | undefined, endpointUrl: string | undefined): Target {
  if (endpointUrl !== undefined) {
    return {
      bucket: bucket ?? LOCAL_DEFAULTS.rawBucket,
      config: {
        endpoint: endpointUrl,
        forcePathStyle: true,
        region: process.env.AWS_REGION ?? LOCAL_DEFAULTS.region,
      },
    };
  }
  if (bucket !== undefined) return { bucket, config: {} };
  const env = process.env;
  return {
    bucket: LOCAL_DEFAULTS.rawBucket,
    config: {
      endpoint: localS3Endpoint(readLocalSettings(env)),
      forcePathStyle: true,
      region: LOCAL_DEFAULTS.region,
      // The local endpoint accepts any key: use the user's if set, never stall on a profile or SSO.
      credentials:
        env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY
          ? { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY }
          : { accessKeyId: LOCAL_DEFAULTS.accessKeyId, secretAccessKey: LOCAL_DEFAULTS.secretAccessKey },
    },
  };
}

async function mapConcurrently<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<void>,
) {
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let index = next++; index < items.length; index = next++) {
      const item = items[index];
      if (item !== undefined) await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
}

/** `article-pipeline upload PATH... [--prefix P]`: exit 0 when every file was uploaded, else 1. */
export async function run(argv: readonly string[]): Promise<number> {
  let parsed: ReturnType<typeof parseUploadArgs>;
  try {
    parsed = parseUploadArgs(argv);
  } catch (error: unknown) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help === true) {
    process.stdout.write(usage);
    return 0;
  }
  if (positionals.length === 0) {
    process.stderr.write(`article-pipeline upload: no PATH given\n\n${usage}`);
    return 2;
  }
  const concurrency = Number(values.concurrency ?? '8');
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    process.stderr.write('--concurrency must be a positive integer\n');
    return 2;
  }

  let items: UploadItem[];
  let skipped = 0;
  try {
    items = await listUploads(positionals, values.prefix ?? '', (path, reason) => {
      skipped += 1;
      process.stderr.write(`article-pipeline upload: skipping ${printableKey(path)}: ${reason}\n`);
    });
  } catch (error: unknown) {
    process.stderr.write(
      `article-pipeline upload: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return 1;
  }

  const target = targetOf(values.bucket, values['endpoint-url']);
  const client = new S3Client({ requestChecksumCalculation: 'WHEN_REQUIRED', ...target.config });
  const bar = process.stderr.isTTY
    ? new SingleBar({
        format: 'upload [{bar}] {value}/{total} {key}',
        stream: process.stderr,
        hideCursor: true,
      })
    : null;
  bar?.start(items.length, 0, { key: '' });

  let failures = 0;
  await mapConcurrently(items, concurrency, async (item) => {
    try {
      const contentType = uploadContentType(item.path);
      await client.send(
        new PutObjectCommand({
          Bucket: target.bucket,
          Key: item.key,
          Body: await readFile(item.path),
          ...(contentType === undefined ? {} : { ContentType: contentType }),
        }),
      );
      process.stdout.write(`${printableKey(item.key)}\t${articleId(target.bucket, item.key)}\n`);
    } catch (error: unknown) {
      failures += 1;
      process.stderr.write(
        `article-pipeline upload: failed: ${printableKey(item.path)}: ${error instanceof Error ? error.message : String(error)}\n`,
      );
    }
    bar?.increment(1, { key: printableKey(item.key) });
  });
  bar?.stop();
  client.destroy();
  process.stderr.write(
    `uploaded ${items.length - failures} of ${items.length} to s3://${target.bucket}` +
      (skipped > 0 ? `; ${skipped} skipped (reasons above)\n` : '\n'),
  );
  return failures === 0 && skipped === 0 ? 0 : 1;
}

function parseUploadArgs(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      prefix: { type: 'string' },
      bucket: { type: 'string' },
      'endpoint-url': { type: 'string' },
      concurrency: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}
