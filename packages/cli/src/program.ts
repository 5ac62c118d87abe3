import { Command, CommanderError } from 'commander';

/** Exit codes: 0 ok, 1 operation failed, 2 bad input (usage, unreadable file, invalid field). */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Returns the sub-command `name` of `parent`, creating it once (e.g. `uii mail` for send/quarantine/triage). */
export function group(parent: Command, name: string, description: string): Command {
  const existing = parent.commands.find((c) => c.name() === name);
  return existing ?? parent.command(name).description(description);
}

/** Prints a result: JSON when asked for, else the human text. */
export function output(json: boolean | undefined, value: unknown, human: () => string): void {
  process.stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : `${human()}\n`);
}

export function createProgram(): Command {
  return new Command('uii')
    .description(
      'uii-connect: сроки, вакансии и сообщения с объектов для УИИ / deadlines, feeds and worksite mail',
    )
    .showHelpAfterError()
    .exitOverride();
}

export function exitCodeOf(error: unknown): number {
  if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
  if (error instanceof UsageError) return 2;
  return 1;
}
