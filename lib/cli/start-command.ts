import { type LocalRuntime, startLocalRuntime } from '../../infra/local/local-runtime.js';
import { type LocalSettings, readLocalSettings } from '../../infra/local/local-settings.js';

/** The one line that says the pipeline accepts uploads and the API listens (CONTRACT §2). */
export const READY_PREFIX = 'article-pipeline ready';

/**
 * `article-pipeline start` (`npm start`): the whole pipeline locally until SIGINT or SIGTERM.
 * Pending events stay in DATA_DIR and are delivered on the next start.
 */
export async function run(argv: readonly string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(
      'usage: article-pipeline start\n\nenvironment: S3_PORT (4569), DYNAMODB_PORT (4567), API_PORT (3000), DATA_DIR (.data)\n',
    );
    return 0;
  }
  let settings: LocalSettings;
  let runtime: LocalRuntime;
  try {
    settings = readLocalSettings(process.env);
    runtime = await startLocalRuntime({ settings });
  } catch (error: unknown) {
    const message = error instanceof Error ? error.message : String(error);
    const hint = /EADDRINUSE/.test(message)
      ? ' (a port is taken: set S3_PORT, DYNAMODB_PORT or API_PORT)'
      : '';
    process.stderr.write(`article-pipeline start failed: ${message}${hint}\n`);
    return 1;
  }
  process.stdout.write(
    `${READY_PREFIX} s3=${runtime.s3Endpoint} bucket=${settings.rawBucket} dynamodb=${runtime.dynamoDbEndpoint} api=${runtime.apiEndpoint ?? 'none'} data=${settings.dataDir}\n`,
  );

  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  process.stderr.write(
    `article-pipeline stopping (${signal}); queued events are kept in ${settings.dataDir}\n`,
  );
  await runtime.close();
  return 0;
}
