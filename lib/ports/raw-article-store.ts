export interface RawObjectHead {
  readonly size: number;
  readonly contentType: string | null;
  /** Unquoted, as S3 events carry it. */
  readonly etag: string | null;
  readonly versionId: string | null;
  /** User metadata `source-url` (x-amz-meta-source-url). */
  readonly sourceUrl: string | null;
}

/** Which exact object to read: a version in a versioned bucket, else the ETag it must still have. */
export interface RawObjectVersion {
  readonly versionId: string | null;
  readonly etag: string | null;
}

/**
 * S3's id for the null version: an object written before versioning was enabled, or while it was
 * suspended. It is a version like any other (`?versionId=null` reads or deletes exactly it), but
 * a write while versioning is suspended replaces it in place, so its ETag is checked as well.
 */
export const NULL_VERSION_ID = 'null';

/**
 * Whether a version id alone pins an object's bytes: not without one (an unversioned bucket),
 * nor for the null version, which an upload in a suspended bucket overwrites in place.
 *
 * @example pinsContent('3HL4kqtJlcpXroDTDmJ') // true
 * @example pinsContent('null') // false
 */
export const pinsContent = (versionId: string | null): versionId is string =>
  versionId !== null && versionId !== NULL_VERSION_ID;

/**
 * Whether two version ids name the same version. A record read from an unversioned bucket has
 * none, and is the object S3 calls the null version once versioning is turned on.
 *
 * @example sameVersion(null, 'null') // true
 */
export const sameVersion = (a: string | null, b: string | null): boolean =>
  (a ?? NULL_VERSION_ID) === (b ?? NULL_VERSION_ID);

/** An object as read: its head, and its bytes unless it is over the size limit (never downloaded). */
export interface RawObjectRead {
  readonly head: RawObjectHead;
  readonly bytes: Uint8Array | null;
}

/** The raw bucket: read-only for ingest. */
export interface RawArticleStore {
  /** Null when the object (or that version) no longer exists. */
  head(key: string, versionId: string | null): Promise<RawObjectHead | null>;
  /**
   * Exactly that version, in one request: its head, and its bytes when it is at most `maxBytes`
   * (a larger body is abandoned after the headers, never downloaded). Null when it no longer
   * exists or, without a version id, when the object now has another ETag (it was overwritten:
   * the newer object's event follows).
   */
  read(key: string, version: RawObjectVersion, maxBytes: number): Promise<RawObjectRead | null>;
}
