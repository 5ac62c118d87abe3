import { describe, expect, it } from 'vitest';
import { classifyAbsence, classifyCell, eventKind } from './reasons';

const outcome = (t: string) => classifyAbsence(t).outcome;

describe('reasons → outcome codes', () => {
  it('illness with a sick note is excused; illness without one is not yet known', () => {
    expect(outcome('по болезни, больничный лист предоставлен')).toBe('absent_sick_note');
    expect(outcome('говорит, что болел, справку не представил')).toBe('absent_unknown');
    expect(outcome('заболел')).toBe('absent_unknown');
  });

  it('another valid reason needs its document', () => {
    expect(outcome('вызов в суд, предъявил повестку')).toBe('absent_excused');
    expect(outcome('по уважительной причине, документов нет')).toBe('absent_unknown');
  });

  it('no valid reason and unknown reason', () => {
    expect(outcome('без уважительной причины')).toBe('absent_unexcused');
    expect(outcome('прогул')).toBe('absent_unexcused');
    expect(outcome('причина неизвестна')).toBe('absent_unknown');
    expect(outcome('не вышел на работу')).toBe('absent_unknown');
  });

  it('a document only promised is not a document provided', () => {
    expect(outcome('по уважительной причине, справка будет представлена позже')).toBe('absent_unknown');
    expect(outcome('болеет, больничный обещал принести')).toBe('absent_unknown');
    expect(outcome('заболел, больничный откроет завтра')).toBe('absent_unknown');
    expect(outcome('повестка в суд, копию приложим')).toBe('absent_unknown');
  });

  it('«не прогул» is not a truancy', () => {
    expect(outcome('это не прогул — больничный лист представлен')).toBe('absent_sick_note');
    expect(outcome('причина не уважительная')).toBe('absent_unexcused');
  });

  it('reads timesheet letters in a table cell', () => {
    expect(classifyCell('Н').outcome).toBe('absent_unexcused');
    expect(classifyCell('Б').outcome).toBe('absent_sick_note');
  });

  it('tells absences, breaches and hours apart', () => {
    expect(eventKind('не вышел на работу')).toBe('absence');
    expect(eventKind('появился в нетрезвом виде')).toBe('breach');
    expect(eventKind('отработал 4 часа')).toBe('hours');
    expect(eventKind('С уважением, мастер')).toBe(null);
    expect(eventKind('ушёл с объекта в 11:00 без разрешения мастера')).toBe('breach');
  });
});
