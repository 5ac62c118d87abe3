import { describe, expect, it } from 'vitest';
import { splitBody } from './quoted';

describe('quoted history', () => {
  it('drops «> » lines and everything after «… пишет:»', () => {
    const s = splitBody('Иванов 12.03 отработал 4 ч.\n\n12.03.2026, Инспектор пишет:\n> Петров не вышел?\n');
    expect(s.own).toBe('Иванов 12.03 отработал 4 ч.');
    expect(s.quotedRemoved).toBe(true);
  });

  it('drops an Outlook reply block («From: … Sent: …») and «-----Original Message-----»', () => {
    expect(splitBody('Да.\nFrom: a@b.ru\nSent: Monday\nTo: x\n\nстарое').own).toBe('Да.');
    expect(splitBody('Да.\n-----Original Message-----\nстарое').own).toBe('Да.');
  });

  it('keeps a forwarded message apart with its sender and date', () => {
    const s = splitBody(
      'Пересылаю.\n-------- Пересылаемое сообщение --------\nОт: Сомов <s@m.ru>\nДата: 12.11.2026 18:40\n\nКовалёв не вышел.\n',
    );
    expect(s.own).toBe('Пересылаю.');
    expect(s.forwarded).toEqual({
      from: 'Сомов <s@m.ru>',
      dateText: '12.11.2026 18:40',
      text: 'Ковалёв не вышел.',
    });
  });

  it('treats an Outlook block as a forward when the subject says FW:', () => {
    const s = splitBody(
      '\n-----Original Message-----\nFrom: k@b.ru\nSent: Monday, November 9, 2026 5:12 PM\n\nПетрова не вышла.',
      true,
    );
    expect(s.forwarded?.from).toBe('k@b.ru');
    expect(s.forwarded?.text).toBe('Петрова не вышла.');
  });
});
