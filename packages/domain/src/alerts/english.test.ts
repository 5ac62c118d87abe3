import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { alertJobFor } from '../deadlines/alert-text';
import type { Finding, PlannedAlert } from '../deadlines/engine';
import { RULE_WORDS_EN } from '../deadlines/rule-words';
import { RULE_IDS, ruleFor } from '../deadlines/rules';
import { parseScenario, runScenario } from '../deadlines/scenario';
import { placeDecideRule, placeRemarksRule } from '../places/rule';
import { deadlineMessage } from './deadline-message';
import { digestSections } from './digest';
import { renderJob } from './render-job';

/**
 * An English recipient (directory `lang: en`) reads English, not the engine's Russian (issue 11).
 * What may stay Cyrillic: the person's name, the legal citation and its quote (only the Russian
 * text is the law), and screen names quoted «…» as the officer sees them in the web application.
 */
const CYRILLIC = /[а-яё]/i;
const PERSON = { lastName: 'Иванов', firstName: 'Иван', middleName: 'Иванович' };
const withoutAllowed = (s: string) =>
  s
    .replace(/\(Иванов И\. И\.\)/g, '')
    .replace(/«[^»]*»/g, '')
    .replace(/ \((?:УИК|УК|Приказ)[^\n]*\)(?=\.?$)/gm, '') // a finding's own citation, at its end
    .split('\n')
    .filter((line) => !line.includes('in the original Russian'))
    .join('\n');
const russianLeft = (s: string) =>
  withoutAllowed(s)
    .split('\n')
    .filter((l) => CYRILLIC.test(l));

const scenarioDir = join(import.meta.dirname, '../../../../events/scenarios');
const scenarios = readdirSync(scenarioDir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => ({
    file: f,
    clocks: runScenario(parseScenario(JSON.parse(readFileSync(join(scenarioDir, f), 'utf8')))),
  }));

describe('English recipients read English', () => {
  it('every rule, deadline and place rule alike, has its words in English', () => {
    const ids = [...RULE_IDS, placeDecideRule().id, placeRemarksRule().id];
    expect(ids.filter((id) => !RULE_WORDS_EN[id])).toEqual([]);
    for (const words of Object.values(RULE_WORDS_EN))
      for (const w of Object.values(words)) expect(russianLeft(w), w).toEqual([]);
  });

  it('every finding the engine makes in the scenario corpus has an English text', () => {
    const findings = scenarios.flatMap((s) => s.clocks.findings.map((f) => ({ ...f, file: s.file })));
    expect(new Set(findings.map((f) => f.rule)).size).toBeGreaterThanOrEqual(7);
    for (const f of findings) {
      expect(f.message_en, `${f.file}: ${f.rule}`).toBeDefined();
      expect(russianLeft(f.message_en!), `${f.file}: ${f.message_en}`).toEqual([]);
    }
  });

  it('a deadline alert in English has no Russian outside the name and the law', () => {
    for (const id of RULE_IDS) {
      const rule = ruleFor(id, '2026-03-02');
      if (!rule?.duration) continue;
      for (const kind of ['first', 'overdue', 'escalation'] as const) {
        const m = deadlineMessage({
          caseId: '131',
          person: PERSON,
          rule,
          kind,
          audience: kind === 'escalation' ? 'supervisor' : 'officer',
          trigger: '2026-03-02',
          due: '2026-03-17',
          asOf: kind === 'first' ? '2026-03-02' : '2026-03-18',
          lang: 'en',
          withCalendar: true,
        });
        expect(russianLeft(m.subject), `${id} ${kind}`).toEqual([]);
        expect(russianLeft(m.text), `${id} ${kind}`).toEqual([]);
        expect(m.text).toContain(rule.source.text_ru); // the law, quoted as it is
      }
    }
  });

  it('a finding alert and a combined mail are English from subject to footer', async () => {
    const found = scenarios.flatMap((s) => s.clocks.findings).filter((f) => f.rule === 'CW-EVASION-RISK');
    const evasion = scenarios.flatMap((s) => s.clocks.findings).find((f) => f.rule === 'CW-EVASION');
    expect(found.length && evasion).toBeTruthy();
    const alert = (f: Finding): PlannedAlert => ({
      id: `131:${f.rule}:finding:${f.date}`,
      rule: f.rule,
      date: f.date,
      kind: 'first',
      audience: 'officer',
      stage: 'finding',
    });
    const recipients = { officer: ['officer@uii70.example'] };
    const risk = alertJobFor('131', alert(found[0]!), found[0]!, recipients)!;
    const deps = {
      audit: { calendarSequence: async () => 0 },
      cases: { getPerson: async () => PERSON },
    };
    const one = await renderJob({ ...risk, lang: 'en' }, deps);
    expect(russianLeft(one.subject)).toEqual([]);
    expect(russianLeft(one.text)).toEqual([]);
    expect(one.text).toContain('persistent evasion');
    // Russian recipients read the engine's Russian words in the same frame: whom in the
    // subject, what to do in the officer's voice, the footer every officer mail has.
    const ru = await renderJob(risk, deps);
    expect(ru.subject).toBe('CW-EVASION-RISK: Риск злостного уклонения — дело 131 (Иванов И. И.)');
    expect(ru.text).toContain(found[0]!.message);
    expect(ru.text).toContain('Что сделать: предупредить осуждённого');
    expect(ru.text).toMatch(/\n--\nСообщение uii-connect для сотрудников УИИ/);

    const deadlineJob = alertJobFor(
      '131',
      {
        id: '131:CW-WARN:overdue:2026-03-18',
        rule: 'CW-WARN',
        date: '2026-03-18',
        kind: 'overdue',
        audience: 'officer',
        due: '2026-03-17',
        daysLeft: -1,
      },
      {
        rule: 'CW-WARN',
        due: '2026-03-17',
        status: 'overdue',
        source: '',
        trigger: '2026-03-06',
        daysLeft: -1,
        actor: 'inspection',
      },
      recipients,
    )!;
    const evasionJob = alertJobFor('131', alert(evasion!), evasion!, recipients)!;
    const group = await renderJob(
      {
        ...evasionJob,
        id: '131:group:x',
        kind: 'deadline.group',
        lang: 'en',
        parts: [evasionJob, deadlineJob].map((j) => ({
          id: j.id,
          kind: j.kind,
          rule: j.rule,
          subject: j.subject,
          text: j.text,
          ...(j.deadline ? { deadline: j.deadline } : {}),
          ...(j.finding ? { finding: j.finding } : {}),
        })),
      },
      deps,
    );
    expect(russianLeft(group.subject)).toEqual([]);
    expect(russianLeft(group.text)).toEqual([]);
    expect(group.ics?.content).toContain('Issue a written warning');
  });

  it('the English digest names rules, findings and what to do in English', () => {
    const withFindings = scenarios.find((s) => s.clocks.findings.some((f) => f.rule === 'CW-PACE'))!;
    const withDeadlines = scenarios.find((s) => s.clocks.deadlines.some((d) => d.status !== 'met'))!;
    const dates = [...withFindings.clocks.findings.map((f) => f.date)].sort();
    const sections = digestSections({
      officerId: 'o1',
      date: dates.at(-1)!,
      since: dates[0]!,
      cases: [
        { caseId: '131', person: PERSON, clocks: withFindings.clocks },
        { caseId: '132', person: PERSON, clocks: withDeadlines.clocks },
      ],
      shortlists: [{ caseId: '131', vacancies: 3 }],
      places: [
        {
          municipality: 'Town',
          rule: 'PLACE-DECIDE',
          places: 2,
          due: dates.at(-1)!,
          placeIds: ['P-1', 'P-2'],
        },
      ],
      waiting: { triage: 2, quarantine: 1 },
      lang: 'en',
    });
    const items = sections.flatMap((s) => s.items);
    expect(sections.some((s) => s.id === 'findings')).toBe(true);
    for (const i of items) {
      expect(russianLeft(`${i.badge}\n${i.what}\n${i.todo}`), JSON.stringify(i)).toEqual([]);
    }
    expect(items.find((i) => i.who === 'Town')?.todo).toContain('P-1, P-2');
  });
});
