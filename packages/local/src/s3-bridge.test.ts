import { describe, expect, it } from 'vitest';
import { encodeEventKey, eventMatches, matchingNotifications } from './s3-bridge';

describe('S3 notification matching', () => {
  const notifications = [
    { bucket: 'uploads', queue: 'feed-intake', events: ['s3:ObjectCreated:*'], prefix: 'uploads/' },
  ];

  it('matches created objects under the prefix only', () => {
    expect(
      matchingNotifications(notifications, 'uploads', 'uploads/70/a.json', 'ObjectCreated:Put'),
    ).toHaveLength(1);
    expect(matchingNotifications(notifications, 'uploads', 'other/a.json', 'ObjectCreated:Put')).toHaveLength(
      0,
    );
    expect(
      matchingNotifications(notifications, 'uploads', 'uploads/70/a.json', 'ObjectRemoved:Delete'),
    ).toHaveLength(0);
    expect(
      matchingNotifications(notifications, 'inbound-mail', 'uploads/a', 'ObjectCreated:Put'),
    ).toHaveLength(0);
  });

  it('matches exact event names too', () => {
    expect(eventMatches(['s3:ObjectCreated:Put'], 'ObjectCreated:Put')).toBe(true);
    expect(eventMatches(['s3:ObjectCreated:Put'], 'ObjectCreated:Copy')).toBe(false);
  });

  it('encodes keys as S3 does in events: + for spaces, slashes kept, UTF-8 percent-encoded', () => {
    expect(encodeEventKey('uploads/70/май 2026.csv')).toBe('uploads/70/%D0%BC%D0%B0%D0%B9+2026.csv');
  });
});
