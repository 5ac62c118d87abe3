import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';

/** One employment service allowed to upload: its id and, if it signs in from its own AWS account, that account. */
export interface UploadService {
  id: string;
  account?: string;
}

const SERVICE_ID = /^[A-Za-z0-9][A-Za-z0-9-]{0,62}$/;

/**
 * Context `feedUploadServices`: `tomsk-czn,seversk-czn:123456789012` (id, optionally `:account`)
 * or a JSON array of `{ "id", "account"? }`. Checked: a typo must fail the synth, not deploy a
 * role nobody can use.
 */
export function parseUploadServices(value: unknown): UploadService[] {
  if (value === undefined || value === null || value === '') return [];
  const list: UploadService[] =
    typeof value === 'string' && !value.trim().startsWith('[')
      ? value
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
          .map((s) => {
            const [id, account] = s.split(':');
            return { id: id!, account };
          })
      : ((typeof value === 'string' ? JSON.parse(value) : value) as UploadService[]);
  for (const s of list) {
    if (!SERVICE_ID.test(s.id)) throw new Error(`feedUploadServices: bad service id «${s.id}»`);
    if (s.account !== undefined && !/^\d{12}$/.test(s.account))
      throw new Error(`feedUploadServices: account of ${s.id} must be 12 digits`);
  }
  return list;
}

/**
 * ADR 0008: a role `uii-feed-upload-<serviceId>` per registered employment service, the only
 * principals that may call the upload-url Function URL (AWS_IAM). Since October 2025 a
 * Function URL call needs both `lambda:InvokeFunctionUrl` and `lambda:InvokeFunction`.
 * Assumed from the service's own account when given, else from ours (identity centre users).
 * The handler checks the verified caller is one of these roles *in this account*.
 */
export class FeedUploadRoles extends Construct {
  readonly roles: Record<string, iam.Role> = {};

  constructor(
    scope: Construct,
    id: string,
    props: { uploadUrl: lambda.IFunction; services: UploadService[] },
  ) {
    super(scope, id);
    for (const service of props.services) {
      const role = new iam.Role(this, service.id, {
        roleName: `uii-feed-upload-${service.id}`,
        description: `uii-connect: employment service ${service.id} may request feed upload URLs`,
        assumedBy: service.account
          ? new iam.AccountPrincipal(service.account)
          : new iam.AccountRootPrincipal(),
      });
      role.addToPolicy(
        new iam.PolicyStatement({
          actions: ['lambda:InvokeFunctionUrl'],
          resources: [props.uploadUrl.functionArn],
          conditions: { StringEquals: { 'lambda:FunctionUrlAuthType': 'AWS_IAM' } },
        }),
      );
      role.addToPolicy(
        new iam.PolicyStatement({
          actions: ['lambda:InvokeFunction'],
          resources: [props.uploadUrl.functionArn],
        }),
      );
      this.roles[service.id] = role;
    }
  }
}
