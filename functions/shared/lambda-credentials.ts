/**
 * Stands in for `@aws-sdk/credential-provider-node` in the Lambda bundles only (esbuild alias in
 * `BUNDLE_SETTINGS`). Lambda always hands a function its role's credentials in environment
 * variables (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN), so the rest of the
 * default chain (SSO, shared ini files, credential processes, web identity, container and
 * instance metadata, and the STS/SSO clients they carry) never runs there: leaving it out is
 * about 110 KiB less code to load at every cold start. Tests, the CLI and `npm start` run the
 * unbundled code with the SDK's full default chain.
 */
import { fromEnv } from '@aws-sdk/credential-provider-env';

/** The signature the SDK clients' runtime configuration calls. */
export const defaultProvider = (init?: Parameters<typeof fromEnv>[0]): ReturnType<typeof fromEnv> =>
  fromEnv(init);
