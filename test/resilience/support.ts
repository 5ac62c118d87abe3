/**
 * Captures everything this test process writes (Powertools' JSON log lines, console output)
 * while still letting it through, so a proof can assert on every line the functions logged.
 */
export function captureOutput() {
  const chunks: string[] = [];
  const originals = { out: process.stdout.write, err: process.stderr.write };
  const wrap =
    (original: typeof process.stdout.write) =>
    (chunk: unknown, ...rest: unknown[]) => {
      chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
      return (original as (...a: unknown[]) => boolean).call(process.stdout, chunk, ...rest);
    };
  process.stdout.write = wrap(originals.out) as typeof process.stdout.write;
  process.stderr.write = wrap(originals.err) as typeof process.stderr.write;
  const text = () => chunks.join('');
  return {
    text,
    lines: () => text().split('\n').filter(Boolean),
    /** The JSON log lines (Powertools writes one object per line). */
    json: () =>
      text()
        .split('\n')
        .flatMap((l) => {
          const start = l.indexOf('{');
          if (start < 0) return [];
          try {
            return [JSON.parse(l.slice(start)) as Record<string, unknown>];
          } catch {
            return [];
          }
        }),
    restore: () => {
      process.stdout.write = originals.out;
      process.stderr.write = originals.err;
    },
  };
}
