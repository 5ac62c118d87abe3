import { describe, expect, it } from 'vitest';
import { aligned, authenticate, organisationalDomain, parseAuthenticationResults } from './trust';

const own = (rest: string) => `amazonses.com; ${rest}`;
const judge = (from: string, ...headers: string[]) =>
  authenticate({ from: [from], fromHeaders: 1, authResults: headers });

describe('Authentication-Results (RFC 8601)', () => {
  it("reads methods, properties and SES's own layout, comments dropped", () => {
    const h = parseAuthenticationResults(
      'amazonses.com; spf=pass (spfCheck: domain of a.example designates 192.0.2.1 as permitted sender) client-ip=192.0.2.1; envelope-from=x@a.example; helo=mx.a.example; dkim=pass header.i=@a.example; dmarc=pass header.from=a.example;',
    );
    expect(h?.authservId).toBe('amazonses.com');
    expect(h?.results.map((r) => [r.method, r.result])).toEqual([
      ['spf', 'pass'],
      ['dkim', 'pass'],
      ['dmarc', 'pass'],
    ]);
    expect(h?.results[0]?.props['envelope-from']).toBe('x@a.example');
    expect(h?.results[1]?.props['header.i']).toBe('@a.example');
  });

  it('a comment cannot smuggle a result in', () => {
    const h = parseAuthenticationResults(
      'amazonses.com; spf=fail (dmarc=pass header.from=a.example) smtp.mailfrom=b.example',
    );
    expect(h?.results.map((r) => r.method)).toEqual(['spf']);
  });
});

describe('organisational domain and relaxed alignment (RFC 7489, Public Suffix List)', () => {
  it('uses the PSL, not the last two labels', () => {
    expect(organisationalDomain('mail.victim.co.uk')).toBe('victim.co.uk');
    expect(aligned('victim.co.uk', 'attacker.co.uk')).toBe(false);
    expect(aligned('a.github.io', 'b.github.io')).toBe(false);
    expect(aligned('stroy-primer.ru', 'mail.stroy-primer.ru')).toBe(true);
    expect(aligned('stroy-primer.ru', 'stroy-primer.ru.evil.ru')).toBe(false);
  });
});

describe('authenticate', () => {
  it('accepts DMARC pass for the From domain', () => {
    expect(judge('m@a.ru', own('dmarc=pass header.from=a.ru')).alignedBy).toBe('dmarc');
  });

  it('accepts an aligned DKIM or SPF pass when the domain has no DMARC policy', () => {
    expect(judge('m@a.ru', own('spf=none; dkim=pass header.d=mail.a.ru; dmarc=none')).alignedBy).toBe('dkim');
    expect(judge('m@a.ru', own('spf=pass smtp.mailfrom=bounce.a.ru; dmarc=none')).alignedBy).toBe('spf');
  });

  it('refuses passes for another domain and says which', () => {
    const a = judge('m@a.ru', own('spf=pass smtp.mailfrom=b.ru; dkim=pass header.d=b.ru; dmarc=none'));
    expect(a.authenticated).toBe(false);
    expect(a.reason).toBe('SPF/DKIM пройдены для другого домена (b.ru), не для a.ru');
  });

  it('DMARC fail is final even beside aligned passes', () => {
    expect(judge('m@a.ru', own('dkim=pass header.d=a.ru; dmarc=fail header.from=a.ru')).authenticated).toBe(
      false,
    );
  });

  it("reads only the topmost header, and only when it is the own server's", () => {
    expect(judge('m@a.ru', own('dmarc=fail'), own('dmarc=pass header.from=a.ru')).authenticated).toBe(false);
    expect(judge('m@a.ru', 'mx.a.ru; dmarc=pass header.from=a.ru').authenticated).toBe(false);
    const custom = authenticate(
      { from: ['m@a.ru'], fromHeaders: 1, authResults: ['mx.uii.example; dmarc=pass header.from=a.ru'] },
      { authservIds: ['mx.uii.example'] },
    );
    expect(custom.authenticated).toBe(true);
  });

  it('refuses a From with several mailboxes or several From fields', () => {
    const header = own('dmarc=pass header.from=a.ru');
    expect(
      authenticate({ from: ['m@a.ru', 'x@b.ru'], fromHeaders: 1, authResults: [header] }).authenticated,
    ).toBe(false);
    expect(authenticate({ from: ['m@a.ru'], fromHeaders: 2, authResults: [header] }).authenticated).toBe(
      false,
    );
  });
});
