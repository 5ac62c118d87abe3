import { describe, expect, it } from 'vitest';
import { utf8Base64 } from './base64';

describe('utf8Base64', () => {
  it('encodes as Node does, Cyrillic and emoji included, with padding', () => {
    for (const s of ['', 'a', 'ab', 'abc', 'строка;столбец;ошибка\r\n', '\uFEFFИНН 7017000001 — ё', '😀x'])
      expect(utf8Base64(s)).toBe(Buffer.from(s, 'utf8').toString('base64'));
  });
});
