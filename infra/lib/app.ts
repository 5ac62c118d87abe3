import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { cdkJsonContext } from './paths';
import { checkDeploySettings } from './settings';
import { STACK_NAME, UiiConnectStack } from './stack';

export interface BuildAppOptions {
  /** Run esbuild for every function (cdk synth/deploy). Off for tests and the local runtime. */
  bundling?: boolean;
  /** Apply the cdk-nag AwsSolutions checks (on unless told otherwise). */
  nag?: boolean;
  /**
   * CDK's built-in CloudFormation validation (dependency cycles, wrong property types). It
   * costs several seconds, so by default it runs only with bundling (the `cdk synth`/deploy
   * path), not on the fast unbundled path of the tests and the local runtime.
   */
  cfnValidation?: boolean;
  /** Where the cloud assembly goes (default: CDK_OUTDIR from the CLI, else a temp dir). */
  outdir?: string;
  /** Extra context, e.g. { mailDomain: 'inspections.example.ru' }. */
  context?: Record<string, unknown>;
}

const DEFAULT_MAIL_DOMAIN = 'uii.example.ru';

/**
 * Builds the one app and its one stack. `cdk synth` goes through infra/bin/app.ts; the local
 * runtime and the stack tests can call this in-process with bundling off (1–4 s).
 * The template is always `<outdir>/UiiConnect.template.json`.
 */
export function buildApp(options: BuildAppOptions = {}): { app: App; stack: UiiConnectStack } {
  const context: Record<string, unknown> = {
    ...cdkJsonContext(),
    'aws:cdk:enable-path-metadata': true,
    ...options.context,
  };
  if (options.bundling === false) context['aws:cdk:bundling-stacks'] = [];
  const app = new App({
    outdir: options.outdir,
    context,
    builtinCloudFormationValidation: options.cfnValidation ?? options.bundling !== false,
  });

  const mailDomain = String(app.node.tryGetContext('mailDomain') ?? DEFAULT_MAIL_DOMAIN);
  // The cdk CLI path (bundling) is the one that deploys: there the settings are required.
  const settings = checkDeploySettings((key) => app.node.tryGetContext(key), {
    strict: options.bundling !== false,
  });
  const stack = new UiiConnectStack(app, STACK_NAME, {
    stackName: STACK_NAME,
    ...(settings.region
      ? { env: { region: settings.region, account: process.env.CDK_DEFAULT_ACCOUNT } }
      : {}),
    mailDomain,
    mailFrom: String(app.node.tryGetContext('mailFrom') ?? `uii@${mailDomain}`),
    opsEmail: settings.opsEmail,
    logLevel: app.node.tryGetContext('logLevel'),
  });
  // cdk-nag v3 is a policy-validation plugin: any unacknowledged error stops the synth.
  if (options.nag !== false) Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  return { app, stack };
}
