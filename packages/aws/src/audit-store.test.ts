import { describe, expect, it } from 'vitest';
import { alertKey, auditItem, recipientsHash } from './audit-store';

describe('auditItem', () => {
  const item = auditItem(
    {
      jobId: 'job-7',
      kind: 'deadline.reminder',
      audience: 'officer',
      recipients: ['Petrov@UII70.example', 'boss@uii70.example', 'x@czn.example'],
      caseId: 'case-1',
      rule: 'job-search-30d',
    },
    new Date('2026-03-02T06:00:00.000Z'),
  );

  it('files the alert under its key, listed by month of the first claim, then time and job', () => {
    expect(item.pk).toBe(`ALERT#${alertKey('job-7')}`);
    expect(item.gsi1pk).toBe('AUDIT#2026-03');
    expect(item.gsi1sk).toBe('2026-03-02T06:00:00.000Z#job-7');
    expect(item.status).toBe('claimed');
  });

  it('keys alerts by a tag-safe hash that differs per job', () => {
    expect(alertKey('DEMO-1:CL-JOBSEARCH:reminder:2026-03-10')).toMatch(/^[a-f0-9]{40}$/);
    expect(alertKey('a')).not.toBe(alertKey('b'));
  });

  it('keeps who was told as domains and a hash, never the addresses', () => {
    expect(item.recipientDomains).toEqual(['czn.example', 'uii70.example']);
    expect(item.recipientCount).toBe(3);
    expect(JSON.stringify(item)).not.toMatch(/petrov|boss@/i);
    expect(item.recipientsHash).toBe(
      recipientsHash(['x@czn.example', 'petrov@uii70.example', 'boss@uii70.example']),
    );
  });
});
