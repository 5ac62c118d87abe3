import { referencedId, type StackModel, TemplateError } from './template';

export const REGION = 'eu-central-1';
export const ACCOUNT_ID = '000000000000';

export interface Endpoints {
  dynamodb: string;
  sqs: string;
  s3: string;
  ses: string;
}

/** Where each named resource lives in the emulators (locally `uii:name` is the physical name). */
export interface ResourceIndex {
  queueUrl(name: string): string;
  queueArn(name: string): string;
}

export function resourceIndex(endpoints: Endpoints): ResourceIndex {
  return {
    queueUrl: (name) => `${endpoints.sqs}/${ACCOUNT_ID}/${name}`,
    queueArn: (name) => `arn:aws:sqs:${REGION}:${ACCOUNT_ID}:${name}`,
  };
}

/** Resolves one environment value the way CloudFormation would, for the types the contract lists. */
function resolveValue(model: StackModel, index: ResourceIndex, key: string, value: unknown): string {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return String(value);
  const id = referencedId(value);
  const target = id ? model.names.get(id) : undefined;
  if (!id || !target)
    throw new TemplateError(`environment ${key}: cannot resolve ${JSON.stringify(value)} locally`);
  const getAtt = (value as Record<string, unknown>)['Fn::GetAtt'];
  const attribute = Array.isArray(getAtt) ? String(getAtt[1]) : undefined;
  switch (target.type) {
    case 'AWS::SQS::Queue':
      if (!attribute || attribute === 'QueueUrl') return index.queueUrl(target.name);
      if (attribute === 'Arn') return index.queueArn(target.name);
      if (attribute === 'QueueName') return target.name;
      break;
    case 'AWS::DynamoDB::Table':
    case 'AWS::DynamoDB::GlobalTable':
      if (!attribute) return target.name;
      if (attribute === 'Arn') return `arn:aws:dynamodb:${REGION}:${ACCOUNT_ID}:table/${target.name}`;
      break;
    case 'AWS::S3::Bucket':
      if (!attribute) return target.name;
      if (attribute === 'Arn') return `arn:aws:s3:::${target.name}`;
      break;
    case 'AWS::SES::ConfigurationSet':
      if (!attribute) return target.name;
      break;
    case 'AWS::SNS::Topic':
      return `arn:aws:sns:${REGION}:${ACCOUNT_ID}:${target.name}`;
  }
  throw new TemplateError(
    `environment ${key}: ${attribute ?? 'Ref'} of ${target.type} is not supported locally`,
  );
}

/**
 * One process hosts every function, so they share one process.env: the variables of all
 * functions are merged, and two functions giving one name different values is an error.
 */
export function resolveFunctionEnvironment(
  model: StackModel,
  index: ResourceIndex,
  only?: readonly string[],
): Record<string, string> {
  const merged: Record<string, string> = {};
  const owner: Record<string, string> = {};
  for (const fn of model.functions) {
    if (only && !only.includes(fn.name)) continue;
    for (const [key, raw] of Object.entries(fn.rawEnvironment)) {
      const value = resolveValue(model, index, key, raw);
      if (key in merged && merged[key] !== value)
        throw new TemplateError(
          `environment ${key} differs between functions ${owner[key]} (${merged[key]}) and ${fn.name} (${value}); ` +
            'in-process functions share one environment',
        );
      merged[key] = value;
      owner[key] = fn.name;
    }
  }
  return merged;
}

/** What the AWS SDK in every function needs to talk to the emulators. */
export function emulatorEnvironment(endpoints: Endpoints): Record<string, string> {
  return {
    AWS_REGION: REGION,
    AWS_DEFAULT_REGION: REGION,
    // s3rver checks signatures against these; the other emulators accept anything.
    AWS_ACCESS_KEY_ID: 'S3RVER',
    AWS_SECRET_ACCESS_KEY: 'S3RVER',
    AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
    AWS_ENDPOINT_URL_SQS: endpoints.sqs,
    AWS_ENDPOINT_URL_S3: endpoints.s3,
    AWS_ENDPOINT_URL_SESV2: endpoints.ses,
    AWS_ENDPOINT_URL_SES: endpoints.ses,
    // s3rver predates the SDK's default CRC checksums.
    AWS_REQUEST_CHECKSUM_CALCULATION: 'WHEN_REQUIRED',
    AWS_RESPONSE_CHECKSUM_VALIDATION: 'WHEN_REQUIRED',
  };
}
