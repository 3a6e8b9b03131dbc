/**
 * File signatures ("magic numbers") of formats that are not articles. Hand-written because the
 * well-known detectors (`file-type`) are async, stream-oriented and far larger than this table;
 * the first bytes are all we need.
 */
interface Signature {
  readonly name: string;
  readonly offset: number;
  /** Bytes to match; `null` matches any byte. */
  readonly bytes: readonly (number | null)[];
}

const ascii = (text: string): number[] => Array.from(text, (c) => c.charCodeAt(0));

const SIGNATURES: readonly Signature[] = [
  { name: 'PNG image', offset: 0, bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { name: 'JPEG image', offset: 0, bytes: [0xff, 0xd8, 0xff] },
  { name: 'GIF image', offset: 0, bytes: ascii('GIF8') },
  { name: 'WebP image', offset: 0, bytes: [...ascii('RIFF'), null, null, null, null, ...ascii('WEBP')] },
  { name: 'WAV audio', offset: 0, bytes: [...ascii('RIFF'), null, null, null, null, ...ascii('WAVE')] },
  { name: 'AVI video', offset: 0, bytes: [...ascii('RIFF'), null, null, null, null, ...ascii('AVI ')] },
  { name: 'BMP image', offset: 0, bytes: ascii('BM') },
  { name: 'TIFF image', offset: 0, bytes: [0x49, 0x49, 0x2a, 0x00] },
  { name: 'TIFF image', offset: 0, bytes: [0x4d, 0x4d, 0x00, 0x2a] },
  { name: 'ICO image', offset: 0, bytes: [0x00, 0x00, 0x01, 0x00] },
  { name: 'CUR image', offset: 0, bytes: [0x00, 0x00, 0x02, 0x00] },
  // ISO base media (MP4, MOV, HEIC, AVIF, 3GP): a box size, then "ftyp".
  { name: 'ISO media (MP4/HEIC/AVIF)', offset: 4, bytes: ascii('ftyp') },
  { name: 'PDF document', offset: 0, bytes: ascii('%PDF-') },
  { name: 'PostScript document', offset: 0, bytes: ascii('%!PS') },
  { name: 'ZIP archive (docx, epub, …)', offset: 0, bytes: [0x50, 0x4b, 0x03, 0x04] },
  { name: 'ZIP archive (empty)', offset: 0, bytes: [0x50, 0x4b, 0x05, 0x06] },
  { name: 'ZIP archive (spanned)', offset: 0, bytes: [0x50, 0x4b, 0x07, 0x08] },
  { name: 'gzip data', offset: 0, bytes: [0x1f, 0x8b] },
  { name: 'bzip2 data', offset: 0, bytes: ascii('BZh') },
  { name: 'xz data', offset: 0, bytes: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00] },
  { name: 'zstd data', offset: 0, bytes: [0x28, 0xb5, 0x2f, 0xfd] },
  { name: 'lz4 data', offset: 0, bytes: [0x04, 0x22, 0x4d, 0x18] },
  { name: '7z archive', offset: 0, bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c] },
  { name: 'RAR archive', offset: 0, bytes: ascii('Rar!\x1a\x07') },
  { name: 'tar archive', offset: 257, bytes: ascii('ustar') },
  {
    name: 'OLE2 document (doc, xls, msg)',
    offset: 0,
    bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
  },
  { name: 'RTF-less Word 2 document', offset: 0, bytes: [0xdb, 0xa5, 0x2d, 0x00] },
  { name: 'ELF executable', offset: 0, bytes: [0x7f, 0x45, 0x4c, 0x46] },
  { name: 'Windows executable (MZ)', offset: 0, bytes: ascii('MZ') },
  { name: 'Mach-O executable', offset: 0, bytes: [0xfe, 0xed, 0xfa, 0xce] },
  { name: 'Mach-O executable', offset: 0, bytes: [0xfe, 0xed, 0xfa, 0xcf] },
  { name: 'Mach-O executable', offset: 0, bytes: [0xce, 0xfa, 0xed, 0xfe] },
  { name: 'Mach-O executable', offset: 0, bytes: [0xcf, 0xfa, 0xed, 0xfe] },
  { name: 'Mach-O universal binary', offset: 0, bytes: [0xca, 0xfe, 0xba, 0xbe] },
  { name: 'Java class file', offset: 0, bytes: [0xca, 0xfe, 0xba, 0xbe] },
  { name: 'WebAssembly module', offset: 0, bytes: [0x00, 0x61, 0x73, 0x6d] },
  { name: 'SQLite database', offset: 0, bytes: ascii('SQLite format 3\x00') },
  { name: 'MP3 audio (ID3)', offset: 0, bytes: ascii('ID3') },
  { name: 'MP3 audio', offset: 0, bytes: [0xff, 0xfb] },
  { name: 'MP3 audio', offset: 0, bytes: [0xff, 0xf3] },
  { name: 'MP3 audio', offset: 0, bytes: [0xff, 0xf2] },
  { name: 'AAC audio', offset: 0, bytes: [0xff, 0xf1] },
  { name: 'AAC audio', offset: 0, bytes: [0xff, 0xf9] },
  { name: 'Ogg media', offset: 0, bytes: ascii('OggS') },
  { name: 'FLAC audio', offset: 0, bytes: ascii('fLaC') },
  { name: 'MIDI audio', offset: 0, bytes: ascii('MThd') },
  { name: 'Matroska/WebM video', offset: 0, bytes: [0x1a, 0x45, 0xdf, 0xa3] },
  { name: 'FLV video', offset: 0, bytes: ascii('FLV\x01') },
  { name: 'AIFF audio', offset: 0, bytes: ascii('FORM') },
  { name: 'WOFF font', offset: 0, bytes: ascii('wOFF') },
  { name: 'WOFF2 font', offset: 0, bytes: ascii('wOF2') },
  { name: 'TrueType font', offset: 0, bytes: [0x00, 0x01, 0x00, 0x00, 0x00] },
  { name: 'OpenType font', offset: 0, bytes: ascii('OTTO') },
  { name: 'Photoshop image', offset: 0, bytes: ascii('8BPS') },
  { name: 'JPEG 2000 image', offset: 0, bytes: [0x00, 0x00, 0x00, 0x0c, 0x6a, 0x50, 0x20, 0x20] },
  { name: 'Parquet data', offset: 0, bytes: ascii('PAR1') },
];

// Short printable signatures ("BM", "MZ", "OTTO", "FORM") are also how ordinary text can begin:
// for those, also require the control bytes every such binary header has.
function needsBinaryTail(signature: Signature): boolean {
  return signature.bytes.length <= 4 && signature.bytes.every((b) => b !== null && b >= 0x20 && b <= 0x7e);
}

/**
 * The name of the binary format the bytes start with, or null if they do not start with a known
 * signature.
 *
 * @example
 * ```ts
 * sniffBinary(new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31])); // "PDF document"
 * sniffBinary(new TextEncoder().encode('hello')); // null
 * ```
 */
export function sniffBinary(bytes: Uint8Array): string | null {
  for (const signature of SIGNATURES) {
    if (!matches(bytes, signature)) continue;
    if (needsBinaryTail(signature) && !hasBinaryBytes(bytes, 64)) continue;
    return signature.name;
  }
  return null;
}

function matches(bytes: Uint8Array, signature: Signature): boolean {
  if (bytes.length < signature.offset + signature.bytes.length) return false;
  return signature.bytes.every(
    (expected, i) => expected === null || bytes[signature.offset + i] === expected,
  );
}

/** Whether the first `count` bytes contain control bytes that text never has. */
function hasBinaryBytes(bytes: Uint8Array, count: number): boolean {
  const end = Math.min(bytes.length, count);
  for (let i = 0; i < end; i += 1) {
    const b = bytes[i] ?? 0;
    if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) return true;
  }
  return false;
}
