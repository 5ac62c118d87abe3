// The trust rules live in the domain (planMail, authenticate); re-exported for adapters and tests.
export {
  type Authentication,
  authenticate,
  DEFAULT_TRUST_SETTINGS,
  decideTrust,
  type TrustDecision,
  type TrustSettings,
} from '@uii/domain';
