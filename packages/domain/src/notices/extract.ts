import { type DateMention, daysOf, findDates, findPeriods, looksLikePeriod } from './dates';
import { cellFact, dateOfCell, dayOfHeader, findLegend, isoDay, monthOf } from './grid';
import { findHours, type HoursMention } from './hours';
import { findKnownPeople, findNamePatterns, genderOf, splitName } from './names';
import { classifyAbsence, classifyCell, type EventKind, eventKind, mixedKinds } from './reasons';
import { columnOf, findHeader, textTableRows } from './table';
import { fold } from './text';
import { DEFAULT_THRESHOLD, type ExtractContext, type NoticeItem, type NoticeParse } from './types';

interface Person {
  name: string | null;
  caseId: string | null;
  start: number;
  end: number;
  /** confidence lost identifying them */
  penalty: number;
  why?: string;
}

/** «1 день», «2 дня», «5 дней». */
function dayWord(n: number): string {
  const d = n % 10;
  const dd = n % 100;
  if (d === 1 && dd !== 11) return 'день';
  if (d >= 2 && d <= 4 && (dd < 12 || dd > 14)) return 'дня';
  return 'дней';
}

const round = (x: number) => Math.round(Math.max(0, Math.min(1, x)) * 100) / 100;

const FEMININE_VERB =
  /(?<![а-яё])(?:вышла|отработала|работала|явилась|отсутствовала|была|заболела|болела|ушла|появилась|покинула|отказалась|отпросилась|прогуляла|опоздала)(?![а-яё])/gi;
const MASCULINE_VERB =
  /(?<![а-яё])(?:вышел|отработал|работал|явился|отсутствовал|был|заболел|болел|ушел|ушёл|появился|покинул|отказался|отпросился|прогулял|опоздал)(?![а-яё])/gi;

/** The grammatical gender of a sentence's past-tense verbs, when they all agree; else null. */
function verbGender(text: string): 'm' | 'f' | null {
  const f = (text.match(FEMININE_VERB) ?? []).length;
  const m = (text.match(MASCULINE_VERB) ?? []).length;
  if (f > 0 && m === 0) return 'f';
  if (m > 0 && f === 0) return 'm';
  return null;
}

/** Case numbers written in the text: the worksite's own ids, or «дело № …» without a registry. */
function findCaseIds(text: string, ctx: ExtractContext): Person[] {
  const out: Person[] = [];
  if (ctx.people) {
    for (const p of ctx.people) {
      const re = new RegExp(`(?<![\\w-])${p.caseId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w-])`, 'gi');
      for (const m of text.matchAll(re)) {
        out.push({ name: p.name, caseId: p.caseId, start: m.index, end: m.index + m[0].length, penalty: 0 });
      }
    }
  } else {
    for (const m of text.matchAll(
      /(?<![а-яё])(?:по\s+)?(?:дел[оау]|case)\s*(?:№|N|No\.?|#)?\s*(?=[\w/-]{3,})([A-Za-zА-Яа-я0-9][\w/-]*\d[\w/-]*)/gi,
    )) {
      out.push({ name: null, caseId: m[1]!, start: m.index, end: m.index + m[0].length, penalty: 0 });
    }
  }
  return out;
}

/** People in a sentence, in order, each with how sure we are it is them. */
function findPeople(text: string, ctx: ExtractContext): Person[] {
  const ids = findCaseIds(text, ctx);
  const people: Person[] = [];
  if (ctx.people) {
    for (const m of findKnownPeople(text, ctx.people)) {
      const { mention, candidates } = m;
      // Prefer candidates whose initials agree, then the closest spelling.
      const agreeing = candidates.filter((c) => c.initialsAgree === true);
      const pool = agreeing.length > 0 ? agreeing : candidates;
      const best = Math.min(...pool.map((c) => c.distance));
      const top = pool.filter((c) => c.distance === best);
      const typo = best === 0 ? 0 : best === 1 ? 0.15 : 0.25;
      // A mention we will not place on anyone: it goes to the officer with why.
      const unplaced = (why: string) =>
        people.push({
          name: mention.text,
          caseId: null,
          start: mention.start,
          end: mention.end,
          penalty: 1,
          why,
        });
      if (top.length > 1) {
        unplaced(`неоднозначно: подходят ${top.length} осуждённых объекта`);
        continue;
      }
      const c = top[0]!;
      // «Смирнова … отработала»: a feminine verb about a man (or the reverse) is someone else.
      const verbs = verbGender(text);
      const gender = genderOf(splitName(c.person.name));
      if (verbs !== null && gender !== 'unknown' && verbs !== gender && c.initialsAgree !== true) {
        unplaced('не найден среди осуждённых, закреплённых за объектом (род не совпадает)');
        continue;
      }
      people.push({
        name: c.person.name,
        caseId: c.person.caseId,
        start: mention.start,
        end: mention.end,
        penalty: typo + (c.initialsAgree === null ? 0.1 : 0),
      });
    }
  } else {
    for (const m of findNamePatterns(text)) {
      people.push({ name: m.text, caseId: null, start: m.start, end: m.end, penalty: 0.05 });
    }
  }
  // A case number next to a name is the same person; alone it is a person too.
  for (const id of ids) {
    const near = people.find((p) => Math.abs(p.start - id.end) < 40 || Math.abs(id.start - p.end) < 40);
    if (near) {
      if (!near.caseId || near.caseId === id.caseId) {
        near.caseId = id.caseId;
        near.penalty = Math.min(near.penalty, 0.05);
        delete near.why;
      }
    } else people.push(id);
  }
  return people.sort((a, b) => a.start - b.start);
}

/**
 * Words before a name that make it someone other than the one the sentence reports on:
 * «вместо Иванова», «со слов Петровой», «мастер Козлов».
 */
const NOT_THE_SUBJECT =
  /(?:вместо|со\s+слов|по\s+словам|по\s+просьбе|по\s+указанию|с\s+разрешения|в\s+присутствии|заменил[а-яё]*|подменил[а-яё]*|мастер[а-яё]*|бригадир[а-яё]*|начальник[а-яё]*|директор[а-яё]*|инспектор[а-яё]*)(?:\s+[а-яё]+){0,2}\s+$/i;

/** Where «со слов» / «вместо» before a bystander's name begins: the reason text drops both. */
function markerStart(sentence: string, nameStart: number): number {
  const before = sentence.slice(Math.max(0, nameStart - 40), nameStart);
  const m = NOT_THE_SUBJECT.exec(before);
  return m ? nameStart - before.length + m.index : nameStart;
}

interface Defaults {
  kind: EventKind;
  dates: DateMention[];
  splitting?: boolean;
  /** Set by a list header («Не вышли 12.03:»); unset for the subject line's defaults. */
  list?: boolean;
  /** The sentence before, when it named exactly one person and at most one day. */
  prev?: { name: string; dates: DateMention[] };
  /** Confidence lost by borrowing the person from the sentence before. */
  penalty?: number;
  /** The text items cite when the sentence was completed with the person before. */
  source?: string;
}

/** A sentence that continues the one before: it opens with a link word, a pronoun, a verb or a day. */
const CONTINUES =
  /^\s*(?:также|тоже|еще|кроме\s+того|затем|потом|после\s+этого|при\s+этом|а|и|но|он|она|его|ее|ему|ей|не\s|отработал|работал|вышел|вышла|отсутствовал|был|была|явил|прогулял|появил|ушел|ушла|\d|с\s+\d|за\s+\d)/;

/** A sentence that only gives the reason of the absence before it. */
const REASON_FOLLOWS =
  /^\s*(?:причин[аы]|по\s+причине|в\s+связи|так\s+как|т\.\s?к\.|он\s|она\s|со\s+слов|по\s+словам|заболел|болеет|болел|больничн|справк|документ|уважительн)/;

/** What a sentence resolved: the next sentence may continue it. */
interface Memo {
  people: Person[];
  dates: DateMention[];
  /** The sentence the people's offsets refer to. */
  text: string;
}

function blank(text: string, spans: Array<{ start: number; end: number }>): string {
  let out = text;
  for (const s of [...spans].sort((a, b) => b.start - a.start)) {
    out = `${out.slice(0, s.start)} ${out.slice(s.end)}`;
  }
  return out;
}

function cleanReason(text: string): string | null {
  const t = text
    // A phone number is neither a reason nor something to repeat in an event.
    .replace(/\(?\s*(?:тел|моб|раб)\.?:?\s*(?=[+\d])[+\d][\d\s()-]{5,}\d\s*\)?/gi, ' ')
    .replace(/\+?\d[\d\s()-]{8,}\d/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/^[\s,.;:—–-]+|[\s,.;:—–-]+$/g, '')
    .replace(/\s+([,.;])/g, '$1')
    .replace(
      /^(?:(?:сообщаем|сообщаю|информируем|уведомляем|довожу до вашего сведения)(?:,\s*)?(?:что\s*)?|осужд[её]нн[а-яё]*(?:\s+по(?:\s+делу\s*№?)?)?\s*|(?:и|у|с|со|к|ко)\s+|,\s*)+/i,
      '',
    )
    .trim();
  return t.length > 2 ? t.slice(0, 300) : null;
}

/** One sentence → items or triage entries. */
function fromSentence(
  sentence: string,
  ctx: ExtractContext,
  defaults: Defaults,
  out: NoticeParse,
  memo?: Memo,
): 'used' | 'context' | 'none' {
  const named = findPeople(sentence, ctx);
  const people = named.filter(
    (p) => !NOT_THE_SUBJECT.test(sentence.slice(Math.max(0, p.start - 40), p.start)),
  );
  if (people.length === 0 && named.length > 0) {
    if (eventKind(sentence)) {
      out.triage.push({ text: sentence, why: 'упомянут осуждённый, но сообщение, похоже, не о нём' });
    }
    return 'used';
  }
  const dates = findDates(sentence, ctx.mailDate);
  const hours = findHours(sentence).filter((h) => !dates.some((d) => h.start < d.end && d.start < h.end));
  let kind = eventKind(sentence);
  if (!kind && hours.length > 0 && people.length > 0) kind = 'hours';

  if (people.length === 0) {
    if (kind && /:\s*$/.test(sentence)) return 'context'; // «Не вышли на работу 12.03:» opens a list
    // «Иванов И.И. 12.11 не вышел. Также не вышел 13.11.»: the person before, when only one was
    // named and this sentence names nobody (not even a name we do not know), with its own day.
    const own = dates.length > 0 || findPeriods(sentence, ctx.mailDate).length > 0;
    if (
      defaults.prev &&
      kind &&
      own &&
      named.length === 0 &&
      CONTINUES.test(fold(sentence)) &&
      findNamePatterns(sentence).length === 0
    ) {
      return fromSentence(
        `${defaults.prev.name} ${sentence}`,
        ctx,
        { ...defaults, prev: undefined, penalty: 0.1, source: sentence },
        out,
        memo,
      );
    }
    // «Кузнецова 18.11 - 4ч» with no name we recognise is still a report: never drop it silently.
    const hoursLine = hours.length > 0 && (kind === 'hours' || (kind === null && dates.length > 0));
    if (kind === 'absence' || kind === 'breach' || hoursLine) {
      const named = ctx.people && findNamePatterns(sentence).length > 0;
      out.triage.push({
        text: sentence,
        why: named ? 'не найден среди осуждённых, закреплённых за объектом' : 'не указано, о ком сообщение',
      });
    }
    return 'none';
  }
  // «Смирнов позавчера отработал 4 часа, а вчера не вышел»: one person, clauses with their own day.
  if (people.length === 1 && dates.length > 1 && !defaults.splitting) {
    const hasOwn = (c: string) => findDates(c, ctx.mailDate).length > 0 && eventKind(c) !== null;
    // «…, а 17.11 не вышел» first; a bare comma only when every part has its own day and event.
    let clauses = sentence.split(/,\s*(?:а|но)\s+|;\s+/);
    if (!(clauses.length > 1 && clauses.every(hasOwn))) clauses = sentence.split(/,\s+/);
    if (clauses.length > 1 && clauses.every(hasOwn)) {
      const who = sentence.slice(people[0]!.start, people[0]!.end);
      for (const c of clauses) {
        fromSentence(c.includes(who) ? c : `${who} ${c}`, ctx, { ...defaults, splitting: true }, out);
      }
      return 'used';
    }
    // Worked one day and missed another in one phrase we could not split: never guess which is which.
    if (mixedKinds(sentence)) {
      out.triage.push({
        text: sentence,
        why: 'в одной фразе и часы, и неявка на разные дни — соответствие неясно',
      });
      return 'used';
    }
  }
  const inherited = !kind;
  // Without a registry any capitalised name could be a signature: the subject alone is not enough.
  if (inherited && !ctx.people && !defaults.list && dates.length === 0) return 'none';
  // With one, a bare name whose event and day come only from the subject is as likely the
  // signature («Мастер участка Иванов И.И.») as a report: the officer decides.
  if (inherited && !defaults.list && dates.length === 0 && defaults.kind) {
    if (people.some((p) => p.caseId)) {
      out.triage.push({
        text: sentence,
        why: 'в строке только фамилия, неявка или часы — лишь в теме письма',
      });
      return 'used';
    }
    return 'none';
  }
  kind ??= defaults.kind;
  if (!kind) {
    if (ctx.people && people.some((p) => p.caseId)) {
      out.triage.push({
        text: sentence,
        why: 'упомянут осуждённый, но событие (неявка или часы) не распознано',
      });
      return 'used';
    }
    return 'none';
  }
  // «с 10 по 12 марта не выходил»: one absence a day — three unexcused days are what makes
  // malicious evasion, so a period is never one day, and a long one waits for the officer.
  const periods = findPeriods(sentence, ctx.mailDate);
  let periodDates: DateMention[] | null = null;
  if (periods.length > 0 || looksLikePeriod(sentence)) {
    // «с 9 по 11 ноября отработал по 4 часа» is the same hours each day; a total is not.
    const eachDay = hours.length === 1 && hours[0]!.each && periods.length === 1;
    if ((kind === 'hours' || hours.length > 0) && !eachDay) {
      out.triage.push({ text: sentence, why: 'часы за период — по дням не разделить' });
      return 'used';
    }
    if (periods.length !== 1) {
      out.triage.push({ text: sentence, why: 'указан период, а не конкретный день' });
      return 'used';
    }
    const days = daysOf(periods[0]!);
    const max = ctx.maxPeriodDays ?? 7;
    if (days.length > max) {
      const p = people[0]!;
      out.triage.push({
        text: sentence,
        why: `период ${days.length} ${dayWord(days.length)} (больше ${max}) — подтвердите по дням`,
        guess: {
          kind: 'absence',
          person: { name: p.name, caseId: p.caseId },
          date: days[0]!,
          hours: null,
          outcome: kind === 'breach' ? 'attended_breach' : classifyAbsence(sentence).outcome,
          reasonText: null,
          confidence: 0,
          source: sentence,
        },
      });
      return 'used';
    }
    const { start, end, how } = periods[0]!;
    periodDates = days.map((date) => ({ date, start, end, how }));
  }

  people.forEach((person, i) => {
    const spanEnd = people[i + 1]?.start ?? sentence.length;
    const spanStart = i === 0 ? 0 : person.start;
    const inSpan = <T extends { start: number }>(xs: T[]) =>
      xs.filter((x) => x.start >= spanStart && x.start < spanEnd);
    let myDates = periodDates ?? inSpan(dates);
    if (myDates.length === 0) myDates = dates; // «Петров и Сидоров 12.03 не вышли»: the date is shared
    // A period is read from a span of words: a slip costs several days, so it is never certain.
    let penalty =
      person.penalty + (inherited ? 0.05 : 0) + (periodDates ? 0.05 : 0) + (defaults.penalty ?? 0);
    if (myDates.length === 0 && defaults.dates.length > 0) {
      myDates = defaults.dates;
      penalty += 0.05;
    } else if (myDates.length === 0 && people.length === 1 && defaults.prev?.dates.length === 1) {
      // «Иванов 12.11 не вышел. Петров тоже не вышел.»: the one day of the sentence before.
      myDates = defaults.prev.dates;
      penalty += 0.1;
    }
    const spanText = sentence.slice(spanStart, spanEnd);
    // «Кузнецова 18.11 — 4 ч, Смирнов 18.11 — прогул»: each person's own words decide their event.
    const mine =
      (people.length > 1 ? (eventKind(spanText) ?? (inSpan(hours).length > 0 ? 'hours' : null)) : null) ??
      kind!;
    const lines = pairs(
      mine,
      myDates,
      // «Петрова и Сидоренко отработали по 4 часа»: a single hours figure is shared.
      inSpan(hours).length > 0 ? inSpan(hours) : hours.length === 1 ? hours : [],
    );
    if (lines === 'ambiguous') {
      out.triage.push({ text: sentence, why: 'несколько дат и часов, соответствие неясно' });
      return;
    }
    // Blank the names inside the text the reason is read from; a name outside it has no offsets there.
    const own = spanText.length > 15;
    const from = own ? spanStart : 0;
    const to = own ? spanEnd : sentence.length;
    const reasonSource = blank(
      own ? spanText : sentence,
      named
        .map((p) => ({ start: people.includes(p) ? p.start : markerStart(sentence, p.start), end: p.end }))
        .filter((p) => p.start >= from && p.end <= to)
        .map((p) => ({ start: p.start - from, end: p.end - from })),
    );
    for (const line of lines) {
      const d = line.date;
      const datePenalty = !d ? 0 : d.how === 'full' ? 0 : 0.05;
      // «0 ч» is not hours worked: it is a day missed, reason unstated (as a 0 in a table).
      const lineKind = mine === 'hours' && line.hours?.hours === 0 ? 'absence' : mine;
      const item: NoticeItem = {
        kind: lineKind === 'hours' ? 'hours' : 'absence',
        person: { name: person.name, caseId: person.caseId },
        date: d?.date ?? null,
        hours: lineKind === 'hours' ? (line.hours?.hours ?? null) : null,
        outcome: null,
        reasonText: null,
        confidence: round(0.95 - penalty - datePenalty),
        source: defaults.source ?? sentence,
      };
      if (lineKind !== 'hours') {
        const reason =
          lineKind === 'breach'
            ? { outcome: 'attended_breach' as const }
            : classifyAbsence(spanText.length > 15 ? spanText : sentence);
        item.outcome = reason.outcome;
        item.reasonText = cleanReason(
          blank(reasonSource, [
            ...findPeriods(reasonSource, ctx.mailDate),
            ...findDates(reasonSource, ctx.mailDate),
          ]).replace(/\s(г\.|года)(?=\s|$)/g, ' '),
        );
      }
      route(item, ctx, out, person.why);
    }
  });
  if (memo) {
    memo.people = people;
    memo.dates = periodDates ?? dates;
    memo.text = sentence;
  }
  return 'used';
}

function pairs(
  kind: Exclude<EventKind, null>,
  dates: DateMention[],
  hours: HoursMention[],
): Array<{ date?: DateMention; hours?: HoursMention }> | 'ambiguous' {
  const uniq = dates.filter((d, i) => dates.findIndex((e) => e.date === d.date) === i);
  if (kind !== 'hours') return uniq.length > 0 ? uniq.map((date) => ({ date })) : [{}];
  if (hours.length === 0) return uniq.length > 0 ? uniq.map((date) => ({ date })) : [{}];
  if (uniq.length <= 1) return hours.length === 1 ? [{ date: uniq[0], hours: hours[0] }] : 'ambiguous';
  if (hours.length === uniq.length) return uniq.map((date, i) => ({ date, hours: hours[i] }));
  if (hours.length === 1 && hours[0]!.each) return uniq.map((date) => ({ date, hours: hours[0] }));
  return 'ambiguous';
}

/** Decides item or triage for a candidate: needs a case (or a name offline), a day, hours if hours, and confidence. */
function route(item: NoticeItem, ctx: ExtractContext, out: NoticeParse, personWhy?: string): void {
  const threshold = ctx.threshold ?? DEFAULT_THRESHOLD;
  const why = personWhy
    ? personWhy
    : ctx.people && !item.person.caseId
      ? 'не найден среди осуждённых, закреплённых за объектом'
      : !item.person.caseId && !item.person.name
        ? 'не указано, о ком сообщение'
        : !item.date
          ? 'не указана дата'
          : ctx.mailDate && item.date > ctx.mailDate
            ? 'дата позже даты письма'
            : item.kind === 'hours' && item.hours === null
              ? 'не указано число часов'
              : item.confidence < threshold
                ? `низкая уверенность (${item.confidence.toFixed(2)})`
                : null;
  if (why) out.triage.push({ text: item.source, why, guess: item });
  else out.items.push(item);
}

/** Rows of a table (body, CSV or XLSX) with a header row → items and triage. */
export function extractFromRows(
  rows: readonly string[][],
  ctx: ExtractContext,
  label = 'таблица',
): NoticeParse {
  const grid = readGrid(rows, ctx, label);
  if (grid) return grid;
  const out: NoticeParse = { items: [], triage: [] };
  const header = findHeader(rows);
  if (!header) {
    if (rows.some((r) => r.some((c) => c.trim()))) {
      out.triage.push({
        text: rows
          .slice(0, 3)
          .map((r) => r.join(' | '))
          .join('\n'),
        why: `${label}: не найдена строка заголовков (ФИО, дата, часы, причина)`,
      });
    }
    return out;
  }
  const cols = header.columns;
  const last = Math.min(rows.length, header.row + 1 + (ctx.maxRows ?? Number.POSITIVE_INFINITY));
  if (last < rows.length) {
    out.triage.push({
      text: `${label}: строки ${last + 1}–${rows.length}`,
      why: `${label}: больше ${ctx.maxRows} строк — прочитаны первые ${ctx.maxRows}`,
    });
  }
  for (let r = header.row + 1; r < last; r++) {
    const row = rows[r]!;
    const cell = (c: keyof typeof cols) => (cols[c] === undefined ? '' : (row[cols[c]!] ?? '').trim());
    if (row.every((c) => !c.trim())) continue;
    // «Итого | | 12»: the table's own sum, not a person.
    if (/^(итого|всего|total)(?![а-яёa-z])/.test(fold((row.find((c) => c.trim()) ?? '').trim()))) continue;
    const text = row.join(' | ');
    const name = cell('name');
    const caseText = cell('caseId');
    const hoursCell = cell('hours').replace(',', '.');
    const reasonCell = cell('reason');
    // The person: the case column if present, else the name matched like free text.
    let person: Person | undefined;
    if (caseText) {
      const known = ctx.people?.find((p) => fold(p.caseId) === fold(caseText));
      person = {
        name: known?.name ?? (name || null),
        caseId: known || !ctx.people ? caseText : null,
        start: 0,
        end: 0,
        penalty: 0,
      };
    }
    if (!person?.caseId && name) {
      const found = findPeople(name, ctx)[0];
      person = found ?? { name, caseId: null, start: 0, end: 0, penalty: ctx.people ? 0 : 0.05 };
      if (!ctx.people && !found) person.name = name;
    }
    if (!person) {
      out.triage.push({ text, why: `${label}, строка ${r + 1}: не указано, о ком строка` });
      continue;
    }
    const dates = findDates(cell('date'), ctx.mailDate);
    const date = dates[0];
    const hours = /^\d+(\.\d+)?$/.test(hoursCell) ? Number(hoursCell) : null;
    const isHours = hours !== null && hours > 0;
    const base = isHours ? null : classifyCell(reasonCell || hoursCell);
    const item: NoticeItem = {
      kind: isHours ? 'hours' : 'absence',
      person: { name: person.name, caseId: person.caseId },
      date: date?.date ?? null,
      hours: isHours ? hours : null,
      outcome: isHours ? null : (base?.outcome ?? 'absent_unknown'),
      reasonText: isHours ? null : (base?.reasonText ?? null),
      confidence: round(1 - person.penalty - (date && date.how !== 'full' ? 0.05 : 0)),
      source: text,
    };
    if (!isHours && !reasonCell && hours === null && !hoursCell) {
      out.triage.push({
        text,
        why: `${label}, строка ${r + 1}: нет ни часов, ни причины неявки`,
        guess: item,
      });
      continue;
    }
    route(item, ctx, out, person.why);
  }
  return out;
}

const TOTAL = /^(итого|всего|total)(?![а-яёa-z])/;

/** One person of a grid: a row's (or a column's) name, matched like free text. */
function gridPerson(name: string, ctx: ExtractContext): Person | undefined {
  if (!name.trim() || TOTAL.test(fold(name.trim()))) return undefined;
  const found = findPeople(name, ctx);
  if (found.length === 1) return found[0];
  if (ctx.people)
    return {
      name,
      caseId: null,
      start: 0,
      end: 0,
      penalty: 1,
      why: 'не найден среди осуждённых, закреплённых за объектом',
    };
  return { name, caseId: null, start: 0, end: 0, penalty: 0.05 };
}

function gridItem(
  fact: ReturnType<typeof cellFact>,
  person: Person,
  date: string,
  penalty: number,
  source: string,
): NoticeItem | undefined {
  if (fact.kind !== 'hours' && fact.kind !== 'absence') return undefined;
  return {
    kind: fact.kind,
    person: { name: person.name, caseId: person.caseId },
    date,
    hours: fact.kind === 'hours' ? fact.hours : null,
    outcome: fact.kind === 'absence' ? fact.outcome : null,
    reasonText: fact.kind === 'absence' ? fact.reasonText : null,
    // A grid cell is read by its position: one column off is another day, so never certain.
    confidence: round(0.95 - person.penalty - penalty),
    source,
  };
}

/**
 * A month grid (a row per person, a column per day, the month in a title row or the subject)
 * or a table with a column per person (a row per day). Undefined when the rows are neither.
 */
function readGrid(rows: readonly string[][], ctx: ExtractContext, label: string): NoticeParse | undefined {
  const out: NoticeParse = { items: [], triage: [] };
  const cellTriage = (text: string, why: string) => out.triage.push({ text, why: `${label}: ${why}` });
  for (let r = 0; r < Math.min(rows.length, 10); r++) {
    const header = rows[r]!;
    const dayCols = header.flatMap((c, i) => {
      const d = dayOfHeader(c);
      return d ? [{ i, ...d }] : [];
    });
    if (dayCols.length >= 5) {
      const nameCol = header.findIndex((c) => columnOf(c) === 'name');
      const col =
        nameCol >= 0 ? nameCol : header.findIndex((c, i) => c.trim() && !dayCols.some((d) => d.i === i));
      if (col < 0) return undefined;
      const titles = [...rows.slice(0, r).map((x) => x.join(' ')), ctx.subject ?? '', label];
      const headed = dayCols[0]!;
      const headedYear = headed.year ?? (ctx.mailDate ? Number(ctx.mailDate.slice(0, 4)) : undefined);
      const month =
        headed.month && headedYear
          ? { year: headedYear, month: headed.month }
          : monthOf(titles, ctx.mailDate);
      if (!month) {
        cellTriage(
          rows
            .slice(r, r + 3)
            .map((x) => x.join(' | '))
            .join('\n'),
          'табель без месяца — укажите месяц и год',
        );
        return out;
      }
      for (let k = r + 1; k < Math.min(rows.length, r + 1 + (ctx.maxRows ?? Number.POSITIVE_INFINITY)); k++) {
        const row = rows[k]!;
        const person = gridPerson(row[col] ?? '', ctx);
        if (!person) continue;
        for (const d of dayCols) {
          const cell = row[d.i] ?? '';
          const fact = cellFact(cell, ctx.legend);
          const date = isoDay(d.year ?? month.year, d.month ?? month.month, d.day);
          const source = `${label}: ${row[col]!.trim()}, ${d.day}: ${cell.trim()}`;
          if (fact.kind === 'unknown') cellTriage(source, 'обозначение в ячейке не распознано');
          const item = date ? gridItem(fact, person, date, 0.05, source) : undefined;
          if (item) route(item, ctx, out, person.why);
        }
      }
      return out;
    }
    // A column per person: the date column and at least one column whose header is an assigned person.
    const dateCol = header.findIndex((c) => columnOf(c) === 'date');
    if (dateCol < 0 || !ctx.people || header.some((c) => columnOf(c) === 'name')) continue;
    const personCols = header.flatMap((c, i) => {
      if (i === dateCol) return [];
      const p = findPeople(c, ctx);
      return p.length === 1 && p[0]!.caseId ? [{ i, person: p[0]! }] : [];
    });
    if (personCols.length === 0) continue;
    for (let k = r + 1; k < rows.length; k++) {
      const row = rows[k]!;
      if (row.every((c) => !c.trim()) || TOTAL.test(fold((row[dateCol] ?? '').trim()))) continue;
      const day = dateOfCell(row[dateCol] ?? '', ctx.mailDate);
      if (!day) {
        cellTriage(row.join(' | '), 'в строке не распознана дата');
        continue;
      }
      for (const { i, person } of personCols) {
        const cell = row[i] ?? '';
        const fact = cellFact(cell, ctx.legend);
        const source = `${label}: ${header[i]!.trim()}, ${row[dateCol]!.trim()}: ${cell.trim()}`;
        if (fact.kind === 'unknown') cellTriage(source, 'обозначение в ячейке не распознано');
        const item = gridItem(fact, person, day.date, day.full ? 0.05 : 0.1, source);
        if (item) route(item, ctx, out, person.why);
      }
    }
    return out;
  }
  return undefined;
}

/** A line opening with «Фамилия И.О.» or «Фамилия 18.11»: the start of a report of its own. */
const REPORT_LINE =
  /^[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?\s+(?:[А-ЯЁ]\.\s?[А-ЯЁ]\.|(?:[А-ЯЁ][а-яё]+\s+){0,2}\d{1,2}[./]\d{1,2})/;

/**
 * Joins hard-wrapped lines into paragraphs, keeps list items apart, then splits sentences.
 * `block` counts blank-line separated blocks: a list header's context ends with its block.
 */
export function sentences(text: string): Array<{ text: string; block: number }> {
  const paragraphs: Array<{ text: string; block: number }> = [];
  let current = '';
  let block = 0;
  const flush = () => {
    if (current) paragraphs.push({ text: current, block });
    current = '';
  };
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line) {
      flush();
      block++;
      continue;
    }
    const listItem = /^([-•*–—]|\d{1,2}[.)]\s)/.test(line);
    // «Кузнецова 18.11 - 4ч» under «Смирнов 18.11 - прогул»: one report per line, not a wrap.
    const newReport = REPORT_LINE.test(line) && /\d{1,2}\.\d{1,2}/.test(current);
    // A line that ends a sentence ends the paragraph: hard-wrapped sentences rarely end at the wrap.
    if (listItem || newReport || /[.!?;:]\s*$/.test(current)) {
      flush();
      current = line;
    } else current = current ? `${current} ${line}` : line;
  }
  flush();
  return paragraphs.flatMap((p) =>
    p.text
      .split(/(?<=[а-яёa-z]{3}[.!?]|\sч\.)\s+(?=[А-ЯЁA-Z0-9«])/)
      .reduce<string[]>(joinAbbreviations, [])
      .map((s) => s.replace(/^(?:[-•*–—]|\d{1,2}[.)])\s+/, '').trim())
      .filter(Boolean)
      .map((text) => ({ text, block: p.block })),
  );
}

/** «тел. 8-913-…», «ул. Ленина», «каб. 5»: a full stop after these does not end the sentence. */
const ABBREVIATION =
  /(?:^|[^а-яёa-z])(?:тел|моб|раб|доб|каб|стр|корп|обл|ул|пер|просп|пос|тов|им|см|мкр)\.$/i;

function joinAbbreviations(acc: string[], piece: string): string[] {
  const prev = acc[acc.length - 1];
  if (prev !== undefined && ABBREVIATION.test(prev)) acc[acc.length - 1] = `${prev} ${piece}`;
  else acc.push(piece);
  return acc;
}

const VALEDICTION =
  /^\s*(?:с\s+уважением|с\s+наилучшими\s+пожеланиями|всего\s+(?:доброго|хорошего)|best\s+regards|kind\s+regards|regards)(?![a-zа-яё])|^\s*--\s*$/i;

/**
 * The signature: from «С уважением» (or a «-- » line) to the end. Its names are the sender's
 * and colleagues', never a report — unless it carries a dated event, then it is read as text.
 */
export function cutSignature(text: string): string {
  const lines = text.split('\n');
  const at = lines.findIndex((l) => VALEDICTION.test(fold(l)));
  if (at < 0) return text;
  const tail = lines.slice(at).join('\n');
  const reportsSomething = tail
    .split(/\n|(?<=[.!?])\s+/)
    .some((s) => eventKind(s) !== null && findDates(s, null).length > 0);
  return reportsSomething ? text : lines.slice(0, at).join('\n');
}

/** Free text (and any table typed into it) → items and triage. */
export function extractFromText(text: string, ctx: ExtractContext, subject = ''): NoticeParse {
  const out: NoticeParse = { items: [], triage: [] };
  // «н/я — неявка, б/л — больничный»: what the table's codes mean, never a report itself.
  const all = cutSignature(text).split('\n');
  const legend = findLegend(all);
  const lines = all.filter((_, i) => !legend.lineIndexes.includes(i));
  if (legend.legend.size > 0) ctx = { ...ctx, legend: new Map([...(ctx.legend ?? []), ...legend.legend]) };
  ctx = { subject, ...ctx };
  const table = textTableRows(lines);
  let rest = lines.join('\n');
  if (table) {
    // «Табель за ноябрь 2026 г.» just above the table names its month.
    const first = table.lineIndexes[0] ?? 0;
    const above = lines.slice(Math.max(0, first - 3), first).join(' ');
    const t = extractFromRows(
      table.rows,
      { ...ctx, subject: `${above} ${ctx.subject ?? ''}` },
      'таблица в письме',
    );
    out.items.push(...t.items);
    out.triage.push(...t.triage);
    rest = lines.filter((_, i) => !table.lineIndexes.includes(i)).join('\n');
  }
  const defaults: Defaults = { kind: eventKind(subject), dates: findDates(subject, ctx.mailDate) };
  let context: Defaults = defaults;
  let contextBlock = -1;
  let prev: { name: string; dates: DateMention[]; block: number; items: NoticeItem[] } | undefined;
  for (const { text: s, block } of sentences(rest)) {
    if (context !== defaults && block !== contextBlock) context = defaults;
    // «Иванов И.И. 17.11 не вышел. Причина — болезнь, больничный предоставлен.»: the reason of
    // the one absence just recorded, not a report about nobody.
    const last = prev && prev.block === block ? prev.items : [];
    if (
      last.length === 1 &&
      last[0]!.outcome !== 'attended_breach' &&
      REASON_FOLLOWS.test(fold(s)) &&
      findDates(s, ctx.mailDate).length === 0 &&
      findPeople(s, ctx).length === 0
    ) {
      const item = last[0]!;
      const combined = `${item.source} ${s}`;
      const reason = classifyAbsence(combined);
      if (reason.outcome !== item.outcome) {
        item.outcome = reason.outcome;
        item.reasonText = cleanReason(s) ?? item.reasonText;
        item.confidence = round(item.confidence - 0.05);
      }
      item.source = combined;
      continue;
    }
    const memo: Memo = { people: [], dates: [], text: s };
    const carried = prev && prev.block === block ? { prev: { name: prev.name, dates: prev.dates } } : {};
    const before = out.items.length;
    const r = fromSentence(s, ctx, { ...context, ...carried }, out, memo);
    const added = out.items.slice(before).filter((i) => i.kind === 'absence');
    const days = new Set(memo.dates.map((d) => d.date));
    const one = memo.people.length === 1 ? memo.people[0]! : undefined;
    prev =
      r === 'used' && one?.caseId && days.size <= 1
        ? { name: memo.text.slice(one.start, one.end), dates: memo.dates.slice(0, 1), block, items: added }
        : r === 'none'
          ? prev
          : undefined;
    if (r === 'context') {
      const d = findDates(s, ctx.mailDate);
      context = { kind: eventKind(s), dates: d.length > 0 ? d : defaults.dates, list: true };
      contextBlock = block;
    }
  }
  return out;
}

/** Joins parts; the same fact reported twice in one mail (body and table) becomes one item. */
export function merge(...parts: NoticeParse[]): NoticeParse {
  const seen = new Set<string>();
  const items = parts
    .flatMap((p) => p.items)
    .filter((i) => {
      const key = JSON.stringify([i.kind, i.person.caseId ?? i.person.name, i.date, i.hours, i.outcome]);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  return { items, triage: parts.flatMap((p) => p.triage) };
}
