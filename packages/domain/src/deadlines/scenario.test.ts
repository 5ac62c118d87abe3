import { describe, expect, it } from 'vitest';
import { parseScenario, ScenarioError } from './scenario';

const input = (events: unknown[], extra: Record<string, unknown> = {}) => ({
  case: { id: 'X', sentence: 'compulsory_labor', hoursOrdered: 60 },
  events,
  asOf: '2026-03-10',
  ...extra,
});

const why = (json: unknown): ScenarioError => {
  try {
    parseScenario(json);
  } catch (error) {
    if (error instanceof ScenarioError) return error;
    throw error;
  }
  throw new Error('parsed');
};

describe('parseScenario tells an officer which field is wrong, in Russian', () => {
  it('names the event and field of a wrong hours value', () => {
    const e = why(
      input([
        { type: 'work_started', date: '2026-03-02' },
        { type: 'hours_reported', date: '2026-03-02', hours: '4' },
      ]),
    );
    expect(e.field).toBe('events[1].hours');
    expect(e.message).toMatch(/^events\[1\]\.hours: .*число/);
  });

  it('lists the event types there are when the type is unknown', () => {
    const e = why(input([{ type: 'party', date: '2026-03-02' }]));
    expect(e.field).toBe('events[0].type');
    expect(e.message).toContain('неизвестный тип события "party"');
    expect(e.message).toContain('hours_reported');
  });

  it('says a required field is missing rather than "received undefined"', () => {
    const e = why({ case: { id: 'X', sentence: 'corrective_labor' }, events: [] });
    expect(e.field).toBe('asOf');
    expect(e.message).toContain('обязательное поле отсутствует');
  });

  it('rejects an impossible date', () => {
    expect(why(input([{ type: 'work_started', date: '2026-02-30' }])).field).toBe('events[0].date');
  });
});
