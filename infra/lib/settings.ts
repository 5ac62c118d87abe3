/**
 * Deploy settings that must be right before anything reaches AWS (docs/operations.md):
 * where alarms go, and a region where SES can receive mail. `cdk synth`/`deploy` (bundling on)
 * require them; the tests and the local runtime (bundling off) may leave them out.
 */
export class SettingsError extends Error {
  override readonly name = 'SettingsError';
}

/**
 * Regions where SES email receiving (receipt rules) is offered, per the SES "Email receiving
 * endpoints" table of the AWS General Reference. AWS adds regions over time: after checking
 * that table, pass `-c sesReceivingRegionChecked=<region>` to accept another one.
 */
export const SES_RECEIVING_REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1'] as const;

export interface DeploySettings {
  opsEmail?: string;
  region?: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function checkDeploySettings(
  context: (key: string) => unknown,
  options: { strict: boolean; env?: NodeJS.ProcessEnv },
): DeploySettings {
  const env = options.env ?? process.env;
  const opsEmail = context('opsEmail') === undefined ? undefined : String(context('opsEmail'));
  const region =
    context('region') === undefined
      ? options.strict
        ? env.CDK_DEFAULT_REGION
        : undefined
      : String(context('region'));
  const problems: string[] = [];
  if (opsEmail !== undefined && !EMAIL.test(opsEmail))
    problems.push(`opsEmail "${opsEmail}" is not an e-mail address`);
  if (options.strict && opsEmail === undefined)
    problems.push('opsEmail is required: alarms must reach someone (-c opsEmail=oncall@…)');
  if (options.strict && !region) problems.push('region is required (-c region=eu-west-1, or AWS_REGION)');
  const accepted = context('sesReceivingRegionChecked');
  if (region && !(SES_RECEIVING_REGIONS as readonly string[]).includes(region) && accepted !== region)
    problems.push(
      `region ${region} does not offer SES email receiving (known: ${SES_RECEIVING_REGIONS.join(', ')}); ` +
        `if AWS has added it since, check the SES endpoints table and pass -c sesReceivingRegionChecked=${region}`,
    );
  if (problems.length) throw new SettingsError(`Deploy settings:\n  - ${problems.join('\n  - ')}`);
  return { opsEmail, region };
}
