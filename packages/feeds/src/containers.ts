import { createGunzip, createInflateRaw } from 'node:zlib';
import { FeedTooLargeError, FeedUnreadableError } from './errors';

/**
 * What a feed may arrive wrapped in, and what it must not be. Employment services gzip large
 * dumps or send a zip «as the portal gave it»; clerks rename an old .xls, a PDF print-out or a
 * scan to .csv. The wrapped feed is unpacked as a stream; the others are refused with a sentence
 * that names what the file is and what to do (exit 2 in the CLI).
 */
export type Container = 'gzip' | 'zip';

const starts = (head: Buffer, ...bytes: number[]) => bytes.every((b, i) => head[i] === b);

/** `gzip`/`zip` for an archive holding a feed, undefined for a plain file or a workbook; throws for what is no feed. */
export function containerOf(head: Buffer): Container | undefined {
  if (starts(head, 0x1f, 0x8b)) return 'gzip';
  if (starts(head, 0x50, 0x4b, 0x03, 0x04)) {
    const names = head.toString('latin1');
    if (names.includes('xl/')) return undefined; // an .xlsx workbook: the XLSX reader
    if (names.includes('word/'))
      refuse(
        'это документ Word (.docx), а не лента вакансий: выгрузите вакансии в Excel (.xlsx), CSV, XML или JSON',
      );
    if (names.includes('application/vnd.oasis.opendocument.spreadsheet'))
      refuse('это таблица OpenDocument (.ods): сохраните её как Excel (.xlsx) или CSV');
    if (names.includes('ppt/')) refuse('это презентация PowerPoint (.pptx), а не лента вакансий');
    return 'zip';
  }
  if (starts(head, 0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) {
    const utf16 = head.toString('utf16le');
    if (utf16.includes('WordDocument')) refuse('это документ Word 97–2003 (.doc), а не лента вакансий');
    refuse('это файл Excel 97–2003 (.xls): откройте его в Excel и сохраните как .xlsx (или CSV)');
  }
  if (starts(head, 0x25, 0x50, 0x44, 0x46)) {
    refuse('это PDF-документ: ленту нужно выгрузить из программы учёта в Excel (.xlsx), CSV, XML или JSON');
  }
  const image = imageKind(head);
  if (image)
    refuse(`это изображение (${image}), а не лента вакансий: пришлите файл Excel (.xlsx), CSV, XML или JSON`);
  if (starts(head, 0x52, 0x61, 0x72, 0x21)) refuse('это архив RAR: пришлите сам файл ленты или архив zip');
  if (starts(head, 0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c))
    refuse('это архив 7-Zip: пришлите сам файл ленты или архив zip');
  return undefined;
}

function imageKind(head: Buffer): string | undefined {
  if (starts(head, 0x89, 0x50, 0x4e, 0x47)) return 'PNG';
  if (starts(head, 0xff, 0xd8, 0xff)) return 'JPEG';
  if (starts(head, 0x47, 0x49, 0x46, 0x38)) return 'GIF';
  if (starts(head, 0x49, 0x49, 0x2a, 0x00) || starts(head, 0x4d, 0x4d, 0x00, 0x2a)) return 'TIFF';
  if (starts(head, 0x42, 0x4d) && head.length > 14 && head.readUInt32LE(2) > 0 && head[6] === 0) return 'BMP';
  if (starts(head, 0x52, 0x49, 0x46, 0x46) && head.toString('latin1', 8, 12) === 'WEBP') return 'WebP';
  return undefined;
}

function refuse(message: string): never {
  throw new FeedUnreadableError(message);
}

/** The unpacked bytes of a gzip or zip (its first file), with the size limit applied to what comes out. */
export function unpack(
  container: Container,
  chunks: AsyncIterable<Buffer>,
  maxBytes: number,
  note: (m: string) => void,
) {
  return limited(container === 'gzip' ? gunzip(chunks) : firstZipEntry(chunks, note), maxBytes);
}

async function* limited(chunks: AsyncIterable<Buffer>, maxBytes: number): AsyncGenerator<Buffer> {
  let total = 0;
  for await (const chunk of chunks) {
    total += chunk.length;
    if (total > maxBytes)
      throw new FeedTooLargeError('распакованный файл больше допустимого размера / unpacked feed too large');
    yield chunk;
  }
}

/** Pushes `chunks` through a zlib stream, yielding its output; `end` is the input's end. */
async function* through(
  stream: ReturnType<typeof createGunzip>,
  chunks: AsyncIterable<Buffer>,
  what: string,
): AsyncGenerator<Buffer> {
  const out: Buffer[] = [];
  let failure: Error | undefined;
  let ended = false;
  let wake: (() => void) | undefined;
  stream.on('data', (c: Buffer) => {
    out.push(c);
    wake?.();
  });
  stream.on('error', (e) => {
    failure = e;
    wake?.();
  });
  stream.on('end', () => {
    ended = true;
    wake?.();
  });
  let cancelled = false;
  const pump = (async () => {
    for await (const c of chunks) {
      if (ended || failure || cancelled) break;
      if (!stream.write(c)) await new Promise((r) => stream.once('drain', r));
    }
    if (!ended && !failure && !cancelled) stream.end();
  })();
  pump.catch((e: Error) => {
    failure ??= e;
    wake?.();
  });
  try {
    for (;;) {
      while (out.length) yield out.shift()!;
      if (failure)
        throw failure instanceof FeedUnreadableError
          ? failure
          : new FeedUnreadableError(`${what} повреждён или обрывается`);
      if (ended) break;
      await new Promise<void>((r) => {
        wake = r;
      });
      wake = undefined;
    }
    await pump;
  } finally {
    // The reader stopped early (a refusal): stop pulling the upload, free zlib.
    cancelled = true;
    stream.destroy();
  }
}

function gunzip(chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  return through(createGunzip(), chunks, 'архив gzip');
}

/**
 * The first file of a zip, streamed from its local header (stored or deflated; with or without
 * a data descriptor, since deflate marks its own end). Further entries are noted, not read.
 */
async function* firstZipEntry(
  chunks: AsyncIterable<Buffer>,
  note: (m: string) => void,
): AsyncGenerator<Buffer> {
  const iterator = chunks[Symbol.asyncIterator]();
  let buffer = Buffer.alloc(0);
  const need = async (n: number) => {
    while (buffer.length < n) {
      const next = await iterator.next();
      if (next.done) throw new FeedUnreadableError('архив zip обрывается');
      buffer = Buffer.concat([buffer, next.value]);
    }
  };
  for (;;) {
    await need(30);
    if (buffer.readUInt32LE(0) !== 0x04034b50) throw new FeedUnreadableError('в архиве zip нет файла ленты');
    const flags = buffer.readUInt16LE(6);
    const method = buffer.readUInt16LE(8);
    const size = buffer.readUInt32LE(18);
    const nameLength = buffer.readUInt16LE(26);
    const extraLength = buffer.readUInt16LE(28);
    await need(30 + nameLength + extraLength);
    const name = buffer.toString(flags & 0x800 ? 'utf8' : 'latin1', 30, 30 + nameLength);
    buffer = buffer.subarray(30 + nameLength + extraLength);
    if (flags & 0x1) throw new FeedUnreadableError('архив zip зашифрован паролем: пришлите его без пароля');
    const isDirectory = name.endsWith('/') || name.startsWith('__MACOSX/');
    if (isDirectory && size === 0 && !(flags & 0x8)) continue;
    if (method !== 0 && method !== 8)
      throw new FeedUnreadableError(`архив zip сжат неподдерживаемым способом (${method})`);
    const rest = (async function* () {
      if (buffer.length) yield buffer;
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
    })();
    if (method === 0) {
      let left = size;
      for await (const c of rest) {
        const part = c.subarray(0, left);
        left -= part.length;
        if (part.length) yield part;
        if (left === 0) break;
      }
    } else {
      yield* through(createInflateRaw(), rest, 'архив zip');
    }
    note(`из архива zip прочитан первый файл «${name.split('/').pop()}»`);
    // The remaining entries are not read; draining keeps the upload's hash complete.
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {}
    return;
  }
}
