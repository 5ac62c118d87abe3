import { registerAll } from '@uii/cli/commands/index';
import { createProgram, exitCodeOf } from '@uii/cli/program';
import { describe, expect, it } from 'vitest';

/** Runs `uii …` in-process (no stack needed): exit code and what went to stderr. */
async function uii(...args: string[]): Promise<{ code: number; err: string; out: string }> {
  const program = createProgram();
  await registerAll(program);
  let err = '';
  let out = '';
  program.configureOutput({ writeErr: (s) => (err += s), writeOut: (s) => (out += s) });
  for (const c of program.commands)
    c.configureOutput({ writeErr: (s) => (err += s), writeOut: (s) => (out += s) });
  try {
    await program.parseAsync(['node', 'uii', ...args]);
    return { code: 0, err, out };
  } catch (error) {
    return { code: exitCodeOf(error), err: err || String((error as Error).message), out };
  }
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
