/**
 * The CORS preflight policy of the read API, shared by the stack (the HTTP API's `corsPreflight`)
 * and the local server, which answers preflights the way API Gateway does with it.
 */
export const CORS_PREFLIGHT = {
  allowMethods: ['GET', 'OPTIONS'],
  allowHeaders: ['authorization', 'content-type'],
  /** Browsers cache a preflight answer this long (Chromium caps it at 2 hours). */
  maxAgeSeconds: 3_600,
} as const;

/**
 * The allowed origins of a `CORS_ORIGINS` value: comma-separated, `*` for any, none when unset.
 *
 * @example parseCorsOrigins('https://a.example, https://b.example') // ['https://a.example', 'https://b.example']
 */
export function parseCorsOrigins(value: string | undefined): readonly string[] {
  return (value ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter((origin) => origin !== '');
}
