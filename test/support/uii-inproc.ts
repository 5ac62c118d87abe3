import { registerAll } from '@uii/cli/commands/index';
import { createProgram, exitCodeOf } from '@uii/cli/program';

/**
 * Runs `uii …` in this process (as bin/uii.js → main.ts does, without spawning): its stdout,
 * stderr and exit code. Commander's own output is captured through its output configuration.
 */
export async function uiiInProcess(
  ...args: string[]
): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const program = createProgram().configureOutput({
    writeOut: (t) => {
      stdout += t;
    },
    writeErr: (t) => {
      stderr += t;
    },
  });
  await registerAll(program);
  const write = process.stdout.write;
  process.stdout.write = ((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  }) as typeof process.stdout.write;
  try {
    await program.parseAsync(['node', 'uii', ...args]);
    return { status: 0, stdout, stderr };
  } catch (error) {
    if ((error as Error).name !== 'CommanderError') stderr += `uii: ${(error as Error).message}\n`;
    return { status: exitCodeOf(error), stdout, stderr };
  } finally {
    process.stdout.write = write;
  }
}
