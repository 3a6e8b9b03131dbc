import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import { createReadApiHandler } from './shared/read-api-app.js';
import { config, logError, service, tracer } from './shared/read-dependencies.js';

const app = createReadApiHandler({ service, corsOrigins: config.corsOrigins, logError });

/** The read API: one function behind the HTTP API's six GET routes (CONTRACT §4). Traced in AWS. */
export const handler =
  tracer === null ? app : middy(app).use(captureLambdaHandler(tracer, { captureResponse: false }));
