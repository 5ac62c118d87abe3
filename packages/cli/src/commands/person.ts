import { writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { group, output, UsageError } from '../program';
import { openTable } from './alerts';
import { caseIdArg } from './case-id';

/**
 * `uii person export <caseId> [--out <file>]`: subject access (152-FZ art. 14). Writes
 * everything held on the person of one case as JSON (<file>) plus a readable page
 * (<file without .json>.html), and records that the export was made (when, by whom).
 */
export function register(program: Command): void {
  const person = group(program, 'person', 'субъект персональных данных / the data subject');
  person
    .command('export')
    .description('всё, что хранится о лице по делу: JSON и страница HTML / everything held on one person')
    .argument('<caseId>', 'номер дела / case id', caseIdArg)
    .option('--out <file>', 'файл JSON (рядом — .html) / JSON file (an .html beside it)')
    .option('--json', 'machine-readable summary')
    .action(async (caseId: string, opts: { out?: string; json?: boolean }) => {
      const { table, now } = await openTable();
      const { CaseStore } = await import('@uii/aws/case-store');
      const { AuditStore } = await import('@uii/aws/audit-store');
      const { queryAll } = await import('@uii/aws/query');
      const { computeClocks, personExportHtml, today } = await import('@uii/domain');
      const cases = new CaseStore(table);
      const audit = new AuditStore(table);
      const stored = await cases.getCase(caseId);
      const personData = await cases.getPerson(caseId);
      if (!stored && !personData) throw new UsageError(`дела «${caseId}» нет / no case ${caseId}`);
      const caseItems = await queryAll<Record<string, unknown>>({
        TableName: table,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `CASE#${caseId}` },
      });
      const events = await cases.listEvents(caseId);
      const clocks = stored
        ? computeClocks(
            stored.case,
            events.map((e) => e.event),
            today(now),
          )
        : undefined;
      const alerts = (await audit.since('2020-01-01', now)).filter((a) => a.caseId === caseId);
      const exports = await audit.exportsOf(caseId);
      const data = {
        caseId,
        exportedAt: now.toISOString(),
        person: personData,
        caseItems,
        events,
        clocks,
        alerts: alerts as unknown as Record<string, unknown>[],
        exports,
      };
      const jsonFile = opts.out ?? `person-${caseId.replace(/[^\w.-]/g, '_')}.json`;
      const htmlFile = `${jsonFile.replace(/\.json$/i, '')}.html`;
      try {
        writeFileSync(jsonFile, `${JSON.stringify(data, null, 2)}\n`);
        writeFileSync(htmlFile, personExportHtml(data));
      } catch (error) {
        throw new UsageError(`${jsonFile}: не записать / cannot write: ${(error as Error).message}`);
      }
      let by = 'unknown';
      try {
        by = process.env.UII_OPERATOR || userInfo().username;
      } catch {}
      await audit.recordExport(caseId, now, by);
      const summary = {
        caseId,
        json: jsonFile,
        html: htmlFile,
        events: events.length,
        deadlines: clocks?.deadlines.length ?? 0,
        alerts: alerts.length,
        earlierExports: exports.length,
      };
      output(opts.json, summary, () =>
        [
          `Выгрузка по делу ${caseId} записана / written: ${jsonFile}, ${htmlFile}`,
          `  событий ${summary.events}, сроков ${summary.deadlines}, уведомлений ${summary.alerts}; выгрузка отмечена в журнале`,
        ].join('\n'),
      );
    });
}
