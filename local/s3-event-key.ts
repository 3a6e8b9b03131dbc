/**
 * S3 event notifications carry object keys form-URL-encoded (Java's URLEncoder: `+` for a space,
 * `%28`/`%29` for parentheses, percent-encoded UTF-8 for non-ASCII) with `/` left as is.
 * The local runtime must send keys exactly so, or a handler that forgets to decode would pass
 * locally and fail in the cloud.
 *
 * @example encodeS3EventKey('2017/05/a (1)+b.txt') // '2017/05/a+%281%29%2Bb.txt'
 */
export function encodeS3EventKey(key: string): string {
  return key
    .split('/')
    .map((segment) =>
      encodeURIComponent(segment)
        .replace(/[!'()~]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`)
        .replace(/%20/g, '+'),
    )
    .join('/');
}
