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
