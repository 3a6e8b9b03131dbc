import { startLocalRuntime } from '../../infra/local/local-runtime.js';
import { readLocalSettings } from '../../infra/local/local-settings.js';

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
  const settings = readLocalSettings(process.env);
  const runtime = await startLocalRuntime({ settings });
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
