import { createReadApiHandler } from './shared/read-api-app.js';
import { config, logError, service } from './shared/read-dependencies.js';

/** The read API: one function behind the HTTP API's six GET routes (CONTRACT §4). */
export const handler = createReadApiHandler({ service, corsOrigins: config.corsOrigins, logError });
