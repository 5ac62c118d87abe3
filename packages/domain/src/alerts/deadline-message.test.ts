import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { legalFooterRu } from '../deadlines/alert-text';
import { RULES, ruleFor } from '../deadlines/rules';
import { citation, type DeadlineAlertInput, deadlineMessage, deadlineSubject } from './deadline-message';
import { clockUid, deadlineEvent, workingDayBefore } from './ics';
import { findingMessage } from './render-job';
import { days, surnameInitials } from './ru';

const rule = ruleFor('CL-JOBSEARCH', '2026-02-25')!;
const base: DeadlineAlertInput = {
  caseId: '123',
  person: { lastName: 'Иванов', firstName: 'Иван', middleName: 'Иванович' },
  rule,
  kind: 'reminder',
  audience: 'officer',
  trigger: '2026-02-25',
  due: '2026-03-12',
  asOf: '2026-03-10',
};

describe('deadline subjects', () => {
  it('say what, whom and by when, with agreed plurals', () => {
    expect(deadlineSubject(base)).toBe('CL-JOBSEARCH: 2 дня до 12.03.2026 — дело 123 (Иванов И. И.)');
    expect(deadlineSubject({ ...base, asOf: '2026-03-11' })).toBe(
      'CL-JOBSEARCH: 1 день до 12.03.2026 — дело 123 (Иванов И. И.)',
    );
    expect(deadlineSubject({ ...base, asOf: '2026-03-07' })).toBe(
      'CL-JOBSEARCH: 5 дней до 12.03.2026 — дело 123 (Иванов И. И.)',
    );
    expect(deadlineSubject({ ...base, asOf: '2026-03-12' })).toBe(
      'CL-JOBSEARCH: последний день 12.03.2026 — дело 123 (Иванов И. И.)',
    );
    expect(deadlineSubject({ ...base, kind: 'overdue', asOf: '2026-03-23' })).toBe(
      'CL-JOBSEARCH: просрочено на 11 дней (12.03.2026) — дело 123 (Иванов И. И.)',
    );
    expect(deadlineSubject({ ...base, daysLeft: 21, asOf: '2026-03-01' })).toMatch(
      /^CL-JOBSEARCH: 21 день до/,
    );
    expect(deadlineSubject({ ...base, lang: 'en' })).toBe(
      'CL-JOBSEARCH: 2 days to 12.03.2026 — case 123 (Иванов И. И.)',
    );
  });

  it('cannot be split by CR/LF in a name', () => {
    const s = deadlineSubject({
      ...base,
      person: { lastName: 'Иванов\r\nBcc: x@evil.example', firstName: 'И' },
    });
    expect(s).not.toMatch(/[\r\n]/);
  });

  it('plurals and initials', () => {
    expect([1, 2, 4, 5, 11, 12, 21, 22, 25, 101, 111].map(days)).toEqual([
      '1 день',
      '2 дня',
      '4 дня',
      '5 дней',
      '11 дней',
      '12 дней',
      '21 день',
      '22 дня',
      '25 дней',
      '101 день',
      '111 дней',
    ]);
    expect(surnameInitials({ lastName: 'Петрова', firstName: 'анна' })).toBe('Петрова А.');
  });
});

describe('deadline message', () => {
  const m = deadlineMessage({ ...base, withCalendar: true });

  it('has plain-text and HTML parts in Russian, with the article and what to do', () => {
    expect(m.text).toContain('Последний день: 12.03.2026');
    expect(m.text).toContain('Осталось: 2 дня');
    expect(m.text).toContain('Что сделать: проверьте, что осуждённый выполнил');
    expect(m.text).toContain(rule.source.article);
    expect(m.html).toContain('<table role="presentation"');
    expect(m.html).toContain('Иванов И. И.');
  });

  it('reads well in Outlook/Яндекс/Mail.ru: inline styles, no script, no style block, no remote images', () => {
    expect(m.html).not.toMatch(/<script|<style|<img|<link|url\(|https?:\/\//i);
    expect(m.html).toMatch(/style="/);
  });

  it('escapes whatever came from outside', () => {
    const evil = deadlineMessage({
      ...base,
      person: { lastName: '<script>alert(1)</script>', firstName: '"><img src=x>' },
    });
    expect(evil.html).not.toContain('<script>alert');
    expect(evil.html).not.toContain('<img');
    expect(evil.html).toContain('&lt;script&gt;');
  });
});

describe('ICS', () => {
  const read = (content: string) => {
    const comp = new ICAL.Component(ICAL.parse(content));
    const vevent = comp.getFirstSubcomponent('vevent')!;
    const event = new ICAL.Event(vevent);
    const alarm = vevent.getFirstSubcomponent('valarm');
    return { comp, event, vevent, alarm };
  };
  const make = (over: Partial<Parameters<typeof deadlineEvent>[0]> = {}) =>
    deadlineEvent({
      caseId: '123',
      rule: 'CL-JOBSEARCH',
      trigger: '2026-02-25',
      due: '2026-03-16',
      summary: deadlineSubject({ ...base, due: '2026-03-16' }),
      description:
        'Проверьте, что осуждённый встал на учёт в центре занятости населения — длинная строка для переноса',
      sequence: 0,
      stamp: new Date('2026-03-02T05:00:00Z'),
      ...over,
    });

  it('is an all-day event on the due day with a reminder at 09:00 of the working day before, read back by ical.js', () => {
    const { comp, event, alarm } = read(make().content);
    expect(comp.getFirstPropertyValue('method')).toBe('PUBLISH');
    expect(event.startDate.isDate).toBe(true);
    expect(event.startDate.toString()).toBe('2026-03-16');
    expect(event.uid).toBe(clockUid('123', 'CL-JOBSEARCH', '2026-02-25'));
    expect(event.sequence).toBe(0);
    expect(event.summary).toBe('CL-JOBSEARCH: 6 дней до 16.03.2026 — дело 123 (Иванов И. И.)');
    // Monday 16.03 → reminder Friday 13.03 at 09:00: 2 days 15 hours before the start.
    expect(workingDayBefore('2026-03-16')).toBe('2026-03-13');
    const trigger = alarm!.getFirstPropertyValue('trigger') as ICAL.Duration;
    expect(trigger.toSeconds()).toBe(-(2 * 86_400 + 15 * 3600));
  });

  it('keeps the UID when the due day moves, with a higher sequence; a met clock is CANCEL', () => {
    const moved = read(make({ due: '2026-03-20', sequence: 1 }).content);
    expect(moved.event.uid).toBe(clockUid('123', 'CL-JOBSEARCH', '2026-02-25'));
    expect(moved.event.sequence).toBe(1);
    expect(moved.event.startDate.toString()).toBe('2026-03-20');
    const cancel = make({ cancelled: true, sequence: 2 });
    expect(cancel.method).toBe('CANCEL');
    const c = read(cancel.content);
    expect(c.comp.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(c.vevent.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(c.event.sequence).toBe(2);
    expect(c.alarm).toBeNull();
  });

  it('skips holidays for the reminder (after the May holidays)', () => {
    expect(workingDayBefore('2026-05-12')).toBe('2026-05-08');
  });

  it('folds long Cyrillic lines by octets (≤ 75 per line)', () => {
    for (const line of make().content.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
  });
});

describe('a term whose last day has passed (issue 11, tester)', () => {
  const warn = ruleFor('CW-WARN', '2026-11-27')!;
  const refer = ruleFor('CL-REFER', '2026-02-20')!;
  const cases: DeadlineAlertInput[] = [
    { ...base, kind: 'overdue', asOf: '2026-03-13', withCalendar: true },
    { ...base, kind: 'overdue', asOf: '2026-03-20', withCalendar: true, lang: 'en' },
    {
      ...base,
      rule: warn,
      kind: 'overdue',
      trigger: '2026-11-27',
      due: '2026-12-02',
      asOf: '2026-12-03',
      withCalendar: true,
    },
    {
      ...base,
      rule: warn,
      kind: 'overdue',
      trigger: '2026-11-27',
      due: '2026-12-02',
      asOf: '2026-12-04',
      withCalendar: true,
      lang: 'en',
    },
    {
      ...base,
      rule: refer,
      kind: 'escalation',
      audience: 'supervisor',
      trigger: '2026-02-20',
      due: '2026-03-06',
      asOf: '2026-03-10',
      withCalendar: true,
    },
    {
      ...base,
      rule: refer,
      kind: 'escalation',
      audience: 'supervisor',
      trigger: '2026-02-20',
      due: '2026-03-06',
      asOf: '2026-03-10',
      withCalendar: true,
      lang: 'en',
    },
  ];

  it.each(cases.map((c) => [`${c.rule.id} ${c.audience} ${c.lang ?? 'ru'} on ${c.asOf}`, c] as const))(
    '%s: says the term expired and asks for action now, not «by» a day gone',
    (_name, input) => {
      const m = deadlineMessage(input);
      const due = input.due.split('-').reverse().join('.');
      const todo = m.text.split('\n').find((l) => /^(Что сделать|What to do):/.test(l))!;
      expect(todo).toMatch(input.lang === 'en' ? `expired on ${due}` : `срок истёк ${due}`);
      expect(todo).toMatch(input.lang === 'en' ? /at once/ : /немедленно/);
      expect(todo).not.toMatch(new RegExp(`(до|не позднее|by|term) ${due.replace(/\./g, '\\.')}`));
      // The calendar note of a past day says it marks the missed day, with no reminder before it.
      expect(m.text).not.toMatch(/напоминанием накануне|reminder on the working day before/);
      expect(m.text).toMatch(input.lang === 'en' ? /missed last day/ : /пропущенный последний день/);
    },
  );

  it('a term still ahead keeps «до / не позднее» and the reminder note', () => {
    const m = deadlineMessage({ ...base, withCalendar: true });
    expect(m.text).toContain('(до 12.03.2026)');
    expect(m.text).toContain('с напоминанием накануне');
    const w = deadlineMessage({
      ...base,
      rule: warn,
      trigger: '2026-11-27',
      due: '2026-12-02',
      asOf: '2026-12-01',
    });
    expect(w.text).toContain('не позднее 02.12.2026');
  });

  it('the event of a missed day carries no reminder (it would fire at once)', () => {
    const ics = deadlineEvent({
      caseId: '123',
      rule: 'CL-JOBSEARCH',
      trigger: '2026-02-25',
      due: '2026-03-12',
      summary: 'x',
      description: 'y',
      sequence: 0,
      stamp: new Date('2026-03-13T05:00:00Z'),
    });
    const vevent = new ICAL.Component(ICAL.parse(ics.content)).getFirstSubcomponent('vevent')!;
    expect(vevent.getFirstSubcomponent('valarm')).toBeNull();
  });
});

describe('the escalation to the head reads as the head’s mail', () => {
  const refer = ruleFor('CL-REFER', '2026-02-20')!;
  const head: DeadlineAlertInput = {
    ...base,
    caseId: '124',
    person: { lastName: 'Петрова', firstName: 'Анна', middleName: 'Сергеевна' },
    rule: refer,
    kind: 'escalation',
    audience: 'supervisor',
    trigger: '2026-02-20',
    due: '2026-03-06',
    asOf: '2026-03-10',
  };
  const officer: DeadlineAlertInput = { ...head, kind: 'overdue', audience: 'officer' };

  it.each(['ru', 'en'] as const)('%s: own subject, no «report to the head», a head footer', (lang) => {
    const h = deadlineMessage({ ...head, lang });
    const o = deadlineMessage({ ...officer, lang });
    expect(h.subject).not.toBe(o.subject);
    expect(h.subject).toMatch(lang === 'en' ? /^For the head of the inspection: / : /^Начальнику УИИ: /);
    // The core is the officer's: rule, when, case and whom.
    expect(h.subject).toContain(
      lang === 'en'
        ? 'CL-REFER: overdue by 4 days (06.03.2026) — case 124 (Петрова А. С.)'
        : 'CL-REFER: просрочено на 4 дня (06.03.2026) — дело 124 (Петрова А. С.)',
    );
    expect(h.text).not.toMatch(/доклад начальнику|report to the head/i);
    expect(o.text).toMatch(/доклад начальнику|report to the head/i);
    expect(h.text).toMatch(lang === 'en' ? /for the head of the inspection/ : /для начальника УИИ/);
    expect(h.text).not.toMatch(/для сотрудников УИИ|for inspection staff/);
    expect(h.text).toMatch(lang === 'en' ? /have the officer/ : /поручите инспектору/);
  });
});

describe('the citation says what the quoted text is', () => {
  it('the law, a retold law, or a secondary source', () => {
    const warn = deadlineMessage({ ...base, rule: ruleFor('CW-WARN', '2026-03-04')!, lang: 'en' });
    expect(warn.text).toContain('УИК РФ ст. 29 (комментарий) (source, in the original Russian');
    expect(warn.text).not.toContain('(the law in the original Russian)');
    const warnRu = deadlineMessage({ ...base, rule: ruleFor('CW-WARN', '2026-03-04')! });
    expect(warnRu.text).toContain('УИК РФ ст. 29 (комментарий) (изложение, не текст закона)');
    const job = deadlineMessage({ ...base, lang: 'en' });
    expect(job.text).toContain(`${rule.source.article} (the law in the original Russian)`);
    expect(deadlineMessage(base).text).toContain(`${rule.source.article}: «`);
    const cap = ruleFor('CW-HOURS-CAP', '2026-03-04')!;
    expect(citation(cap.source, 'en')).not.toContain('(the law in the original Russian)');
    expect(citation(cap.source, 'ru')).toMatch(/изложение/);
  });

  it('every citation in the rules names the code with «РФ»', () => {
    for (const r of RULES)
      for (const text of [r.consequence_ru, r.source.article, r.trigger_ru])
        expect(text).not.toMatch(/(^|[^А-ЯЁа-яё])(УИК|УК|КоАП|ТК|ГК)\s+ст\./u);
  });
});

describe('a finding’s citation (tester: CW-HOURS-CAP quotes a paraphrase)', () => {
  const job = {
    rule: 'CW-HOURS-CAP',
    finding: {
      date: '2026-03-14',
      message: 'За 14.03.2026 учтено 4 ч при пределе 3 ч (несовершеннолетний 15 лет) (УК РФ ст. 88 ч. 3)',
    },
  };
  it('in English and in Russian, the retold law is not called the law’s text', () => {
    const en = findingMessage(job, '140', undefined, 'en')!;
    expect(en.text).not.toContain('(the law in the original Russian)');
    expect(en.text).toContain('(the law retold, in the original Russian)');
    const cap = ruleFor('CW-HOURS-CAP', '2026-03-14')!;
    expect(legalFooterRu(cap).join('\n')).toContain(
      `${cap.source.article} (изложение закона, не дословно): «`,
    );
    const evasion = ruleFor('CW-EVASION', '2026-03-14')!;
    expect(legalFooterRu(evasion).join('\n')).toContain(`${evasion.source.article}: «`);
  });
});

describe('the head’s task follows who keeps the term', () => {
  it('a convict-side term asks the head to check the officer followed it up, never to «have the officer find a job»', () => {
    const m = deadlineMessage({ ...base, kind: 'escalation', audience: 'supervisor', asOf: '2026-03-14' });
    expect(m.text).toContain('срок истёк 12.03.2026: проверьте, что инспектор немедленно выяснил');
    expect(m.text).not.toMatch(/поручите инспектору немедленно трудоустроиться/);
    const en = deadlineMessage({
      ...base,
      kind: 'escalation',
      audience: 'supervisor',
      asOf: '2026-03-14',
      lang: 'en',
    });
    expect(en.text).toContain('make sure the officer has checked at once');
  });
  it('a clock met after its last day says it was done late, not simply met', () => {
    const rule = ruleFor('CL-REFER', '2026-02-02')!;
    const late = deadlineMessage({
      caseId: '7',
      rule,
      kind: 'met',
      audience: 'officer',
      trigger: '2026-02-02',
      due: '2026-03-04',
      asOf: '2026-03-14',
    });
    expect(late.subject).toBe(
      'CL-REFER: выполнено с опозданием на 10 дней (срок 04.03.2026), событие снято — дело 7',
    );
    expect(late.text).toContain('больше ничего: выполнено с опозданием на 10 дней');
    const inTime = deadlineMessage({
      caseId: '7',
      rule,
      kind: 'met',
      audience: 'officer',
      trigger: '2026-02-02',
      due: '2026-03-04',
      asOf: '2026-03-03',
      lang: 'en',
    });
    expect(inTime.subject).toBe('CL-REFER: done, 04.03.2026 withdrawn — case 7');
  });
});
