import { type TextEncoding, textDecoder } from './encoding';

/** Decodes byte chunks to text; a character split across chunks is carried over. The BOM is dropped. */
export async function* textChunks(
  chunks: AsyncIterable<Buffer>,
  encoding: TextEncoding,
  /** Called when decoded text holds U+FFFD (bytes invalid in the encoding). */
  onReplacement?: () => void,
): AsyncGenerator<string> {
  const decoder = textDecoder(encoding);
  let first = true;
  for await (const chunk of chunks) {
    let text = decoder.write(chunk);
    if (first && text) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    if (onReplacement && text.includes('\uFFFD')) onReplacement();
    if (text) yield text;
  }
  const rest = decoder.end();
  if (onReplacement && rest?.includes('\uFFFD')) onReplacement();
  if (rest) yield rest;
}

/** UTF-8 byte chunks whatever the source encoding (the JSON splitter works on UTF-8 bytes). */
export async function* utf8Chunks(
  chunks: AsyncIterable<Buffer>,
  encoding: TextEncoding,
  onReplacement?: () => void,
): AsyncGenerator<Buffer> {
  if (encoding === 'utf-8') {
    let first = true;
    for await (const chunk of chunks) {
      if (first && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) yield chunk.subarray(3);
      else yield chunk;
      first = false;
    }
    return;
  }
  for await (const text of textChunks(chunks, encoding, onReplacement)) yield Buffer.from(text, 'utf8');
}
