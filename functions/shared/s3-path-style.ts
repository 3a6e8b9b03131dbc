import * as z from 'zod';

/**
 * `S3_FORCE_PATH_STYLE`, read the same way by every function's configuration: `true` or `1` for
 * path-style S3 addressing (the local runtime sets it for s3rver), anything else allowed off.
 */
export const s3ForcePathStyleSchema = z
  .enum(['true', 'false', '1', '0', ''])
  .optional()
  .transform((value) => value === 'true' || value === '1');
