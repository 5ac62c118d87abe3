import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => join(e.parentPath, e.name));
}

const importPattern = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function importsIn(text: string): string[] {
  return [...text.matchAll(importPattern)].map((m) => (m[1] ?? m[2])!);
}

// The domain must stay pure: no cloud SDK, no I/O, no other workspace that does I/O.
const forbidden = [
  /^@aws-sdk\//,
  /^@aws-lambda-powertools\//,
  /^aws-lambda$/,
  /^aws-cdk-lib/,
  /^@uii\/(aws|local|feeds|mail|cli)/,
  /^(node:)?(fs|fs\/promises|net|http|https|child_process|dgram|worker_threads)$/,
];

describe('packages/domain purity', () => {
  const files = sourceFiles(join(root, 'packages/domain/src')).filter((f) => !f.endsWith('.test.ts'));

  it('has source files to check', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it('imports no AWS SDK, no I/O module and no adapter package', () => {
    const offences = files.flatMap((file) =>
      importsIn(readFileSync(file, 'utf8'))
        .filter((spec) => forbidden.some((re) => re.test(spec)))
        .map((spec) => `${relative(root, file)} imports ${spec}`),
    );
    expect(offences).toEqual([]);
  });

  it('the import scanner itself catches a forbidden import', () => {
    const sample =
      "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';\nconst x = await import('node:fs');";
    expect(importsIn(sample).filter((s) => forbidden.some((re) => re.test(s)))).toEqual([
      '@aws-sdk/client-dynamodb',
      'node:fs',
    ]);
  });
});
