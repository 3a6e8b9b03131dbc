import * as z from '../../lib/validation/zod.js';

/**
 * `S3_FORCE_PATH_STYLE`, read the same way by every function's configuration: `true` or `1` for
 * path-style S3 addressing (the local runtime sets it for s3rver), anything else allowed off.
 */
export const s3ForcePathStyleSchema = z.pipe(
  z.optional(z.enum(['true', 'false', '1', '0', ''])),
  z.transform((value) => value === 'true' || value === '1'),
);
