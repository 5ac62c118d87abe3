import { describe, expect, it } from 'vitest';
import { uiiInProcess } from './support/uii';

/** Runs `uii …` in-process (no stack needed): exit code and what went to stderr. */
async function uii(...args: string[]): Promise<{ code: number; err: string; out: string }> {
  const r = await uiiInProcess(...args);
  return { code: r.status, err: r.stderr, out: r.stdout };
}

describe('uii places: bad input exits 2 with a Russian reason', () => {
  it('decide needs exactly one of --consent, --refuse --reason, --remarks', async () => {
    expect(await uii('places', 'decide', 'PL-1')).toMatchObject({
      code: 2,
      err: expect.stringMatching(/укажите одно/),
    });
    expect(await uii('places', 'decide', 'PL-1', '--consent', '--remarks', 'x')).toMatchObject({ code: 2 });
    expect(await uii('places', 'decide', 'PL-1', '--refuse')).toMatchObject({
      code: 2,
      err: expect.stringMatching(/нужна --reason/),
    });
  });

  it('import names a missing file; list refuses an unknown status; --expiring wants a number', async () => {
    expect(await uii('places', 'import', 'no-such.csv', '--municipality', 'x')).toMatchObject({
      code: 2,
      err: expect.stringMatching(/файл не найден/),
    });
    expect(await uii('places', 'import', 'events/places/proposal-tomsk.csv')).toMatchObject({ code: 2 });
    expect((await uii('places', 'list', '--status', 'approved')).code).toBe(2);
    expect(await uii('agreements', 'list', '--expiring', 'скоро')).toMatchObject({
      code: 2,
      err: expect.stringMatching(/целое число дней/),
    });
  });
});

describe('uii places: only the file types places intake reads', () => {
  it('upload-url, import and upload refuse another type in Russian, exit 2, naming the accepted extensions', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'places-type-'));
    const exe = join(dir, 'a.exe');
    writeFileSync(exe, 'MZ\x90\x00');
    const extensions = ['.xlsx', '.csv', '.txt', '.json'];
    for (const args of [
      ['upload-url', '--municipality', 'tomsk-adm', '--file', 'a.exe'],
      ['upload-url', '--municipality', 'tomsk-adm', '--file', 'перечень.xls'],
      ['upload-url', '--municipality', 'tomsk-adm', '--file', 'proposal'],
      ['import', exe, '--municipality', 'tomsk-adm'],
      ['upload', exe, '--municipality', 'tomsk-adm'],
    ]) {
      const out = await uii('places', ...args);
      expect(out.code, args.join(' ')).toBe(2);
      expect(out.err, args.join(' ')).toMatch(/принимается в виде Excel/);
      for (const ext of extensions) expect(out.err, args.join(' ')).toContain(ext);
    }
  });
});

describe('uii places upload-url against a Function URL (AWS path)', () => {
  it('signs the call with SigV4 for lambda, and refuses a URL issued for another municipality', async () => {
    const { createServer } = await import('node:http');
    const seen: Array<{ authorization?: string; url?: string }> = [];
    let answer: { status: number; body: unknown } = { status: 200, body: {} };
    const server = createServer((req, res) => {
      seen.push({ authorization: req.headers.authorization, url: req.url });
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer.body));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const endpoint = `http://127.0.0.1:${(server.address() as { port: number }).port}/`;
    const saved = { ...process.env };
    Object.assign(process.env, {
      AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
      AWS_REGION: 'eu-central-1',
    });
    delete process.env.AWS_SESSION_TOKEN;
    try {
      answer = {
        status: 200,
        body: {
          url: 'https://s3.example/x',
          key: 'places/other-adm/d/p.csv',
          method: 'PUT',
          headers: {},
          expiresIn: 900,
        },
      };
      const other = await uii(
        'places',
        'upload-url',
        '--municipality',
        'tomsk-adm',
        '--endpoint',
        endpoint,
        '--file',
        'p.csv',
      );
      expect(other).toMatchObject({
        code: 2,
        err: expect.stringMatching(/ссылка выдана не для «tomsk-adm»/),
      });
      expect(seen[0]!.url).toBe('/?file=p.csv');
      expect(seen[0]!.authorization).toMatch(
        /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-central-1\/lambda\/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=[0-9a-f]{64}$/,
      );
      answer = { status: 403, body: { error: 'Орган местного самоуправления tomsk-adm не зарегистрирован' } };
      expect(
        await uii('places', 'upload-url', '--municipality', 'tomsk-adm', '--endpoint', endpoint),
      ).toMatchObject({
        code: 2,
        err: expect.stringMatching(
          /upload-url ответил 403: Орган местного самоуправления tomsk-adm не зарегистрирован/,
        ),
      });
    } finally {
      process.env = saved;
      server.close();
    }
  });
});
