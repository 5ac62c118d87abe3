import { existsSync, readFileSync, statSync } from 'node:fs';
import { control, requireLocalRuntime } from '@uii/local/client';
import { type Command, Option } from 'commander';
import { group, output, UsageError } from '../program';

const VERDICTS = ['PASS', 'FAIL', 'GRAY', 'PROCESSING_FAILED'];
const verdict = (flag: string, what: string) =>
  new Option(`--${flag} <status>`, `${what} (по умолчанию из Authentication-Results, иначе PASS)`).choices(
    VERDICTS,
  );

interface Received {
  messageId: string;
  objectKey: string;
  receipt: Record<string, { status?: string } | unknown>;
}

export function register(program: Command): void {
  const mail = group(program, 'mail', 'почта с объектов / worksite mail');
  mail
    .command('send')
    .description(
      'доставить .eml на локальный стенд как входящее письмо SES / deliver an .eml as SES inbound mail',
    )
    .argument('<file.eml>', 'raw RFC 822 message')
    .addOption(verdict('spf', 'SPF'))
    .addOption(verdict('dkim', 'DKIM'))
    .addOption(verdict('dmarc', 'DMARC'))
    .addOption(verdict('spam', 'спам / spam'))
    .addOption(verdict('virus', 'вирус / virus'))
    .option('--json', 'machine-readable output')
    .action(
      async (
        file: string,
        opts: { json?: boolean; spf?: string; dkim?: string; dmarc?: string; spam?: string; virus?: string },
      ) => {
        if (!existsSync(file) || !statSync(file).isFile())
          throw new UsageError(`файл не найден / no such file: ${file}`);
        const info = requireLocalRuntime();
        const verdicts = Object.fromEntries(
          (['spf', 'dkim', 'dmarc', 'spam', 'virus'] as const).flatMap((k) =>
            opts[k] ? [[k, opts[k]]] : [],
          ),
        );
        const received = await control<Received>(info, 'POST', '/mail/receive', {
          rawBase64: readFileSync(file).toString('base64'),
          verdicts,
        });
        const status = (k: string) => (received.receipt[k] as { status?: string } | undefined)?.status ?? '?';
        output(opts.json, received, () =>
          [
            `Письмо принято / mail received: ${received.messageId}`,
            `  s3 key: ${received.objectKey}`,
            `  SPF ${status('spfVerdict')}, DKIM ${status('dkimVerdict')}, DMARC ${status('dmarcVerdict')}, спам ${status('spamVerdict')}, вирус ${status('virusVerdict')}`,
          ].join('\n'),
        );
      },
    );
}
