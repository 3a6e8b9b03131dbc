/**
 * The content type an upload declares for a file, by its extension, as `aws s3 cp` guesses one:
 * the CLI's `upload` and the local console send the same, so the same object gets the same record.
 */
export const UPLOAD_CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.txt': 'text/plain',
  '.text': 'text/plain',
  '.html': 'text/html',
  '.htm': 'text/html',
  '.xhtml': 'application/xhtml+xml',
  '.md': 'text/markdown',
  '.markdown': 'text/markdown',
};

/**
 * The declared content type of a file name; undefined for other extensions (the pipeline sniffs).
 *
 * @example uploadContentType('2017/05/seed.TXT') // 'text/plain'
 */
export function uploadContentType(name: string): string | undefined {
  const dot = name.lastIndexOf('.');
  if (dot < 0 || dot < Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'))) return undefined;
  return UPLOAD_CONTENT_TYPES[name.slice(dot).toLowerCase()];
}
