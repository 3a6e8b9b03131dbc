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

export interface RawObjectBody {
  readonly bytes: Uint8Array;
  readonly etag: string | null;
}

/** The raw bucket: read-only for ingest. */
export interface RawArticleStore {
  /** Null when the object (or that version) no longer exists. */
  head(key: string, versionId: string | null): Promise<RawObjectHead | null>;
  /**
   * The bytes of exactly that version. Null when it no longer exists or, without a version id,
   * when the object now has another ETag (it was overwritten: the newer object's event follows).
   */
  get(key: string, version: RawObjectVersion): Promise<RawObjectBody | null>;
}
