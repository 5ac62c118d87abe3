import { getDomain } from 'tldts';

/**
 * Who really sent a worksite mail (ADR 0015). SPF or DKIM counts only when it passed for a
 * domain *aligned* with the From domain (RFC 7489 §3.1, relaxed: same organisational domain,
 * found with the Public Suffix List), and only as the inspection's own receiving server saw it:
 * the one `Authentication-Results` header carrying its authserv-id (a setting), never one a
 * sender wrote. In AWS SES's own verdicts must agree.
 */

/** One `method=result` of an Authentication-Results header, with its properties (RFC 8601 §2.2). */
export interface AuthMethodResult {
  method: string;
  result: string;
  /** `smtp.mailfrom`, `header.d`, `header.i`, `header.from`, … lower-cased keys; SES's `envelope-from` too. */
  props: Record<string, string>;
}

export interface AuthResultsHeader {
  authservId: string;
  results: AuthMethodResult[];
}

/** What the handler or the offline parser knows about the sender, before any judgement. */
export interface SenderEvidence {
  /** Every mailbox of every From header field, as the mail library's address parser read them. */
  from: string[];
  /** How many From header fields the message has (RFC 5322 allows one). */
  fromHeaders: number;
  /** The raw values of every `Authentication-Results` header, top (newest) first. */
  authResults: string[];
  /** SES's receipt verdicts, when the mail came through SES (PASS, FAIL, GRAY, PROCESSING_FAILED). */
  ses?: { spf: string; dkim: string; dmarc: string };
}

export interface TrustSettings {
  /** authserv-ids of the inspection's own receiving server (SES: `amazonses.com`). */
  authservIds: readonly string[];
}

export const DEFAULT_TRUST_SETTINGS: TrustSettings = { authservIds: ['amazonses.com'] };

export interface AuthVerdicts {
  spf: string;
  dkim: string;
  dmarc: string;
}

export interface Authentication {
  authenticated: boolean;
  /** The From address the verdict is about (null when the header could not be trusted at all). */
  from: string | null;
  verdicts: AuthVerdicts;
  /** Which identifier carried the verdict: 'dmarc', 'spf', 'dkim' (aligned), or null. */
  alignedBy: 'dmarc' | 'spf' | 'dkim' | null;
  /** Why, in words an officer reads (Russian). */
  reason: string;
}

/** Removes RFC 5322 comments (nested parentheses), keeping quoted strings intact. */
function stripComments(value: string): string {
  let out = '';
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === '\\' && i + 1 < value.length) {
      if (depth === 0) out += c + value[i + 1];
      i++;
      continue;
    }
    if (quoted) {
      out += c;
      if (c === '"') quoted = false;
    } else if (c === '"' && depth === 0) {
      quoted = true;
      out += c;
    } else if (c === '(') depth++;
    else if (c === ')' && depth > 0) depth--;
    else if (depth === 0) out += c;
  }
  return out;
}

const unquote = (v: string) => (v.startsWith('"') && v.endsWith('"') ? v.slice(1, -1) : v);

/**
 * Parses one header value: `authserv-id [version]; method=result ptype.prop=value …; …`.
 * Properties that a writer put in their own `;` segment (SES writes `…; envelope-from=…;`)
 * belong to the method before them. Null when there is no authserv-id.
 */
export function parseAuthenticationResults(value: string): AuthResultsHeader | null {
  const segments = stripComments(value.replace(/\r?\n[ \t]+/g, ' '))
    .split(';')
    .map((s) => s.trim());
  const authservId = segments.shift()?.split(/\s+/)[0]?.toLowerCase();
  if (!authservId || authservId.includes('=')) return null;
  const results: AuthMethodResult[] = [];
  for (const segment of segments) {
    if (!segment) continue;
    const tokens = segment.split(/\s+/);
    const head = tokens[0]!.match(/^([a-z][a-z0-9_-]*)(?:\/\d+)?\s*=\s*([a-z]+)$/i);
    const props: Record<string, string> = {};
    const rest = head ? tokens.slice(1) : tokens;
    for (const token of rest) {
      const kv = token.match(/^([a-z][\w.-]*)=(.*)$/i);
      if (kv) props[kv[1]!.toLowerCase()] = unquote(kv[2]!);
    }
    const isProperty = head && /[.-]/.test(head[1]!) && !head[1]!.startsWith('x-');
    if (head && !isProperty) {
      results.push({ method: head[1]!.toLowerCase(), result: head[2]!.toLowerCase(), props });
    } else if (results.length > 0) {
      if (head) props[head[1]!.toLowerCase()] = head[2]!;
      Object.assign(results[results.length - 1]!.props, props);
    }
  }
  return { authservId, results };
}

/**
 * The header the inspection's own server added. Receiving servers prepend theirs, so it is the
 * topmost; a sender's forged header (whatever id it claims) sits below it and is never read.
 * When the topmost header is not the own server's, nothing is trusted: a server that does not
 * stamp its verdict leaves no verdict to read.
 */
export function ownAuthenticationResults(
  values: readonly string[],
  settings: TrustSettings = DEFAULT_TRUST_SETTINGS,
): AuthResultsHeader | null {
  const top = values.length > 0 ? parseAuthenticationResults(values[0]!) : null;
  if (!top) return null;
  const own = settings.authservIds.map((id) => id.toLowerCase());
  return own.includes(top.authservId) ? top : null;
}

export function domainOf(identity: string | undefined | null): string | null {
  if (!identity) return null;
  const at = identity.lastIndexOf('@');
  const domain = (at >= 0 ? identity.slice(at + 1) : identity).trim().replace(/\.$/, '').toLowerCase();
  return /^[^\s@<>()]+\.[^\s@<>()]+$/u.test(domain) ? domain : null;
}

/** The organisational domain (RFC 7489 §3.2) from the Public Suffix List, private entries included. */
export function organisationalDomain(domain: string): string | null {
  return getDomain(domain, { allowPrivateDomains: true }) ?? null;
}

/** Relaxed identifier alignment: both domains share one organisational domain. */
export function aligned(fromDomain: string, authDomain: string | null): boolean {
  if (!authDomain) return false;
  const a = organisationalDomain(fromDomain);
  return a !== null && a === organisationalDomain(authDomain);
}

const pass = (v: string | undefined) => v?.toLowerCase() === 'pass';

function resultOf(header: AuthResultsHeader | null, method: string): AuthMethodResult[] {
  return header?.results.filter((r) => r.method === method) ?? [];
}

function spfDomain(r: AuthMethodResult): string | null {
  return domainOf(r.props['smtp.mailfrom'] ?? r.props['envelope-from'] ?? r.props['smtp.helo']);
}

function dkimDomain(r: AuthMethodResult): string | null {
  return domainOf(r.props['header.d'] ?? r.props['header.i']);
}

/**
 * The verdict on a message's sender. Authenticated only when the From header names exactly one
 * mailbox and an aligned identifier passed at the own server: DMARC pass for that From domain,
 * or — when the domain publishes no DMARC policy — an aligned SPF or DKIM pass. DMARC fail is
 * final. With SES verdicts, SES must agree on the method that carried the verdict.
 */
export function authenticate(
  evidence: SenderEvidence,
  settings: TrustSettings = DEFAULT_TRUST_SETTINGS,
): Authentication {
  const header = ownAuthenticationResults(evidence.authResults, settings);
  const status = (method: 'spf' | 'dkim' | 'dmarc') => {
    if (evidence.ses) return evidence.ses[method].toUpperCase();
    const results = resultOf(header, method);
    return (results.find((r) => pass(r.result)) ?? results[0])?.result.toUpperCase() ?? 'NONE';
  };
  const verdicts: AuthVerdicts = { spf: status('spf'), dkim: status('dkim'), dmarc: status('dmarc') };
  const no = (reason: string, from: string | null = null): Authentication => ({
    authenticated: false,
    from,
    verdicts,
    alignedBy: null,
    reason,
  });

  const from = evidence.from.map((a) => a.trim().toLowerCase()).filter(Boolean);
  if (evidence.fromHeaders > 1 || from.length > 1)
    return no('в письме несколько адресов отправителя (From): подлинность не установить');
  const address = from[0] ?? null;
  const fromDomain = domainOf(address);
  if (!address || !fromDomain) return no('нет адреса отправителя (From)');
  const ok = (alignedBy: 'dmarc' | 'spf' | 'dkim', reason: string): Authentication => ({
    authenticated: true,
    from: address,
    verdicts,
    alignedBy,
    reason,
  });
  const dmarc = resultOf(header, 'dmarc');
  if (dmarc.some((r) => r.result === 'fail') || verdicts.dmarc === 'FAIL')
    return no(`DMARC не пройден для домена ${fromDomain}`, address);
  const dmarcFor = (r: AuthMethodResult) => domainOf(r.props['header.from']);
  if (evidence.ses?.dmarc.toUpperCase() === 'PASS') {
    // SES judged DMARC for the From domain it read; its header, when there is one, must name ours.
    if (dmarc.every((r) => dmarcFor(r) === null || dmarcFor(r) === fromDomain))
      return ok('dmarc', `DMARC пройден для домена ${fromDomain}`);
    return no('DMARC пройден для другого домена, чем в адресе отправителя', address);
  }
  if (!header) {
    return no(
      evidence.authResults.length === 0
        ? 'нет заголовка Authentication-Results: подлинность не проверить'
        : 'нет результата проверки от почтового сервера инспекции (Authentication-Results)',
      address,
    );
  }
  if (!evidence.ses && dmarc.some((r) => pass(r.result) && dmarcFor(r) === fromDomain))
    return ok('dmarc', `DMARC пройден для домена ${fromDomain}`);

  const sesAgrees = (method: 'spf' | 'dkim') =>
    !evidence.ses || evidence.ses[method].toUpperCase() === 'PASS';
  const spf = resultOf(header, 'spf').find((r) => pass(r.result) && aligned(fromDomain, spfDomain(r)));
  if (spf && sesAgrees('spf')) return ok('spf', `SPF пройден для домена отправителя ${fromDomain}`);
  const dkim = resultOf(header, 'dkim').find((r) => pass(r.result) && aligned(fromDomain, dkimDomain(r)));
  if (dkim && sesAgrees('dkim')) return ok('dkim', `DKIM-подпись домена отправителя ${fromDomain} верна`);

  const passedFor = [
    ...resultOf(header, 'spf')
      .filter((r) => pass(r.result))
      .map(spfDomain),
    ...resultOf(header, 'dkim')
      .filter((r) => pass(r.result))
      .map(dkimDomain),
  ].filter((d): d is string => d !== null && d !== fromDomain);
  if (passedFor.length > 0)
    return no(
      `SPF/DKIM пройдены для другого домена (${[...new Set(passedFor)].join(', ')}), не для ${fromDomain}`,
      address,
    );
  return no(
    `проверка подлинности не пройдена (SPF ${verdicts.spf}, DKIM ${verdicts.dkim}, DMARC ${verdicts.dmarc})`,
    address,
  );
}
