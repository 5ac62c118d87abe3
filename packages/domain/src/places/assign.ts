import { ruDate } from '../calendar/dates';
import { listExpiredReasonRu } from './expiry';

/** What sending a convict to an agreed place needs to know about the place. */
export interface AssignablePlace {
  status: 'pending' | 'remarks' | 'consented' | 'refused';
  sentence: 'compulsory_labor' | 'corrective_labor';
  validFrom: string;
  validTo: string;
}

export interface PlaceAssignmentProblem {
  /** The form field the problem belongs beside: the case number or the date. */
  field: 'case' | 'date';
  message: string;
}

const SENTENCE_GEN = {
  compulsory_labor: 'обязательным работам',
  corrective_labor: 'исправительным работам',
} as const;

/**
 * Why a convict cannot be sent to a place on a date, in Russian, or undefined when they can:
 * the place must be consented and its list not ended (the caller says so in the municipality's
 * time zone), the case's sentence must be the place's, the date inside the agreed period and
 * not ahead of today. Free capacity is the store's conditional write (ADR 0035), since only it
 * sees the count at the moment of writing.
 */
export function assignmentProblem(input: {
  place: AssignablePlace;
  listEnded: boolean;
  caseId: string;
  /** The case's sentence code; undefined when the case has none. */
  caseSentence: string | undefined;
  date: string;
  today: string;
}): PlaceAssignmentProblem | undefined {
  const { place } = input;
  if (place.status !== 'consented')
    return { field: 'case', message: 'место не согласовано инспекцией: направлять на него нельзя' };
  if (input.listEnded)
    return {
      field: 'case',
      message: `${listExpiredReasonRu(place.validTo)}: направлять на это место нельзя`,
    };
  if (input.caseSentence !== place.sentence)
    return {
      field: 'case',
      message: `по делу ${input.caseId} назначены не ${place.sentence === 'compulsory_labor' ? 'обязательные' : 'исправительные'} работы: на это место направляют только осуждённых к ${SENTENCE_GEN[place.sentence]}`,
    };
  if (input.date > input.today)
    return { field: 'date', message: 'дата направления не может быть позже сегодняшнего дня' };
  if (input.date < place.validFrom)
    return {
      field: 'date',
      message: `дата направления раньше начала согласованного перечня (${ruDate(place.validFrom)})`,
    };
  if (input.date > place.validTo)
    return {
      field: 'date',
      message: `дата направления позже окончания согласованного перечня (${ruDate(place.validTo)})`,
    };
  return undefined;
}
