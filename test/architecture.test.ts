import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');

/**
 * packages/domain stays pure. The linter enforces it (biome.json: noRestrictedImports allows
 * only zod and the domain's own files, noRestrictedGlobals forbids fetch, require, process…),
 * and packages/domain/tsconfig.json compiles it without Node's types. These tests check that
 * the rules are in force: probe files in a scratch folder of the domain, linted once, removed.
 */
const probes = new Map<string, string>();
let lintOutput: string | undefined;
function lintProbes(): string {
  if (lintOutput !== undefined) return lintOutput;
  const dir = join(root, `packages/domain/src/lint-probe-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  try {
    for (const [name, source] of probes) writeFileSync(join(dir, `${name}.ts`), source);
    const out = spawnSync(
      process.execPath,
      [join(root, 'node_modules/@biomejs/biome/bin/biome'), 'lint', dir],
      {
        cwd: root,
        encoding: 'utf8',
      },
    );
    lintOutput = `${out.stdout}${out.stderr}`;
    return lintOutput;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
/** The rule names biome reported for one probe file. */
const findingsOf = (name: string) =>
  [...lintProbes().matchAll(new RegExp(`${name}\\.ts:\\d+:\\d+ lint/style/(noRestricted\\w+)`, 'g'))].map(
    (m) => m[1],
  );

describe('packages/domain purity', () => {
  const forbidden = [
    ["import 'node:fs';", 'a side-effect import'],
    ["import { S3Client } from '@aws-sdk/client-s3';\nexport const c = S3Client;", 'an AWS SDK'],
    ["import { dynamoClient } from '@uii/aws';\nexport const c = dynamoClient;", 'an adapter package'],
    ["import { x } from '../../../aws/src/clients';\nexport const c = x;", 'a relative escape'],
    ["export const f = () => import('node:child_process');", 'a dynamic import'],
    ["export const f = () => require('node:http');", 'require'],
    ["export const f = () => fetch('https://example.org');", 'fetch'],
    ['export const f = () => process.env.TABLE_NAME;', 'process'],
  ] as const;

  forbidden.forEach(([source], i) => void probes.set(`bad${i}`, source));
  probes.set(
    'good',
    "import { z } from 'zod';\nimport { today } from '../clock';\nexport const s = [z, today];",
  );

  for (const [i, [, what]] of forbidden.entries())
    it(`the linter refuses ${what}`, () => {
      expect(findingsOf(`bad${i}`).length).toBeGreaterThan(0);
    });

  it('the linter accepts zod and the domain’s own files', () => {
    expect(findingsOf('good')).toEqual([]);
    expect(lintProbes()).toContain('lint-probe');
  });

  it('compiles without Node types, and its index has no process-wide side effect', () => {
    const tsconfig = readFileSync(join(root, 'packages/domain/tsconfig.json'), 'utf8');
    expect(tsconfig).toMatch(/"types":\s*\[\]/);
    const index = readFileSync(join(root, 'packages/domain/src/index.ts'), 'utf8');
    expect(index).not.toMatch(/^import\s+['"]/m);
  });
});
