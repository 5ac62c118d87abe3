import { SaxesParser } from 'saxes';
import { FeedUnreadableError } from '../errors';
import { FeedTruncatedError, type RawRecord } from '../records';

type Node = { name: string; value: Record<string, unknown>; text: string; children: boolean };

const RECORD_TAG = 'vacancy';

/**
 * The Rostrud open-data XML: `<vacancies><vacancy>…</vacancy></vacancies>` with elements named
 * like the JSON fields (`<region><region_code>`, `<addresses><address><lat>`). Each `<vacancy>`
 * becomes the same nested record the JSON gives; repeated elements become lists.
 */
export async function* readXml(text: AsyncIterable<string>): AsyncGenerator<RawRecord[]> {
  const parser = new SaxesParser({ position: true });
  const stack: Node[] = [];
  let batch: RawRecord[] = [];
  let row = 0;
  let failure: Error | undefined;
  let sawRoot = false;

  parser.on('opentag', (tag) => {
    sawRoot = true;
    if (stack.length === 0 && tag.name !== RECORD_TAG) return;
    const value: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(tag.attributes)) value[k] = v;
    stack.push({ name: tag.name, value, text: '', children: Object.keys(value).length > 0 });
  });
  parser.on('text', (t) => {
    const top = stack[stack.length - 1];
    if (top) top.text += t;
  });
  parser.on('cdata', (t) => {
    const top = stack[stack.length - 1];
    if (top) top.text += t;
  });
  parser.on('closetag', () => {
    const node = stack.pop();
    if (!node) return;
    const value = node.children ? node.value : node.text.trim();
    const parent = stack[stack.length - 1];
    if (!parent) {
      row++;
      batch.push({ row, value });
      return;
    }
    parent.children = true;
    const existing = parent.value[node.name];
    if (existing === undefined) parent.value[node.name] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else parent.value[node.name] = [existing, value];
  });
  parser.on('error', (error) => {
    failure ??= error;
  });

  const fail = (error: Error): never => {
    if (!sawRoot) throw new FeedUnreadableError(`XML не читается: ${error.message}`, { cause: error });
    throw new FeedTruncatedError(
      row + 1,
      `XML обрывается или нарушен после записи ${row}: ${error.message}`,
      {
        cause: error,
      },
    );
  };

  for await (const piece of text) {
    parser.write(piece);
    if (batch.length) {
      yield batch;
      batch = [];
    }
    if (failure) fail(failure);
  }
  parser.close();
  if (batch.length) yield batch;
  if (failure) fail(failure);
}
