import {
  GetObjectCommand,
  HeadObjectCommand,
  paginateListObjectsV2,
  type S3Client,
} from '@aws-sdk/client-s3';
import {
  pinsContent,
  type RawArticleStore,
  type RawObjectHead,
  type RawObjectRead,
  type RawObjectVersion,
} from '../ports/raw-article-store.js';
import { StoreError } from '../ports/store-errors.js';
import { errorName, httpStatusOf, toStoreError } from './aws-store-errors.js';

const MISSING: ReadonlySet<string> = new Set(['NotFound', 'NoSuchKey', 'NoSuchVersion']);

/** S3 quotes ETags in responses; events carry them bare. Compare them bare. */
export const unquoteEtag = (etag: string | undefined | null): string | null =>
  etag === undefined || etag === null ? null : etag.replace(/^"(.*)"$/, '$1');

function isMissing(error: unknown): boolean {
  const status = httpStatusOf(error);
  // A HEAD has no body, so S3 reports a missing version as a bare 404 or 400 with no name.
  return (
    MISSING.has(errorName(error)) || status === 404 || (status === 400 && errorName(error) === 'BadRequest')
  );
}

const isPreconditionFailed = (error: unknown): boolean =>
  errorName(error) === 'PreconditionFailed' || httpStatusOf(error) === 412;

/** The raw bucket over S3: reads one exact object version, lists current keys. */
export class S3RawArticleStore implements RawArticleStore {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
  ) {}

  async head(key: string, versionId: string | null): Promise<RawObjectHead | null> {
    try {
      const head = await this.s3.send(
        new HeadObjectCommand({
          Bucket: this.bucket,
          Key: key,
          ...(versionId === null ? {} : { VersionId: versionId }),
        }),
      );
      return {
        size: head.ContentLength ?? 0,
        contentType: head.ContentType ?? null,
        etag: unquoteEtag(head.ETag),
        versionId: head.VersionId ?? null,
        sourceUrl: head.Metadata?.['source-url'] ?? null,
      };
    } catch (error: unknown) {
      if (isMissing(error)) return null;
      throw toStoreError(error, `HeadObject ${this.bucket}/${key}`);
    }
  }

  async read(key: string, version: RawObjectVersion, maxBytes: number): Promise<RawObjectRead | null> {
    // A version id pins the object; without one, or for the null version (overwritten in place
    // while versioning is suspended), If-Match does (AWS), and the ETag check below covers
    // emulators that ignore If-Match.
    const checkEtag = !pinsContent(version.versionId) && version.etag !== null;
    const pin = {
      ...(version.versionId === null ? {} : { VersionId: version.versionId }),
      ...(checkEtag ? { IfMatch: `"${version.etag}"` } : {}),
    };
    try {
      const response = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key, ...pin }));
      const head: RawObjectHead = {
        size: response.ContentLength ?? 0,
        contentType: response.ContentType ?? null,
        etag: unquoteEtag(response.ETag),
        versionId: response.VersionId ?? null,
        sourceUrl: response.Metadata?.['source-url'] ?? null,
      };
      const superseded = checkEtag && head.etag !== null && head.etag !== version.etag;
      if (superseded || head.size > maxBytes) {
        // Decided from the headers: the body is abandoned, not downloaded.
        abandon(response.Body);
        return superseded ? null : { head, bytes: null };
      }
      const bytes =
        response.Body === undefined ? new Uint8Array(0) : await response.Body.transformToByteArray();
      return { head, bytes };
    } catch (error: unknown) {
      if (isMissing(error) || isPreconditionFailed(error)) return null;
      throw toStoreError(error, `GetObject ${this.bucket}/${key}`);
    }
  }
}

/**
 * Keys of the current objects under a prefix, page by page, exactly as stored.
 *
 * A listing is XML, and XML parsers turn CR LF and lone CR into LF (XML 1.0 §2.11), so a key
 * such as `a\r\nb.txt` would come back as `a\nb.txt`. Asked with `encoding-type=url`, S3
 * percent-encodes keys (a space as `+`), and they are decoded here, as the AWS CLI does
 * (botocore's `unquote_plus`). A listing that does not say it is URL-encoded (an emulator
 * without the parameter) is taken as it is.
 *
 * @example
 * for await (const key of listObjectKeys(s3, 'articles-raw', '2017/')) console.log(key); // "2017/05/seed.txt"
 */
export async function* listObjectKeys(s3: S3Client, bucket: string, prefix: string): AsyncGenerator<string> {
  const pages = paginateListObjectsV2(
    { client: s3 },
    { Bucket: bucket, Prefix: prefix, EncodingType: 'url' },
  );
  try {
    for await (const page of pages) {
      const encoded = page.EncodingType === 'url';
      for (const object of page.Contents ?? []) {
        if (object.Key !== undefined) yield encoded ? decodeListedKey(object.Key) : object.Key;
      }
    }
  } catch (error: unknown) {
    if (error instanceof StoreError) throw error;
    throw toStoreError(error, `ListObjectsV2 ${bucket}/${prefix}`);
  }
}

/** S3's `encoding-type=url` form: percent-encoded UTF-8, `+` for a space. */
function decodeListedKey(key: string): string {
  try {
    return decodeURIComponent(key.replace(/\+/g, ' '));
  } catch (error: unknown) {
    throw new StoreError(`ListObjectsV2 returned a key that is not URL-encoded: ${JSON.stringify(key)}`, {
      cause: error,
    });
  }
}

/** Closes a response body that will not be read (its connection is not reused). */
function abandon(body: unknown): void {
  if (typeof body === 'object' && body !== null && 'destroy' in body && typeof body.destroy === 'function') {
    body.destroy();
  }
}
