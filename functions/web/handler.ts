import { Logger } from '@aws-lambda-powertools/logger';
import { today } from '@uii/domain';
import type { Hono } from 'hono';
import { handle } from 'hono/aws-lambda';
import { createApp } from './app';
import { cognitoAuthenticator, cognitoSettingsFromParameter } from './cognito';
import { WebData } from './data';
import { matchStoreProposals } from './proposals';

const logger = new Logger({ serviceName: 'web' });

type LambdaHandler = ReturnType<typeof handle>;
let lambda: Promise<LambdaHandler> | undefined;

/**
 * Built on first use (importing the module needs no AWS: the local runtime imports every
 * handler). The deployed app mounts the Cognito sign-in only; the local one-time links live in
 * packages/local/src/web.ts and are not part of this bundle.
 */
function lambdaHandler(): Promise<LambdaHandler> {
  lambda ??= cognitoSettingsFromParameter().then((settings) => {
    const app = createApp({
      auth: cognitoAuthenticator(settings),
      data: new WebData(),
      proposals: matchStoreProposals(),
      today: () => today(),
      log: (message, fields) => logger.info(message, fields),
    }) as unknown as Hono;
    return handle(app);
  });
  lambda.catch(() => {
    lambda = undefined;
  });
  return lambda;
}

/** The officers' web behind a Lambda Function URL (ADR 0021). */
export const handler: LambdaHandler = async (event, context) => (await lambdaHandler())(event, context);
