import { existsSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { emailPreviews, previewSubjectLine } from '@uii/domain';
import { repoRoot } from '@uii/local/testing';
import { describe, expect, it } from 'vitest';

// docs/emails/ holds a committed preview of every mail the system sends (sample data): the
// plain text with its subject (.txt), and the HTML part (.html) when the mail has one.
// Regenerate after changing a template or a producer's text:
// UPDATE_EMAIL_PREVIEWS=1 npx vitest run test/email-previews.test.ts
const dir = join(repoRoot, 'docs/emails');
const previews = emailPreviews();
const txtOf = (p: (typeof previews)[string]) => `${previewSubjectLine(p)}\n\n${p.text}`;

describe('docs/emails previews', () => {
  if (process.env.UPDATE_EMAIL_PREVIEWS)
    for (const [name, p] of Object.entries(previews)) {
      if (p.html) writeFileSync(join(dir, `${name}.html`), p.html);
      else if (existsSync(join(dir, `${name}.html`))) unlinkSync(join(dir, `${name}.html`));
      writeFileSync(join(dir, `${name}.txt`), txtOf(p));
    }

  it('has a current preview of every mail', () => {
    for (const [name, p] of Object.entries(previews)) {
      const txt = join(dir, `${name}.txt`);
      expect(existsSync(txt), `${txt} missing`).toBe(true);
      expect(readFileSync(txt, 'utf8'), `${name}.txt is stale`).toBe(txtOf(p));
      const html = join(dir, `${name}.html`);
      expect(existsSync(html), `${name}.html`).toBe(Boolean(p.html));
      if (p.html) expect(readFileSync(html, 'utf8'), `${name}.html is stale`).toBe(p.html);
    }
    const stray = readdirSync(dir).filter(
      (f) => /\.(html|txt)$/.test(f) && !previews[f.replace(/\.(html|txt)$/, '')],
    );
    expect(stray).toEqual([]);
  });

  it('covers the mails users receive besides deadline alerts and digests', () => {
    for (const name of [
      'feed-receipt',
      'feed-missing',
      'places-receipt',
      'place-decision-consent',
      'place-decision-refusal',
      'place-decision-remarks',
      'match-referral-list',
      'worksite-ack',
      'mail-auth-failed',
      'finding-evasion',
      'finding-evasion-risk',
      'finding-pace',
      'place-assignment',
    ])
      expect(previews[name], name).toBeDefined();
  });

  it('an English preview is labelled «Subject:», a Russian one «Тема:»', () => {
    for (const [name, p] of Object.entries(previews))
      expect(txtOf(p).split('\n')[0], name).toMatch(name.endsWith('-en') ? /^Subject: / : /^Тема: /);
  });

  it('every preview is mail-client-safe HTML: no script, style block, remote image or link', () => {
    for (const [name, p] of Object.entries(previews)) {
      if (!p.html) continue;
      expect(p.html, name).not.toMatch(/<script|<style|<img|<link|<iframe|url\(|https?:\/\//i);
      // The templated mails (deadline alerts, digests, bounce notices) are laid out in tables.
      if (/^(deadline|digest|delivery)-/.test(name))
        expect(p.html, name).toContain('<table role="presentation"');
    }
  });
});
