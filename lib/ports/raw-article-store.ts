export interface RawObjectHead {
  readonly size: number;
  readonly contentType: string | null;
  readonly etag: string | null;
  readonly versionId: string | null;
  /** User metadata `source-url` (x-amz-meta-source-url). */
  readonly sourceUrl: string | null;
}

/** The raw bucket: read-only for ingest. */
export interface RawArticleStore {
  /** Null when the object (or that version) no longer exists. */
  head(key: string, versionId: string | null): Promise<RawObjectHead | null>;
  /** Null when the object (or that version) no longer exists. */
  get(key: string, versionId: string | null): Promise<Uint8Array | null>;
}
