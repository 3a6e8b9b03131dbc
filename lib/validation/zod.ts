/**
 * The zod the Lambda code validates with: `zod/mini`, zod v4's tree-shakable functional API
 * (12 KiB in a bundle where classic `zod` is 83 KiB), with zod's English messages configured
 * once. `zod/mini` ships no locale, so without `config(en())` every issue would read "Invalid
 * input"; with it, messages are exactly classic zod's (rejection and error messages are part of
 * the public contract). Import it as a namespace from here (`import * as z`), never from 'zod/mini' directly (biome enforces it).
 *
 * @example import * as z from '../validation/zod.js'; z.object({ key: z.string() }).parse(item)
 */
import { config } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

config(en());

// Re-exported with `export *`, never as a namespace object: esbuild then keeps only what is used
// (exporting the namespace itself made it keep all of zod/mini, every locale included: +340 KiB).
export * from 'zod/mini';
