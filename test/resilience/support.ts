import { type LocalStack, type LocalStackOptions, startLocalStack } from '@uii/local/testing';

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

/**
 * A stack whose holds end soon (the storm and outage proofs): functions time out after 8 s (or
 * `timeoutSeconds`) and an alert claim goes stale after 10 s, longer than that timeout, as on
 * AWS (30 s and 120 s).
 * An attempt stuck on a fault fails as Lambda would end it, and the hold it leaves (Powertools'
 * in-progress record until its deadline, or the claim) ends in seconds, so a proof spends its
 * time on the faults, not on waiting out real deadlines. `stop()` restores the environment.
 */
export async function startStackWithShortHolds(
  options: LocalStackOptions,
  timeoutSeconds = 8,
): Promise<LocalStack> {
  const claimStale = process.env.ALERT_CLAIM_STALE_SECONDS;
  process.env.ALERT_CLAIM_STALE_SECONDS = '10';
  const stack = await startLocalStack({
    ...options,
    faultInjection: true,
    timeouts: { 'case-events': timeoutSeconds, 'alert-outbox': timeoutSeconds, 'ses-events': timeoutSeconds },
  });
  const stop = stack.stop.bind(stack);
  stack.stop = async () => {
    await stop();
    if (claimStale === undefined) delete process.env.ALERT_CLAIM_STALE_SECONDS;
    else process.env.ALERT_CLAIM_STALE_SECONDS = claimStale;
  };
  return stack;
}
