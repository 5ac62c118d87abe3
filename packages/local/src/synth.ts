import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const STACK_NAME = 'UiiConnect';

export class SynthError extends Error {
  override readonly name = 'SynthError';
}

/** Newest modification time of any source file under the given folders. */
function newestSource(root: string, folders: string[]): number {
  let newest = 0;
  const walk = (dir: string) => {
    let entries: import('node:fs').Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
      const path = join(dir, e.name);
      if (e.isDirectory()) walk(path);
      else if (/\.(ts|json)$/.test(e.name)) newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  for (const f of folders) {
    const path = join(root, f);
    if (existsSync(path) && statSync(path).isFile()) newest = Math.max(newest, statSync(path).mtimeMs);
    else walk(path);
  }
  return newest;
}

/** `npm run synth` writes cdk.out; the local runtime synthesizes (unbundled) into .local/cdk.out. */
export function templateCandidates(root: string): string[] {
  return [
    join(root, 'cdk.out', `${STACK_NAME}.template.json`),
    join(root, '.local', 'cdk.out', `${STACK_NAME}.template.json`),
  ];
}

/** The freshest template newer than everything that can change it, if any. */
export function freshTemplate(root: string): string | undefined {
  // Only infra/ and cdk.json shape the template the runtime reads: handlers are imported from
  // source, so editing a handler must not cost a re-synth.
  const sources = newestSource(root, ['infra', 'cdk.json']);
  return templateCandidates(root)
    .filter((p) => existsSync(p) && statSync(p).mtimeMs >= sources)
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
}

/** Serialises synths across processes (parallel test files) with an atomic mkdir lock. */
async function withLock<T>(root: string, work: () => Promise<T>): Promise<T> {
  const lock = join(root, '.local', 'synth.lock');
  mkdirSync(join(root, '.local'), { recursive: true });
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A lock older than 3 minutes belongs to a process that died.
      try {
        if (Date.now() - statSync(lock).mtimeMs > 180_000) rmSync(lock, { recursive: true, force: true });
      } catch {}
      if (Date.now() > deadline) throw new SynthError(`waited too long for ${lock}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    return await work();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export interface SynthResult {
  path: string;
  reused: boolean;
  ms: number;
}

/**
 * Synthesizes the stack without bundling (the local runtime imports handlers from source),
 * in this process through infra's `buildApp({ bundling: false, nag: false })`, or reuses a template
 * newer than infra/ and functions/.
 */
export async function ensureTemplate(root: string, options: { force?: boolean } = {}): Promise<SynthResult> {
  const started = performance.now();
  const reusable = () => (options.force ? undefined : freshTemplate(root));
  const fresh = reusable();
  if (fresh) return { path: fresh, reused: true, ms: 0 };
  return withLock(root, async () => {
    const again = reusable();
    if (again) return { path: again, reused: true, ms: Math.round(performance.now() - started) };
    const outdir = join(root, '.local', 'cdk.out');
    const path = join(outdir, `${STACK_NAME}.template.json`);
    try {
      const infra = (await import(pathToFileURL(join(root, 'infra/lib/app.ts')).href)) as {
        buildApp: (o: { bundling?: boolean; nag?: boolean; outdir?: string }) => {
          app: { synth(): unknown };
        };
      };
      // cdk-nag only validates (`npm run synth` and the stack tests run it); it adds ~2 s here.
      infra.buildApp({ bundling: false, nag: false, outdir }).app.synth();
    } catch (error) {
      throw new SynthError(`cdk synth failed: ${(error as Error).message}`, { cause: error });
    }
    if (!existsSync(path)) throw new SynthError(`synth did not write ${path}`);
    return { path, reused: false, ms: Math.round(performance.now() - started) };
  });
}
