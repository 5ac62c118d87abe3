import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CaseStore } from '@uii/aws/case-store';
import { DirectoryStore } from '@uii/aws/directory-store';
import { addDays, Case, CaseEvent, Person } from '@uii/domain';
import type { DemoContext } from './context';

interface DemoFile {
  directory: {
    officers: Array<{ id: string; email: string; inspectionId?: string; name?: string }>;
    inspections: Array<{
      id: string;
      name?: string;
      email?: string;
      headEmail?: string;
      region?: string;
      inboundAddresses?: string[];
    }>;
  };
  cases: Array<{
    case: unknown;
    person?: Record<string, unknown>;
    events: Array<{ type: string; offset: number } & Record<string, unknown>>;
    story: string;
  }>;
}

/**
 * Demo cases (events/demo/cases.json): the directory, the cases and their events dated
 * relative to the stack's today, sent through `case-events` like real ones. Advancing the
 * local clock (`uii local clock advance 1d`) makes the daily scan send the reminders.
 *
 * Through the stores and idempotent: a restart over existing data (.local/dynamodb) keeps
 * every case already there with its version, events and projection, and seeds only what is missing.
 */
export async function seed(ctx: DemoContext): Promise<string[]> {
  const file = JSON.parse(readFileSync(join(ctx.root, 'events/demo/cases.json'), 'utf8')) as DemoFile;
  const table = ctx.env.vars.TABLE_NAME;
  const cases = new CaseStore(table);
  const directory = new DirectoryStore(table);
  for (const o of file.directory.officers) await directory.putOfficer(o);
  for (const i of file.directory.inspections) await directory.putInspection(i);
  const lines: string[] = [];
  let kept = 0;
  for (const demo of file.cases) {
    const c = Case.parse(demo.case);
    if (await cases.getCase(c.id)) {
      kept += 1;
      continue;
    }
    const person = demo.person ? Person.parse({ caseId: c.id, ...demo.person }) : undefined;
    await cases.putCase(c, person);
    // One message at a time keeps each case's events in order (the store retries races anyway).
    for (const { offset, ...rest } of demo.events) {
      const event = CaseEvent.parse({ ...rest, date: addDays(ctx.today, offset) });
      await ctx.sendToQueue('case-events', { caseId: c.id, event, source: 'officer' });
    }
    lines.push(`Дело ${c.id}: ${demo.story}`);
  }
  if (kept) lines.push(`Демо-дела уже загружены ранее, оставлены как есть / kept as they are: ${kept}`);
  lines.push('Сроки: uii case show DEMO-IR-1 · часы стенда: uii local clock advance 1d');
  return lines;
}
