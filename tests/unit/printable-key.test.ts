import { describe, expect, it } from 'vitest';
import { printableKey } from '../../lib/cli/printable-key.js';
import { printReport } from '../../lib/cli/reconcile-command.js';

describe('printableKey', () => {
  it.each(['2017/05/seed.txt', 'مقالات/الرقة.txt', 'with space.txt', 'a+b%20c.txt', 'say "hi".txt'])(
    'prints the plain key %s as it is',
    (key) => {
      expect(printableKey(key)).toBe(key);
    },
  );

  it.each([
    ['crlf\r\nkey.txt', '"crlf\\r\\nkey.txt"'],
    ['tab\tkey.txt', '"tab\\tkey.txt"'],
    ['nul\u0000key.txt', '"nul\\u0000key.txt"'],
    ['escape\u001b[2Jkey.txt', '"escape\\u001b[2Jkey.txt"'],
    ['next-line\u0085key.txt', '"next-line\\u0085key.txt"'],
    ['separator\u2028key.txt', '"separator\\u2028key.txt"'],
    ['"quoted".txt', '"\\"quoted\\".txt"'],
  ])('prints the key %j as a JSON string on one line', (key, printed) => {
    expect(printableKey(key)).toBe(printed);
    expect(JSON.parse(printableKey(key))).toBe(key);
    expect(
      [...printableKey(key)].every((c) => c >= ' ' && (c < '\u007f' || c > '\u009f') && c !== '\u2028'),
    ).toBe(true);
  });
});

describe('reconcile report', () => {
  it('prints a key with a line break escaped, on one line with its id', () => {
    const lines: string[] = [];
    printReport(
      {
        objectCount: 1,
        recordCount: 1,
        objectsWithoutRecord: [{ key: 'crlf\r\nkey.txt', id: 'abc' }],
        recordsWithoutObject: [{ key: 'tab\tkey.txt', id: 'def' }],
        recordsWithoutContent: [{ key: 'lf\nkey.txt', id: 'ghi' }],
      },
      { description: 'local pipeline' },
      { out: (line) => lines.push(line), err: (line) => lines.push(line) },
    );
    expect(lines.join('\n').split('\n')).toEqual([
      'local pipeline: 1 object(s), 1 record(s)',
      'objects without a record (1):',
      '  "crlf\\r\\nkey.txt"\tabc',
      'records without an object (1):',
      '  "tab\\tkey.txt"\tdef',
      'records without content (1):',
      '  "lf\\nkey.txt"\tghi',
    ]);
  });
});
