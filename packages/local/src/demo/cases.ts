import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addDays, Case, CaseEvent, Person } from '@uii/domain';
import type { DemoContext } from './context';

interface DemoFile {
  directory: {
    officers: Array<{ id: string; email: string; inspectionId?: string }>;
    inspections: Array<{ id: string; email?: string; headEmail?: string; region?: string }>;
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
 */
export async function seed(ctx: DemoContext): Promise<string[]> {
  const file = JSON.parse(readFileSync(join(ctx.root, 'events/demo/cases.json'), 'utf8')) as DemoFile;
  const items: Record<string, unknown>[] = [
    ...file.directory.officers.map((o) => ({ pk: `OFFICER#${o.id}`, sk: 'PROFILE', type: 'officer', ...o })),
    ...file.directory.inspections.map((i) => ({
      pk: `INSPECTION#${i.id}`,
      sk: 'PROFILE',
      type: 'inspection',
      ...i,
    })),
  ];
  const messages: unknown[] = [];
  const lines: string[] = [];
  for (const demo of file.cases) {
    const c = Case.parse(demo.case);
    items.push({ pk: `CASE#${c.id}`, sk: 'META', type: 'case', case: c, version: 0 });
    if (demo.person) {
      const person = Person.parse({ caseId: c.id, ...demo.person });
      items.push({ pk: `PII#${c.id}`, sk: 'PERSON', type: 'person', person });
    }
    for (const { offset, ...rest } of demo.events) {
      const event = CaseEvent.parse({ ...rest, date: addDays(ctx.today, offset) });
      messages.push({ caseId: c.id, event, source: 'officer' });
    }
    lines.push(`Дело ${c.id}: ${demo.story}`);
  }
  await ctx.putItems(items);
  // One message at a time keeps each case's events in order (the store retries races anyway).
  for (const m of messages) await ctx.sendToQueue('case-events', m);
  lines.push('Сроки: uii case show DEMO-IR-1 · часы стенда: uii local clock advance 1d');
  return lines;
}
