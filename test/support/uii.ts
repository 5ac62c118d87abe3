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

/**
 * Runs `uii …` in this process (a child process costs seconds each): what went to stdout and
 * stderr, and the exit status — a thrown usage error's code, or the `process.exitCode` the
 * command set (restored afterwards, so a refused import does not fail the test run).
 */
export async function uiiInProcess(
  ...args: string[]
): Promise<{ status: number; stdout: string; stderr: string }> {
  const { createProgram, exitCodeOf } = await import('../../packages/cli/src/program');
  const { registerAll } = await import('../../packages/cli/src/commands/index');
  const program = createProgram();
  await registerAll(program);
  let stdout = '';
  let stderr = '';
  const capture = { writeErr: (s: string) => (stderr += s), writeOut: (s: string) => (stdout += s) };
  program.configureOutput(capture);
  for (const c of program.commands) c.configureOutput(capture);
  const write = process.stdout.write;
  const exitCode = process.exitCode;
  process.stdout.write = ((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  }) as typeof process.stdout.write;
  try {
    await program.parseAsync(['node', 'uii', ...args]);
    return { status: Number(process.exitCode ?? 0), stdout, stderr };
  } catch (error) {
    return { status: exitCodeOf(error), stdout, stderr: stderr || String((error as Error).message) };
  } finally {
    process.stdout.write = write;
    process.exitCode = exitCode;
  }
}
