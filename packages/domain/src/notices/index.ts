// The public face of notice extraction; helpers stay internal to avoid name clashes in @uii/domain.
export { acknowledgment, authenticationNotice, listExpiredNotice } from './ack';
export { mailDay } from './dates';
export { caseEventOf, type NoticeCaseEvent } from './events';
export { extractFromRows, extractFromText, merge } from './extract';
export { findLegend } from './grid';
export { initialsOnly } from './names';
export {
  decideTrust,
  type MailFacts,
  type MailPlan,
  type MailPlanSettings,
  type MailRegistry,
  type MailReply,
  planMail,
  TRIAGE_FUTURE_DATE,
  TRIAGE_UNKNOWN_CASE,
  type TrustDecision,
} from './plan';
export { addressIn, type Forwarded, type SplitBody, splitBody } from './quoted';
export { columnOf, findHeader } from './table';
export {
  type Authentication,
  type AuthMethodResult,
  type AuthResultsHeader,
  type AuthVerdicts,
  aligned,
  authenticate,
  DEFAULT_TRUST_SETTINGS,
  organisationalDomain,
  ownAuthenticationResults,
  parseAuthenticationResults,
  type SenderEvidence,
  type TrustSettings,
} from './trust';
export * from './types';
