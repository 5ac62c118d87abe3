import '@uii/domain/zod-locale';
import { CommanderError } from 'commander';
import { registerAll } from './commands/index';
import { createProgram, exitCodeOf } from './program';

const program = createProgram();
await registerAll(program);
try {
  await program.parseAsync(process.argv);
} catch (error) {
  // Commander has already printed its own usage errors and help.
  if (!(error instanceof CommanderError)) {
    process.stderr.write(`uii: ${error instanceof Error ? error.message : String(error)}\n`);
  }
  process.exitCode = exitCodeOf(error);
}
