import { countRu } from '@uii/domain/text/plural';
import { Command, CommanderError, type HelpContext } from 'commander';

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

/** «uii alerts list»: the command as the user types it. */
const pathOf = (cmd: Command): string => {
  const names: string[] = [];
  for (let c: Command | null = cmd; c; c = c.parent) names.unshift(c.name());
  return names.join(' ');
};

/** «(Did you mean --since?)» → «возможно, имелось в виду --since». */
const suggestionOf = (message: string): string => {
  const m = /\(Did you mean (?:one of )?(.+)\?\)/.exec(message);
  return m ? `; возможно, имелось в виду ${m[1]}` : '';
};

/**
 * Commander's own usage errors (English, with its field syntax) in Russian: which option or
 * argument, what is wrong, and where the help is. Commander's wording is pinned by its exact
 * version; a message this does not know is still said, after a Russian lead-in.
 */
export function usageErrorRu(cmd: Command, message: string, code: string | undefined): string {
  const text = message.replace(/^error: /, '');
  const quoted = [...text.matchAll(/'([^']*)'/g)].map((m) => m[1]!);
  const flag = (flags: string) => flags.split(/[ ,|]+/).find((f) => f.startsWith('--')) ?? flags;
  const where = pathOf(cmd);
  let ru: string;
  switch (code) {
    case 'commander.unknownOption': {
      const [name, value] = (quoted[0] ?? '').split(/=(.*)/s);
      const known = value !== undefined && cmd.options.find((o) => o.long === name);
      // A flag with no value given one («--bounced=yes»); an option with a value parses it itself.
      ru = known
        ? `параметр ${name} указывается без значения (указано «${quoted[0]}»)`
        : `неизвестный параметр «${quoted[0]}»${suggestionOf(text)}`;
      break;
    }
    case 'commander.unknownCommand':
      ru = `неизвестная команда «${quoted[0]}»${suggestionOf(text)}`;
      break;
    case 'commander.missingArgument':
      ru = `не указан обязательный аргумент ${quoted[0]}`;
      break;
    case 'commander.optionMissingArgument':
      ru = `у параметра ${flag(quoted[0] ?? '')} не указано значение (${quoted[0]})`;
      break;
    case 'commander.missingMandatoryOptionValue':
      ru = `не указан обязательный параметр ${flag(quoted[0] ?? '')} (${quoted[0]})`;
      break;
    case 'commander.excessArguments': {
      const expected = cmd.registeredArguments.length;
      const extra = cmd.args.slice(expected).map((a) => `«${a}»`);
      const names = cmd.registeredArguments.map((a) => a.name()).join(', ');
      ru = `${extra.length === 1 ? 'лишний аргумент' : 'лишние аргументы'} ${extra.join(', ')}: ${
        expected
          ? `команда принимает ${countRu(expected, ['аргумент', 'аргумента', 'аргументов'])} (${names}), указано ${cmd.args.length}`
          : 'команда аргументов не принимает'
      }`;
      break;
    }
    case 'commander.conflictingOption':
      ru = `параметры ${flag(quoted[0] ?? '')} и ${flag(quoted[1] ?? '')} нельзя указывать вместе`;
      break;
    case 'commander.invalidArgument': {
      const allowed = /Allowed choices are (.+)\.$/.exec(text)?.[1];
      // A parser of ours (InvalidArgumentError) says why in Russian after commander's words.
      const own = /is invalid\. ([\s\S]+)$/.exec(text)?.[1];
      const why = allowed ? `; допустимые: ${allowed}` : own && /[а-яё]/i.test(own) ? `: ${own}` : '';
      const name = quoted[0] ?? '';
      ru = `${name.startsWith('-') ? `параметр ${flag(name)}` : `аргумент ${name}`}: значение «${quoted[1] ?? ''}» не подходит${why}`;
      break;
    }
    default:
      ru = `ошибка в команде: ${text}`;
  }
  return `uii: ${ru}\nСправка: ${where} --help`;
}

/** A Command whose usage errors are said in Russian; sub-commands are made of the same class. */
class UiiCommand extends Command {
  override createCommand(name?: string): Command {
    return new UiiCommand(name);
  }
  /** `uii alerts` alone: which sub-commands there are, in Russian, before commander's help. */
  override help(context?: HelpContext): never;
  override help(cb: (str: string) => string): never;
  override help(context?: HelpContext | ((str: string) => string)): never {
    if (typeof context === 'object' && context.error && this.commands.length) {
      const names = this.commands.map((c) => c.name()).filter((n) => n !== 'help');
      this.configureOutput().writeErr?.(
        `uii: укажите команду: ${pathOf(this)} ${names.length === 1 ? names[0] : `<${names.join(' | ')}>`}\n\n`,
      );
    }
    return super.help(context as HelpContext);
  }
  override error(message: string, errorOptions?: { code?: string; exitCode?: number }): never {
    const code = errorOptions?.code;
    // Errors a command raises itself through commander (none today) are already its own words.
    const own = !code || code === 'commander.error';
    return super.error(own ? message : usageErrorRu(this, message, code), {
      ...errorOptions,
      exitCode: errorOptions?.exitCode ?? 2,
    });
  }
}

export function createProgram(): Command {
  return new UiiCommand('uii')
    .description(
      'uii-connect: сроки, вакансии и сообщения с объектов для УИИ / deadlines, feeds and worksite mail',
    )
    .exitOverride();
}

export function exitCodeOf(error: unknown): number {
  if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
  if (error instanceof UsageError) return 2;
  return 1;
}

/** «alert.json: не удалось прочитать файл — его нет»: why a file could not be read, in words. */
export function unreadableError(file: string, error: unknown): UsageError {
  const code = (error as NodeJS.ErrnoException).code;
  const why =
    code === 'ENOENT'
      ? ' — его нет'
      : code === 'EISDIR'
        ? ' — это папка, а не файл'
        : code === 'EACCES' || code === 'EPERM'
          ? ' — нет прав на чтение'
          : '';
  return new UsageError(`${file}: не удалось прочитать файл${why}`, { cause: error });
}

/**
 * «alert.json: это не JSON — строка 3, знак 7: …» from JSON.parse's English error: where the
 * text stops being JSON, in Russian, with the line quoted.
 */
export function notJsonError(file: string, text: string, error: unknown): UsageError {
  const message = error instanceof Error ? error.message : String(error);
  let at: number | undefined = Number(/position (\d+)/.exec(message)?.[1] ?? Number.NaN);
  if (Number.isNaN(at)) {
    // Node 20 without a position: «Unexpected token 'o', ..."kind": oops}" is not valid JSON».
    const m = /Unexpected token '(.)', (?:\.\.\.)?"([\s\S]*?)(?:\.\.\.)?" is not valid JSON/.exec(message);
    const snippet = m ? text.indexOf(m[2]!) : -1;
    at = m && snippet >= 0 ? snippet + m[2]!.indexOf(m[1]!) : undefined;
  }
  let where = '';
  if (!text.trim()) where = ': файл пуст';
  else if (/Unexpected end/.test(message) || (at !== undefined && at >= text.trimEnd().length))
    where = ' — текст обрывается (не закрыта скобка или кавычка)';
  else if (at !== undefined) {
    const before = text.slice(0, at);
    const line = before.split('\n').length;
    const column = before.length - before.lastIndexOf('\n');
    const quoted = (text.split('\n')[line - 1] ?? '').trim().slice(0, 60);
    where = ` — строка ${line}, знак ${column}${quoted ? `: «${quoted}»` : ''}`;
  }
  return new UsageError(`${file}: это не JSON${where}`, { cause: error });
}
