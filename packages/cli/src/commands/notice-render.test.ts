import type { QuarantineRecord } from '@uii/aws/mail-store';
import { OUTCOMES } from '@uii/domain';
import type { ParsedNotice } from '@uii/mail';
import { describe, expect, it } from 'vitest';
import { renderNotice, renderQuarantine } from './notice-render';

describe('notice output for people', () => {
  it('dates as ДД.ММ.ГГГГ and outcomes in words, never codes', () => {
    // Every outcome, not a random one: a failure must reproduce.
    for (const outcome of OUTCOMES) {
      const notice = {
        from: 'site@obj.example',
        authenticated: true,
        authentication: { reason: 'DKIM' },
        worksite: { id: 'W-1', name: 'Объект' },
        date: '2026-03-04',
        items: [
          {
            kind: 'absence',
            outcome: outcome.code,
            date: '2026-03-03',
            person: { name: 'Иванов' },
            confidence: 0.9,
          },
          {
            kind: 'hours',
            hours: 3.5,
            date: '2026-03-02',
            person: { name: 'Петров', caseId: 'C-2' },
            confidence: 1,
          },
        ],
        triage: [],
      } as unknown as ParsedNotice;
      const out = renderNotice(notice);
      expect(out).toContain('04.03.2026');
      expect(out).toContain(`03.03.2026 Иванов: ${outcome.name_ru.toLowerCase()}`);
      expect(out).toContain('02.03.2026 Петров [C-2]: 3,5 ч');
      expect(out).not.toContain(outcome.code);
      expect(out).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    }
  });
  it('quarantine times with their zone', () => {
    const out = renderQuarantine([
      {
        receivedAt: '2026-03-04T21:30:00.000Z',
        from: 'x@y.example',
        subject: 'Тема',
        why: 'почему',
        sesMessageId: 'm-1',
      },
    ] as QuarantineRecord[]);
    expect(out).toMatch(/^04\.03\.2026 21:30 \(UTC\)/);
  });
});
