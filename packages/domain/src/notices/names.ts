import { editDistance, fold, type Token, typoAllowance, words } from './text';

export type Gender = 'm' | 'f' | 'unknown';

export interface PersonName {
  surname: string;
  first?: string;
  patronymic?: string;
}

export function splitName(full: string): PersonName {
  const [surname = '', first, patronymic] = full.trim().split(/\s+/);
  return { surname, first, patronymic };
}

/** Gender from the patronymic, else from the first name's ending (Russian names). */
export function genderOf(name: PersonName): Gender {
  const p = name.patronymic ? fold(name.patronymic) : '';
  if (/(вич|ич|оглы)$/.test(p)) return 'm';
  if (/(вна|чна|кызы)$/.test(p)) return 'f';
  const s = fold(name.surname);
  if (/(ова|ева|ина|ына|ская|цкая)$/.test(s)) return 'f';
  if (/(ов|ев|ин|ын|ский|цкий)$/.test(s)) return 'm';
  const f = name.first ? fold(name.first) : '';
  if (!f) return 'unknown';
  return /[ая]$/.test(f) && !/^(никита|илья|кузьма|фома|лука|савва)$/.test(f) ? 'f' : 'm';
}

/**
 * Every grammatical case of a Russian surname, for the gender it belongs to. Female
 * «Иванова» declines Иванова/Ивановой/Иванову; male «Иванов» declines
 * Иванов/Иванова/Иванову/Ивановым/Иванове — so «Иванова» alone fits both, and the
 * caller must use initials to tell them apart.
 */
export function surnameForms(surname: string, gender: Gender): string[] {
  const s = fold(surname);
  const forms = new Set([s]);
  const add = (stem: string, endings: string[]) => {
    for (const e of endings) forms.add(stem + e);
  };
  // Declension patterns, tried in order: [surname ending, gender it applies to, stem, endings].
  const rules: Array<[RegExp, (g: Gender) => boolean, string[]]> = [
    [/^(.+(?:ов|ев|ин|ын))$/, (g) => g !== 'f', ['а', 'у', 'ым', 'е']],
    [/^(.+(?:ов|ев|ин|ын))а$/, () => true, ['ой', 'у']],
    [/^(.+[сц]к)ий$/, () => true, ['ого', 'ому', 'им', 'ом']],
    [/^(.+[сц]к)ая$/, () => true, ['ой', 'ую']],
    [/^(.+)(?:ый|ой)$/, (g) => g !== 'f', ['ого', 'ому', 'ым', 'ом']],
    [/^(.+[бвгджзклмнпрстфхцчшщ])$/, (g) => g === 'm', ['а', 'у', 'ом', 'ем', 'е']],
    [/^(.+)ь$/, (g) => g === 'm', ['я', 'ю', 'ем', 'е']],
  ];
  for (const [pattern, applies, endings] of rules) {
    const m = s.match(pattern);
    if (m && applies(gender)) {
      add(m[1]!, endings);
      break;
    }
  }
  return [...forms];
}

/** A stem of a first name good enough to recognise its cases (Иван/Ивана/Ивану, Мария/Марии). */
export function firstNameStem(first: string): string {
  const f = fold(first);
  return f.length > 3 ? f.replace(/[аяйьео]$/, '') : f;
}

export interface NameMention {
  /** The text as written, e.g. «Иванову И.И.». */
  text: string;
  start: number;
  end: number;
  /** Letters of the initials or first names that follow or precede the surname. */
  initials: string[];
  surnameToken: Token;
  /** True when a full first name (not just an initial) was written. */
  hasFirstName: boolean;
}

const INITIALS_AFTER = /^\s*([А-ЯЁA-Z])\.(?:\s?([А-ЯЁA-Z])(?![а-яё])\.?)?/;
const INITIALS_BEFORE = /([А-ЯЁ])\.\s?(?:([А-ЯЁ])\.\s?)?$/;

/** Initials or first-name/patronymic words next to a surname token. */
export function neighbours(
  text: string,
  tokens: Token[],
  index: number,
): { initials: string[]; hasFirstName: boolean; end: number; start: number } {
  const tok = tokens[index]!;
  const after = text.slice(tok.end, tok.end + 8);
  const ia = after.match(INITIALS_AFTER);
  if (ia) {
    return {
      initials: [ia[1]!, ia[2]].filter(Boolean).map((x) => fold(x!)),
      hasFirstName: false,
      start: tok.start,
      end: tok.end + ia[0].length,
    };
  }
  const before = text.slice(Math.max(0, tok.start - 8), tok.start);
  const ib = before.match(INITIALS_BEFORE);
  if (ib) {
    return {
      initials: [ib[1]!, ib[2]].filter(Boolean).map((x) => fold(x!)),
      hasFirstName: false,
      start: tok.start - ib[0].length,
      end: tok.end,
    };
  }
  // Capitalised words right after: a first name and maybe a patronymic.
  const names: string[] = [];
  let end = tok.end;
  for (let j = index + 1; j < tokens.length && names.length < 2; j++) {
    const t = tokens[j]!;
    if (!/^[А-ЯЁ]/.test(t.text) || !/^\s+$/.test(text.slice(end, t.start))) break;
    names.push(t.norm);
    end = t.end;
  }
  return {
    initials: names.map((n) => n[0]!),
    hasFirstName: names.length > 0,
    start: tok.start,
    end,
  };
}

// Capitalised words that open sentences or name things, never surnames.
const NOT_SURNAMES = new Set(
  'сообщаем сообщаю просим прошу уважаемые уважаемый добрый доброе здравствуйте сегодня вчера позавчера итого также так осужденный осужденная осужденные гражданин гражданка работник работница мастер начальник директор отработал отработала отработали часов часа причина дата фио примечание понедельник вторник среда среду четверг пятница пятницу суббота субботу воскресенье'.split(
    ' ',
  ),
);

/**
 * Names written the usual Russian ways, without a registry to compare to:
 * «Иванов И.И.», «И.И. Иванов», «Иванов Иван Иванович», «Иванов Иван».
 */
export function findNamePatterns(text: string): NameMention[] {
  const tokens = words(text);
  const out: NameMention[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i]!;
    if (!/^[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?$/.test(tok.text) || NOT_SURNAMES.has(tok.norm)) continue;
    const n = neighbours(text, tokens, i);
    const next = tokens[i + 1];
    const third = tokens[i + 2];
    const fullName =
      n.hasFirstName &&
      next &&
      ((third && n.initials.length === 2 && /(вич|вна|ична|инична|оглы|кызы)$/.test(third.norm)) ||
        /(ов|ев|ин|ын|ова|ева|ина|ына|ский|ская|цкий|цкая|ой|ую|ому|ым)$/.test(tok.norm));
    if (n.initials.length > 0 && (!n.hasFirstName || fullName)) {
      out.push({
        text: text.slice(n.start, n.end),
        start: n.start,
        end: n.end,
        initials: n.initials,
        surnameToken: tok,
        hasFirstName: n.hasFirstName,
      });
      if (n.hasFirstName) i += n.initials.length;
    }
  }
  return out;
}

export interface KnownPerson {
  caseId: string;
  name: string;
}

export interface PersonMatch {
  mention: NameMention;
  candidates: Array<{ person: KnownPerson; distance: number; initialsAgree: boolean | null }>;
}

interface Prepared {
  person: KnownPerson;
  forms: string[];
  initials: string[];
  firstStem: string | null;
}

function prepare(people: readonly KnownPerson[]): Prepared[] {
  return people.map((person) => {
    const n = splitName(person.name);
    return {
      person,
      forms: surnameForms(n.surname, genderOf(n)),
      initials: [n.first, n.patronymic].filter(Boolean).map((x) => fold(x!)[0]!),
      firstStem: n.first ? firstNameStem(n.first) : null,
    };
  });
}

/**
 * Finds the worksite's assigned people in free text: any grammatical case of the surname,
 * with ё/е and letter case folded and small misspellings allowed, then checked against the
 * initials or first name written beside it.
 */
export function findKnownPeople(text: string, people: readonly KnownPerson[]): PersonMatch[] {
  const prepared = prepare(people);
  const tokens = words(text);
  const out: PersonMatch[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i]!;
    if (tok.norm.length < 3 || NOT_SURNAMES.has(tok.norm)) continue;
    const candidates: PersonMatch['candidates'] = [];
    const n = neighbours(text, tokens, i);
    for (const p of prepared) {
      let best = Number.POSITIVE_INFINITY;
      for (const form of p.forms) best = Math.min(best, editDistance(tok.norm, form, 2));
      const allowed = /^[А-ЯЁ]/.test(tok.text) ? typoAllowance(tok.norm.length) : 0;
      if (best > allowed) continue;
      let initialsAgree: boolean | null = null;
      if (n.initials.length > 0) {
        const firstOk = n.hasFirstName
          ? p.firstStem !== null &&
            editDistance(fold(tokens[i + 1]!.norm).slice(0, p.firstStem.length), p.firstStem, 1) <=
              typoAllowance(p.firstStem.length)
          : p.initials[0] === n.initials[0];
        const secondOk =
          n.initials[1] === undefined || p.initials[1] === undefined || p.initials[1] === n.initials[1];
        initialsAgree = firstOk && secondOk;
      }
      if (initialsAgree === false) continue;
      candidates.push({ person: p.person, distance: best, initialsAgree });
    }
    if (candidates.length === 0) continue;
    out.push({
      mention: {
        text: text.slice(n.start, n.end),
        start: n.start,
        end: n.end,
        initials: n.initials,
        surnameToken: tok,
        hasFirstName: n.hasFirstName,
      },
      candidates,
    });
    if (n.hasFirstName) i += n.initials.length;
  }
  return out;
}

/** «Иванов Иван Иванович» → «Иванов И. И.» — what acknowledgments may show. */
export function initialsOnly(full: string): string {
  const n = splitName(full);
  const init = [n.first, n.patronymic]
    .filter(Boolean)
    .map((x) => `${x![0]!.toUpperCase()}.`)
    .join(' ');
  return init ? `${n.surname} ${init}` : n.surname;
}
