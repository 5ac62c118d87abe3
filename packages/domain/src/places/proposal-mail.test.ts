import { describe, expect, it } from 'vitest';
import { OFFICER_FOOTER } from '../alerts/deadline-message';
import { type ProposedPlaceLine, placeProposalJob, placeProposalMail } from './proposal-mail';

const person = { lastName: 'Образцов', firstName: 'пётр', middleName: 'Ильич' };
const green: ProposedPlaceLine = {
  placeId: 'PL-e6b6e14374563ec6',
  organisation: 'МБУ «Томскзеленстрой»',
  address: 'г. Томск, ул. Ленина, 1',
  distanceKm: 2.46,
  workplacesLeft: 1,
  workplaces: 5,
  validTo: '2027-12-31',
  kindsOfWork: ['благоустройство', 'озеленение'],
};
const far: ProposedPlaceLine = {
  placeId: 'PL-0000000000000002',
  organisation: 'ООО «Дорога <и> мост»',
  address: 'с. Кафтанчиково',
  distanceKm: null,
  workplacesLeft: 3,
  workplaces: 3,
  validTo: '2027-06-30',
};

describe('placeProposalMail', () => {
  it('names the person by surname and initials in the subject, no CLI, no bracketed rule', () => {
    const m = placeProposalMail({ caseId: 'EN-OR-2', person, places: [green, far] });
    expect(m.subject).toBe('CW-START: места для обязательных работ — дело EN-OR-2 (Образцов П. И.)');
    expect(m.text).not.toMatch(/uii places|--case|\[CW-START\]/);
    expect(m.text).not.toContain('Ильич');
    expect(m.text).toContain('По делу EN-OR-2 (Образцов П. И.) назначено отбывание обязательных работ');
    expect(m.text).toContain('(УИК РФ ст. 25 ч. 1): 2 места, ближайшие к месту жительства — первыми.');
  });

  it('names each place by organisation, address, free places and why; the id only as a reference', () => {
    const m = placeProposalMail({ caseId: 'EN-OR-2', person, places: [green, far] });
    const lines = m.text.split('\n');
    expect(lines).toContain('1. МБУ «Томскзеленстрой» — г. Томск, ул. Ленина, 1');
    expect(lines).toContain(
      '   Почему: 2,5 км от места жительства; свободно 1 рабочее место из 5; перечень согласован до 31.12.2027',
    );
    expect(lines).toContain('   Виды работ: благоустройство, озеленение');
    expect(lines).toContain(
      '   Направить: «Места» → МБУ «Томскзеленстрой» → «Направить осуждённого» (дело EN-OR-2)',
    );
    expect(lines).toContain('   Код места: PL-e6b6e14374563ec6');
    expect(lines).toContain(
      '   Почему: расстояние неизвестно (нет координат); свободно 3 рабочих места из 3; перечень согласован до 30.06.2027',
    );
    // The first place's id comes after its name, never as the line's head.
    expect(lines.some((l) => /^\d+\. PL-/.test(l))).toBe(false);
    expect(m.text.trimEnd().endsWith(OFFICER_FOOTER.ru)).toBe(true);
  });

  it('escapes what came from the municipality in the HTML part', () => {
    const m = placeProposalMail({ caseId: 'EN-OR-2', person, places: [far] });
    expect(m.html).toContain('ООО «Дорога &lt;и&gt; мост»');
    expect(m.html).not.toContain('<и>');
    expect(m.html).toContain(OFFICER_FOOTER.ru);
    expect(m.html).toContain('<html lang="ru">');
  });

  it('speaks English to an officer whose directory language is en', () => {
    const m = placeProposalMail({ caseId: 'EN-OR-2', person, places: [green], lang: 'en' });
    expect(m.subject).toBe('CW-START: places for compulsory labour — case EN-OR-2 (Образцов П. И.)');
    expect(m.text).toContain('Why: 2.5 km from home; 1 free workplace of 5; list agreed until 31.12.2027');
    expect(m.text).toContain(
      '«Места» (Places) → МБУ «Томскзеленстрой» → «Направить осуждённого» (Send a convict), case EN-OR-2',
    );
    expect(m.text).toContain(OFFICER_FOOTER.en);
    expect(m.text).not.toMatch(/Почему|Что сделать|Сообщение uii-connect/);
    expect(m.html).toContain('<html lang="en">');
  });

  it('says plainly when there is no place, and what to do instead', () => {
    const ru = placeProposalMail({ caseId: '77', person, places: [] });
    expect(ru.subject).toBe(
      'CW-START: согласованных мест для обязательных работ со свободными местами нет — дело 77 (Образцов П. И.)',
    );
    expect(ru.text).toContain('Что сделать: запросите у органа местного самоуправления места');
    expect(placeProposalMail({ caseId: '77', places: [], lang: 'en' }).subject).toBe(
      'CW-START: no agreed places with room for compulsory labour — case 77',
    );
  });

  it('is one job per case and day, in the officer’s language', () => {
    const job = placeProposalJob({
      caseId: 'EN-OR-2',
      person,
      places: [green],
      lang: 'en',
      to: ['o@uii.example'],
      today: '2026-11-18',
    });
    expect(job).toMatchObject({
      id: 'place-proposal:EN-OR-2:2026-11-18',
      kind: 'place.proposal',
      lang: 'en',
      rule: 'CW-START',
    });
    expect(job.reason).not.toContain('Образцов');
  });
});
