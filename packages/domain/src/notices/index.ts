// The public face of notice extraction; helpers stay internal to avoid name clashes in @uii/domain.
export { acknowledgment, authenticationNotice } from './ack';
export { mailDay } from './dates';
export { caseEventOf, type NoticeCaseEvent } from './events';
export { extractFromRows, extractFromText, merge } from './extract';
export { initialsOnly } from './names';
export { addressIn, type Forwarded, type SplitBody, splitBody } from './quoted';
export { columnOf, findHeader } from './table';
export * from './types';
