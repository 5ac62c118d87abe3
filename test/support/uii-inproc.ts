/**
 * Runs `uii …` in this process (a spawned tsx costs seconds per call on a busy machine): the
 * same program, commands and exit codes as bin/uii.js → main.ts, its stdout, stderr and exit
 * code. Commander's own output is captured through its output configuration, which the
 * sub-commands inherit. Loaded on first call, after the test has set up its stack's environment.
 */
export async function uiiInProcess(
  ...args: string[]
): Promise<{ status: number; stdout: string; stderr: string }> {
  const { createProgram, exitCodeOf } = await import('@uii/cli/program');
  const { registerAll } = await import('@uii/cli/commands/index');
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
