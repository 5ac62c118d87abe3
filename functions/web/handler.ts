import { Logger } from '@aws-lambda-powertools/logger';
import { today } from '@uii/domain';
import type { Hono } from 'hono';
import { handle } from 'hono/aws-lambda';
import { createApp } from './app';
import { cognitoAuthenticator, cognitoSettingsFromEnv } from './cognito';
import { WebData } from './data';

const logger = new Logger({ serviceName: 'web' });

let lambda: ReturnType<typeof handle> | undefined;

/** Built on first use: importing the module (the local runtime does) needs no Cognito settings. */
function lambdaHandler(): ReturnType<typeof handle> {
  if (!lambda) {
    const app: Hono = createApp({
      auth: cognitoAuthenticator(cognitoSettingsFromEnv()),
      data: new WebData(),
      today: () => today(),
      log: (message, fields) => logger.info(message, fields),
    }) as unknown as Hono;
    lambda = handle(app);
  }
  return lambda;
}

/** The officers' web behind a Lambda Function URL (ADR 0021). */
export const handler: ReturnType<typeof handle> = (event, context) => lambdaHandler()(event, context);
