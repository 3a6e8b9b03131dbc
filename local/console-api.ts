/**
 * The bodies of the console's own routes (local/console-server.ts), shared with the page that
 * reads them (console/src/api.ts). Types only, so the browser bundle and Node both import it.
 */

/** What `GET /console/api/objects?key=` answers: the raw object as S3 describes it. */
export interface ConsoleObjectInfo {
  readonly key: string;
  readonly size: number | null;
  readonly versionId: string | null;
  readonly etag: string | null;
  readonly contentType: string | null;
  readonly lastModified: string | null;
  /** User metadata `source-url`: the article's URL when it has no canonical one. */
  readonly sourceUrl: string | null;
}

/** What `PUT /console/api/objects?key=` answers once S3 stored the object. */
export interface ConsoleUploadResult {
  readonly key: string;
  readonly id: string;
  readonly etag: string | null;
  readonly versionId: string | null;
}
