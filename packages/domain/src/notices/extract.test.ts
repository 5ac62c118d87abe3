import { describe, expect, it } from 'vitest';
import { extractFromRows, extractFromText } from './extract';

const people = [
  { caseId: 'A', name: 'Иванов Иван Иванович' },
  { caseId: 'B', name: 'Петрова Мария Сергеевна' },
];
const ctx = { mailDate: '2026-03-13', people };
const brief = (text: string) =>
  extractFromText(text, ctx).items.map((i) => [i.person.caseId, i.kind, i.date, i.hours ?? i.outcome]);

describe('free text → items', () => {
  it('finds the person, the day and the reason in one sentence', () => {
    expect(brief('Иванов И.И. 12.03.2026 не вышел на работу без уважительной причины.')).toEqual([
      ['A', 'absence', '2026-03-12', 'absent_unexcused'],
    ]);
  });

  it('shares one date and one hours figure among the people of a sentence', () => {
    expect(brief('Иванов И.И. и Петрова М.С. отработали по 4 часа 12.03.2026.')).toEqual([
      ['A', 'hours', '2026-03-12', 4],
      ['B', 'hours', '2026-03-12', 4],
    ]);
  });

  it('pairs each person with their own hours', () => {
    expect(brief('12.03.2026: Иванов И.И. — 4 ч, Петрова М.С. — 3 ч.')).toEqual([
      ['A', 'hours', '2026-03-12', 4],
      ['B', 'hours', '2026-03-12', 3],
    ]);
  });

  it('lets a list header carry the event and the date to the lines under it', () => {
    expect(brief('Не вышли на работу 12.03.2026:\n- Иванов И.И.\n- Петрова М.С. — прогул')).toEqual([
      ['A', 'absence', '2026-03-12', 'absent_unknown'],
      ['B', 'absence', '2026-03-12', 'absent_unexcused'],
    ]);
  });

  it('sends what it cannot place to triage with the original text, never dropping it', () => {
    const r = extractFromText('Иванов не вышел на работу. Сидоров 12.03 не вышел.', ctx);
    expect(r.items).toEqual([]);
    expect(r.triage.map((t) => [t.text, t.why])).toEqual([
      ['Иванов не вышел на работу.', 'не указана дата'],
      ['Сидоров 12.03 не вышел.', 'не указано, о ком сообщение'],
    ]);
  });

  it('does not act on a signature that names someone', () => {
    expect(extractFromText('С уважением,\nмастер Козлов А.В.', ctx)).toEqual({ items: [], triage: [] });
  });

  it('sends a future date to triage', () => {
    expect(extractFromText('Иванов И.И. 20.03.2026 не вышел.', ctx).triage[0]?.why).toBe(
      'дата позже даты письма',
    );
  });
});

describe('tables → items', () => {
  it('maps Russian and English headers and reads hours or reasons per row', () => {
    const r = extractFromRows(
      [
        ['Name', 'Date', 'Hours', 'Reason'],
        ['Иванов Иван Иванович', '12.03.2026', '4', ''],
        ['Петрова Мария Сергеевна', '12.03.2026', '', 'больничный лист'],
        ['Петрова Мария Сергеевна', '', '4', ''],
      ],
      ctx,
    );
    expect(r.items.map((i) => [i.person.caseId, i.hours ?? i.outcome, i.confidence])).toEqual([
      ['A', 4, 1],
      ['B', 'absent_sick_note', 1],
    ]);
    expect(r.triage.map((t) => t.why)).toEqual(['не указана дата']);
  });

  it('reports a table without a header row instead of guessing', () => {
    expect(
      extractFromRows(
        [
          ['a', 'b'],
          ['c', 'd'],
        ],
        ctx,
      ).triage[0]?.why,
    ).toMatch(/не найдена строка заголовков/);
  });
});

describe('periods, promised documents, breaches, spans and context (issue 9)', () => {
  const triage = (text: string, c = ctx) => extractFromText(text, c).triage.map((t) => t.why);

  it('reads a period as one absence a day, in every way worksites write it', () => {
    const days = ['2026-03-10', '2026-03-11', '2026-03-12'];
    for (const text of [
      'Иванов И.И. с 10 по 12 марта не выходил на работу без уважительной причины.',
      'Иванов И.И. 10–12.03.2026 не выходил на работу без уважительной причины.',
      'Иванов И.И. за 10-12.03 прогулы.',
      'Иванов И.И. с 10.03 по 12.03 отсутствовал без уважительной причины.',
    ]) {
      expect(brief(text), text).toEqual(days.map((d) => ['A', 'absence', d, 'absent_unexcused']));
    }
  });

  it('sends a period longer than the setting to triage for confirmation', () => {
    expect(triage('Иванов И.И. с 1 по 12 марта не выходил на работу.')).toEqual([
      'период 12 дней (больше 7) — подтвердите по дням',
    ]);
    expect(
      extractFromText('Иванов И.И. с 1 по 12 марта не выходил на работу.', { ...ctx, maxPeriodDays: 14 })
        .items,
    ).toHaveLength(12);
  });

  it('a sick note only promised is not a sick note provided', () => {
    for (const text of [
      'Иванов И.И. 12.03.2026 не вышел, заболел, больничный лист будет.',
      'Иванов И.И. 12.03.2026 не вышел по болезни, больничный обещал принести.',
    ]) {
      expect(brief(text)).toEqual([['A', 'absence', '2026-03-12', 'absent_unknown']]);
    }
    expect(brief('Иванов И.И. 12.03.2026 не вышел по болезни, больничный лист предоставлен.')).toEqual([
      ['A', 'absence', '2026-03-12', 'absent_sick_note'],
    ]);
  });

  it('drunk at work or suspended from work is a discipline breach, not an absence', () => {
    expect(brief('Иванов И.И. 12.03.2026 появился на объекте в нетрезвом виде.')).toEqual([
      ['A', 'absence', '2026-03-12', 'attended_breach'],
    ]);
    expect(brief('Иванов И.И. 12.03.2026 отстранён от работы мастером.')).toEqual([
      ['A', 'absence', '2026-03-12', 'attended_breach'],
    ]);
  });

  it('reads a time span as hours', () => {
    expect(brief('Петрова М.С. 12.03.2026 работала с 9:00 до 13:00.')).toEqual([
      ['B', 'hours', '2026-03-12', 4],
    ]);
  });

  it('continues the person before only when one was named, with less confidence', () => {
    const r = extractFromText('Иванов И.И. 11.03.2026 не вышел на работу. Также не вышел 12.03.2026.', ctx);
    expect(r.items.map((i) => [i.person.caseId, i.date])).toEqual([
      ['A', '2026-03-11'],
      ['A', '2026-03-12'],
    ]);
    expect(r.items[1]!.confidence).toBeLessThan(r.items[0]!.confidence);
    expect(r.items[1]!.source).toBe('Также не вышел 12.03.2026.');
    // Two people before: whom «также» means is not known.
    expect(
      extractFromText(
        'Иванов И.И. и Петрова М.С. 11.03.2026 не вышли. Также не вышел 12.03.2026.',
        ctx,
      ).items.map((i) => i.date),
    ).toEqual(['2026-03-11', '2026-03-11']);
  });
});
