import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { emailPreviews } from '@uii/domain';
import { repoRoot } from '@uii/local/testing';
import { describe, expect, it } from 'vitest';

// docs/emails/ holds a committed preview of every template (HTML, Russian, sample data).
// Regenerate after changing a template: UPDATE_EMAIL_PREVIEWS=1 npx vitest run test/email-previews.test.ts
const dir = join(repoRoot, 'docs/emails');
const previews = emailPreviews();

describe('docs/emails previews', () => {
  if (process.env.UPDATE_EMAIL_PREVIEWS)
    for (const [name, p] of Object.entries(previews)) {
      writeFileSync(join(dir, `${name}.html`), p.html);
      writeFileSync(join(dir, `${name}.txt`), `Тема: ${p.subject}\n\n${p.text}`);
    }

  it('has a current preview of every template', () => {
    for (const [name, p] of Object.entries(previews)) {
      const file = join(dir, `${name}.html`);
      expect(existsSync(file), `${file} missing`).toBe(true);
      expect(readFileSync(file, 'utf8'), `${name}.html is stale`).toBe(p.html);
      expect(readFileSync(join(dir, `${name}.txt`), 'utf8')).toBe(`Тема: ${p.subject}\n\n${p.text}`);
    }
    const stray = readdirSync(dir).filter(
      (f) => /\.(html|txt)$/.test(f) && !previews[f.replace(/\.(html|txt)$/, '')],
    );
    expect(stray).toEqual([]);
  });

  it('every preview is mail-client-safe HTML: no script, style block, remote image or link', () => {
    for (const [name, p] of Object.entries(previews)) {
      expect(p.html, name).not.toMatch(/<script|<style|<img|<link|<iframe|url\(|https?:\/\//i);
      expect(p.html, name).toContain('<table role="presentation"');
    }
  });
});
