import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '@uii/local/testing';

/**
 * Runs the real `uii` bin asynchronously: the functions of a test stack run on this process's
 * event loop (and the control API answers there), so a blocking spawn would stall them.
 */
export async function uiiAsync(
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ status: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      [join(repoRoot, 'packages/cli/bin/uii.js'), ...args],
      { cwd: repoRoot, encoding: 'utf8', env },
    );
    return { status: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { status: e.code ?? 1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}
