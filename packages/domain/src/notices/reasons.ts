import type { OutcomeCode } from '../outcomes/index';
import { fold } from './text';

export type EventKind = 'absence' | 'breach' | 'hours' | null;

const ABSENCE =
  /(не\s+вы(шел|шла|шли|ходил|ходила|ходили)|отпросил(ся|ась)|не\s+яви(лся|лась|лись)|не\s+(при|за)(шел|шла|шли|ходил)|не\s+был[аи]?\s+на\s+работе|отсутствова|отсутстви|неявк|прогул|не\s+отработал)/;
const BREACH =
  /(нарушени[ея]?\s+(трудовой\s+)?дисциплин|наруши(л|ла)\s+(трудовую\s+)?дисциплин|нетрезв|опьянен|самовольно\s+(покинул|ушел|ушла)|отстран(ен|ена|ены|ил|или|ять)?\s+от\s+(работ|выполнен)|появил(ся|ась)\s+[^.;]{0,40}?(нетрезв|пьян|опьянен)|отказал(ся|ась)\s+(от\s+)?выполн|отказал(ся|ась)\s+от\s+работ|от\s+работ[ыа]\s+отказал|(ушел|ушла|покинул|покинула)\s+(раньше|до\s+окончания|с\s+(объекта|работы|рабочего\s+места)[^.;]{0,30}?без\s+разрешени)|без\s+разрешения\s+(ушел|ушла|покинул))/;
const WORKED = /(отработа|работал|вышел\s+на\s+работу|вышла\s+на\s+работу)/;
const ILL = /(бол(ен|ьна|ел|ела|еет|езн)|заболе|больничн|нетрудоспособн|орви|грипп|температур|госпитализ)/;
const SICK_DOC = /(больничн|листок\s+нетрудоспособности|лист\s+нетрудоспособности|справк)/;
const DOC = /(справк|повестк|документ|свидетельств|приказ|выписк)/;
const NO_DOC =
  /((не\s+(предо?ставил|предо?ставила|принес|принесла|предъявил|предъявила))|без\s+(справки|больничного|документ)|документов\s+нет|отсутству[а-я]*\s+документ)/;
/** A document only promised («справка будет представлена позже», «копию приложим») is not yet provided. */
const DOC_PROMISED =
  /((?<![а-я])будет(?![а-я])|будут(?![а-я])|обещал[а-я]*|(?<![а-я])потом(?![а-я])|(пред|при)[а-я]*\s+позже|позже\s+(пред|при|прине)[а-я]*|обеща[а-я]*\s+(пред|при|прине)|пред(о)?стави[тм](?![а-я])|принес[еу]т|приложим|донес[еу]т|(пока|еще)\s+не\s+(пред|при|прине)|откро(ет|ют)|оформ(ит|ят)|завтра)/;
/** «это не прогул», «не является прогулом»: the word is there, the verdict is not. */
const NEGATED_UNEXCUSED = /не\s+(является\s+)?прогул[а-я]*/g;
const VALID = /(уважительн|похорон|военкомат|вызов\s+в\s+суд|повестк|донор|смерт|родил|свадьб)/;
const UNEXCUSED =
  /(без\s+уважительн|неуважительн|прогул|без\s+(каких-либо\s+)?причин|причин[а-я]*\s+не\s+уважительн|уважительн[а-я]*\s+причин[а-я]*\s+нет|не\s+имеет\s+уважительн)/;
const UNKNOWN =
  /(причин[а-я]*\s+(не\s*известн|неизвестн|не\s+сообщ|не\s+установ|выясня)|не\s+выходит\s+на\s+связь|на\s+связь\s+не\s+выход|не\s+отвечает)/;

export function eventKind(text: string): EventKind {
  const t = fold(text);
  if (BREACH.test(t)) return 'breach';
  if (ABSENCE.test(t) || (ILL.test(t) && !WORKED.test(t))) return 'absence';
  if (WORKED.test(t)) return 'hours';
  return null;
}

/** Both work done and a day missed in one text («16.11 отработал 4 часа, 17.11 не вышел»). */
export function mixedKinds(text: string): boolean {
  const t = fold(text);
  const positive = t.replace(/не\s+(вы(шел|шла|шли)\s+на\s+работу|отработа[а-я]*|работал[а-я]*)/g, ' ');
  return WORKED.test(positive) && (ABSENCE.test(t) || BREACH.test(t));
}

export interface Reason {
  outcome: OutcomeCode;
  /** The words that carried the reason, for the officer and the event's reasonText. */
  reasonText: string | null;
}

/**
 * Maps what the worksite wrote to an outcome code (DOMAIN.md): illness with a sick note;
 * another valid reason with a document; no valid reason; and — when the reason is not
 * stated or a claimed reason has no document yet — not yet known, which the officer resolves.
 */
export function classifyAbsence(text: string): Reason {
  const t = fold(text).replace(NEGATED_UNEXCUSED, ' ');
  const reasonText = reasonPhrase(text);
  if (UNEXCUSED.test(t)) return { outcome: 'absent_unexcused', reasonText };
  if (UNKNOWN.test(t)) return { outcome: 'absent_unknown', reasonText };
  const noDoc = NO_DOC.test(t) || DOC_PROMISED.test(t);
  if (ILL.test(t)) {
    return { outcome: SICK_DOC.test(t) && !noDoc ? 'absent_sick_note' : 'absent_unknown', reasonText };
  }
  if (VALID.test(t) || DOC.test(t)) {
    return { outcome: DOC.test(t) && !noDoc ? 'absent_excused' : 'absent_unknown', reasonText };
  }
  return { outcome: 'absent_unknown', reasonText };
}

/** The reason clause: after «причина:», «по причине», «в связи с», or the whole remark. */
export function reasonPhrase(text: string): string | null {
  const m = text.match(
    /(?:причин[аы]\s*[:—-]\s*|по\s+причине\s+|в\s+связи\s+с\s+|так\s+как\s+|т\.\s?к\.\s*)(.+)$/i,
  );
  const phrase = (m ? m[1]! : text).trim().replace(/[.;,\s]+$/, '');
  return phrase.length > 0 ? phrase.slice(0, 300) : null;
}

/** A table cell in the «причина» column, or an hours cell written as a word («неявка», «Н», «Б»). */
export function classifyCell(text: string): Reason {
  const t = fold(text).trim();
  if (/^(н|нн|пр|прогул)$/.test(t)) return { outcome: 'absent_unexcused', reasonText: text.trim() };
  if (/^(б|бл)$/.test(t)) return { outcome: 'absent_sick_note', reasonText: text.trim() };
  const r = classifyAbsence(text);
  return { ...r, reasonText: text.trim() || null };
}
