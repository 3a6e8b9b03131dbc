/**
 * Version of the extraction rules. Bump it whenever the same bytes would give a different record,
 * so `reprocess` can tell which stored records came from older rules.
 */
export const PARSER_VERSION = '2026.12.1';
