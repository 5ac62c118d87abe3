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
 * Runs `uii …` in this process (a child process costs seconds each), as bin/uii.js → main.ts
 * does: what went to stdout and stderr, and the exit status — a thrown error's code, or the
 * `process.exitCode` the command set (restored afterwards, so a refused import does not fail
 * the test run). The output is configured before the commands are added, so every
 * sub-command at any depth inherits it: commander's own usage errors are captured too.
 */
export async function uiiInProcess(
  ...args: string[]
): Promise<{ status: number; stdout: string; stderr: string }> {
  const { createProgram, exitCodeOf } = await import('../../packages/cli/src/program');
  const { registerAll } = await import('../../packages/cli/src/commands/index');
  let stdout = '';
  let stderr = '';
  const program = createProgram().configureOutput({
    writeErr: (s: string) => {
      stderr += s;
    },
    writeOut: (s: string) => {
      stdout += s;
    },
  });
  await registerAll(program);
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
    // Commander has already written its own errors; any other is said as main.ts says it.
    if ((error as Error).name !== 'CommanderError') stderr += `uii: ${(error as Error).message}\n`;
    return { status: exitCodeOf(error), stdout, stderr };
  } finally {
    process.stdout.write = write;
    process.exitCode = exitCode;
  }
}
