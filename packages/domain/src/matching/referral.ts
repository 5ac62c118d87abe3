import { ruDate } from '../calendar/dates';
import type { Case, Person } from '../cases/case';
import { plural } from '../text/plural';
import type { Vacancy } from '../vacancies/schema';

/** A document as blocks, so the CLI can write DOCX (docx) and tests can read it as text. */
export type DocBlock =
  | { kind: 'heading'; text: string }
  | { kind: 'right'; lines: string[] }
  | { kind: 'paragraph'; text: string }
  | { kind: 'signature'; left: string; right: string }
  | { kind: 'cut'; text: string };

export interface ReferralInput {
  case: Case;
  person?: Person;
  vacancy: Vacancy;
  date: string;
  inspectionName?: string;
  /** Days to report to the employer (CL-START, УИК 46). */
  startDays?: number;
}

const fullName = (p?: Person) =>
  p ? [p.lastName, p.firstName, p.middleName].filter(Boolean).join(' ') : '____________________';

/**
 * The «предписание» sending a corrective-labour convict to an employer (УИК 39 p. 2), in the
 * shape inspections use: addressee, body with sentence terms, the 5-day duty to report (УИК 46),
 * the employer's duty to report the hiring, signatures, and a tear-off slip for the employer
 * to return. No offence, no address of the person: the employer needs neither.
 */
export function referralDraft(input: ReferralInput): { title: string; blocks: DocBlock[] } {
  const { vacancy: v, case: c } = input;
  const start = input.startDays ?? 5;
  const name = fullName(input.person);
  const where = v.addresses[0]?.location;
  const term = c.termMonths
    ? `${c.termMonths} ${plural(c.termMonths, ['месяц', 'месяца', 'месяцев'])}`
    : '____';
  const deduction = c.deductionPercent ? `${c.deductionPercent} %` : '___ %';
  const inspection = input.inspectionName ?? 'Уголовно-исполнительная инспекция';
  const title = `Предписание о направлении на работу — дело ${c.id}`;
  const blocks: DocBlock[] = [
    { kind: 'right', lines: [inspection] },
    {
      kind: 'right',
      lines: [
        `Руководителю ${v.company.name ?? '____________________'}`,
        ...(v.company.inn ? [`ИНН ${v.company.inn}`] : []),
        ...(where ? [where] : []),
      ],
    },
    { kind: 'heading', text: 'ПРЕДПИСАНИЕ' },
    { kind: 'paragraph', text: `№ ______ от ${ruDate(input.date)}` },
    {
      kind: 'paragraph',
      text:
        `В соответствии с частью 2 статьи 39 Уголовно-исполнительного кодекса Российской Федерации ` +
        `направляется осуждённый(ая) ${name} для отбывания наказания в виде исправительных работ ` +
        `сроком ${term} с удержанием ${deduction} заработной платы в доход государства.`,
    },
    {
      kind: 'paragraph',
      text: `Прошу принять на работу по профессии (должности): ${v.jobName} (вакансия ${v.id}${v.professionCode ? `, код ОКПДТР ${v.professionCode}` : ''}).`,
    },
    {
      kind: 'paragraph',
      text:
        `Осуждённый обязан явиться к работодателю не позднее ${start} ${plural(start, ['дня', 'дней', 'дней'])} ` +
        `со дня получения предписания (статья 46 УИК РФ). О приёме на работу (дата и номер приказа) или об отказе ` +
        `в приёме с указанием причины прошу сообщить в инспекцию, заполнив и вернув отрывную часть.`,
    },
    { kind: 'signature', left: 'Начальник инспекции', right: '______________ / ______________' },
    { kind: 'paragraph', text: `Предписание получил(а): ______________ (${name}) «___» __________ 20__ г.` },
    { kind: 'cut', text: '— — — — — — — — — — линия отреза — — — — — — — — — —' },
    {
      kind: 'paragraph',
      text: `В ${inspection}. Осуждённый(ая) ${name} (дело ${c.id}) принят(а) на работу по профессии (должности) ${v.jobName}, приказ № ______ от «___» __________ 20__ г. / в приёме отказано, причина: ______________________`,
    },
    { kind: 'signature', left: `Руководитель ${v.company.name ?? ''}`.trim(), right: '______________ М.П.' },
  ];
  return { title, blocks };
}
