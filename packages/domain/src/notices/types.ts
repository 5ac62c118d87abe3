import type { OutcomeCode } from '../outcomes/index';

/** One thing a worksite reported: an absence (or discipline breach) or hours worked on a day. */
export interface NoticeItem {
  kind: 'absence' | 'hours';
  person: { name: string | null; caseId: string | null };
  date: string | null;
  hours: number | null;
  outcome: OutcomeCode | null;
  reasonText: string | null;
  /** 0..1; items under the threshold go to triage instead. */
  confidence: number;
  /** The sentence or table row it came from (kept for triage and audit, never logged). */
  source: string;
}

/** Something the officer must look at: the original text and why it was not applied. */
export interface TriageEntry {
  text: string;
  why: string;
  /** The best guess, when there was one (resolving a triage entry starts from it). */
  guess?: NoticeItem;
  /** An attachment kept as evidence (a scan, a PDF): the officer opens it in the stored mail. */
  attachment?: { filename: string; contentType: string; size: number };
}

export interface NoticeParse {
  items: NoticeItem[];
  triage: TriageEntry[];
}

export interface ExtractContext {
  /** The mail's Date header as a Moscow calendar date: «вчера» counts from it. */
  mailDate: string | null;
  /** The worksite's assigned people; absent → match by name only (no case ids unless written). */
  people?: ReadonlyArray<{ caseId: string; name: string }>;
  /** Items below this confidence go to triage. */
  threshold?: number;
  /** Rows read from one table; the rest are reported to triage. */
  maxRows?: number;
  /** A period longer than this many days goes to triage for confirmation (default 7). */
  maxPeriodDays?: number;
  /** The mail's legend of table codes («н/я — неявка»), folded code → meaning. */
  legend?: ReadonlyMap<string, string>;
  /** The subject: a month grid may say its month only there («Табель за ноябрь»). */
  subject?: string;
}

export const DEFAULT_THRESHOLD = 0.7;
