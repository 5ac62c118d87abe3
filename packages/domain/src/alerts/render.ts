import { Eta } from 'eta/core';
import bounceHtml from './templates/bounce.html';
import bounceText from './templates/bounce.text';
import deadlineHtml from './templates/deadline.html';
import deadlineText from './templates/deadline.text';
import digestHtml from './templates/digest.html';
import digestText from './templates/digest.text';
import groupHtml from './templates/group.html';
import groupText from './templates/group.text';
import layout from './templates/layout';
import personHtml from './templates/person.html';
import placeProposalHtml from './templates/place-proposal.html';
import placeProposalText from './templates/place-proposal.text';

/**
 * The message templates (one file each under ./templates), rendered with eta. HTML parts
 * escape every interpolation (autoEscape); plain-text parts are rendered by a second
 * instance without escaping, since nothing there is markup. Whatever came from a mail or a
 * feed is data, never template code.
 */
const TEMPLATES = {
  layout,
  'deadline.html': deadlineHtml,
  'deadline.text': deadlineText,
  'bounce.html': bounceHtml,
  'bounce.text': bounceText,
  'digest.html': digestHtml,
  'digest.text': digestText,
  'group.html': groupHtml,
  'group.text': groupText,
  'person.html': personHtml,
  'place-proposal.html': placeProposalHtml,
  'place-proposal.text': placeProposalText,
} as const;
export type TemplateName = keyof typeof TEMPLATES;

function instance(autoEscape: boolean): Eta {
  const eta = new Eta({ autoEscape, autoTrim: false, useWith: false, cache: true });
  for (const [name, source] of Object.entries(TEMPLATES)) eta.loadTemplate(`@${name}`, source);
  return eta;
}
const html = instance(true);
const text = instance(false);

export function renderHtml(name: TemplateName, data: object): string {
  return html.render(`@${name}`, data);
}

/** Plain text: the template, with runs of blank lines from control tags collapsed. */
export function renderText(name: TemplateName, data: object): string {
  return text
    .render(`@${name}`, data)
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimStart();
}

export interface PageFrame {
  lang: 'ru' | 'en';
  title: string;
  banner: string;
  /** Header colour: urgent red, reminder blue, done green. */
  accent: string;
  footer: string;
}

/** A complete HTML mail: the body template inside the common frame. */
export function renderPage(frame: PageFrame, bodyTemplate: TemplateName, data: object): string {
  return renderHtml('layout', { ...frame, body: renderHtml(bodyTemplate, data) });
}

/** Both parts of a mail from one template pair (`<name>.text`, `<name>.html` inside the frame). */
export function renderMail(
  name: 'deadline' | 'bounce' | 'digest' | 'group' | 'place-proposal',
  frame: PageFrame,
  data: object,
): { text: string; html: string } {
  return { text: renderText(`${name}.text`, data), html: renderPage(frame, `${name}.html`, data) };
}
