import { describe, expect, it } from 'vitest';
import { findKnownPeople, findNamePatterns, genderOf, initialsOnly, splitName, surnameForms } from './names';

const people = [
  { caseId: 'A', name: 'Иванов Иван Иванович' },
  { caseId: 'B', name: 'Иванова Ольга Николаевна' },
  { caseId: 'C', name: 'Белозёрский Артём Викторович' },
  { caseId: 'D', name: 'Шевченко Никита Юрьевич' },
];
const found = (text: string) =>
  findKnownPeople(text, people).map((m) => m.candidates.map((c) => c.person.caseId));

describe('surname declension', () => {
  it('declines a male -ов surname through its cases, and a female one only through hers', () => {
    expect(surnameForms('Иванов', 'm').sort()).toEqual([
      'иванов',
      'иванова',
      'иванове',
      'иванову',
      'ивановым',
    ]);
    expect(surnameForms('Иванова', 'f').sort()).toEqual(['иванова', 'ивановой', 'иванову']);
  });

  it('declines -ский adjectival surnames and leaves -ко surnames as they are', () => {
    expect(surnameForms('Белозерский', 'm')).toContain('белозерского');
    expect(surnameForms('Шевченко', 'm')).toEqual(['шевченко']);
  });

  it('reads gender from the patronymic', () => {
    expect(genderOf(splitName('Иванова Ольга Николаевна'))).toBe('f');
    expect(genderOf(splitName('Шевченко Никита Юрьевич'))).toBe('m');
  });
});

describe('finding the worksite’s people in text', () => {
  it('tells Иванов from Иванова by the initials written beside the name', () => {
    expect(found('Иванову И.И. поставлен прогул')).toEqual([['A']]);
    expect(found('Ивановой О.Н. поставлен прогул')).toEqual([['B']]);
    expect(found('О.Н. Иванова не вышла')).toEqual([['B']]);
  });

  it('leaves «Иванова» without initials ambiguous between the man (genitive) and the woman', () => {
    expect(found('Иванова не было на работе').map((c) => c.sort())).toEqual([['A', 'B']]);
  });

  it('folds ё to е and letter case, and forgives one typo in a long surname', () => {
    expect(found('белозерскому А.В.')).toEqual([['C']]);
    expect(found('Белозерский Артем')).toEqual([['C']]);
    expect(findKnownPeople('Шевченка Н.Ю.', people)[0]?.candidates[0]?.distance).toBe(1);
  });

  it('rejects a namesake whose initials disagree', () => {
    expect(found('Иванов П.С. не вышел')).toEqual([]);
  });
});

describe('names without a registry', () => {
  it('finds «Фамилия И.О.», «И.О. Фамилия» and full names, not greetings or signatures words', () => {
    const names = findNamePatterns(
      'Сообщаем: Петров П.П., И.И. Сидоров и Ковалёв Дмитрий Олегович не вышли.',
    ).map((m) => m.text);
    expect(names).toEqual(['Петров П.П.', 'И.И. Сидоров', 'Ковалёв Дмитрий Олегович']);
  });

  it('shows only initials in acknowledgments', () => {
    expect(initialsOnly('Иванов Иван Иванович')).toBe('Иванов И. И.');
  });
});
