import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { ESM_REQUIRE_BANNER, MAIN_FIELDS } from '../lib/functions';

// The stack tests skip bundling to stay fast; this catches what only bundling shows
// (an import that does not resolve, a CommonJS dependency that breaks as ESM) before a deploy does.
const root = join(import.meta.dirname, '../..');
const functionNames = readdirSync(join(root, 'functions'), { withFileTypes: true })
  .filter((d) => d.isDirectory() && readdirSync(join(root, 'functions', d.name)).includes('handler.ts'))
  .map((d) => d.name);
const outdir = mkdtempSync(join(tmpdir(), 'uii-bundle-'));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

describe('function bundles', () => {
  it('finds the functions', () => {
    expect(functionNames).toContain('case-events');
  });

  it.each(functionNames)(
    '%s bundles as ESM for Lambda and exports its handler',
    async (name) => {
      const outfile = join(outdir, `${name}.mjs`);
      await build({
        entryPoints: [join(root, 'functions', name, 'handler.ts')],
        outfile,
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node22',
        mainFields: MAIN_FIELDS,
        banner: { js: ESM_REQUIRE_BANNER },
        tsconfig: join(root, 'tsconfig.json'),
        logLevel: 'silent',
      });
      const mod = (await import(pathToFileURL(outfile).href)) as { handler?: unknown };
      expect(typeof mod.handler).toBe('function');
    },
    120_000,
  ); // esbuild of a big function on a busy two-core machine
});
