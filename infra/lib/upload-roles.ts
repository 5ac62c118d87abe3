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
export function parseUploadServices(
  value: unknown,
  opts: { setting?: string; idPattern?: RegExp } = {},
): UploadService[] {
  const setting = opts.setting ?? 'feedUploadServices';
  const pattern = opts.idPattern ?? SERVICE_ID;
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
    if (!pattern.test(s.id)) throw new Error(`${setting}: bad ${opts.setting ? '' : 'service '}id «${s.id}»`);
    if (s.account !== undefined && !/^\d{12}$/.test(s.account))
      throw new Error(`${setting}: account of ${s.id} must be 12 digits`);
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
    props: {
      uploadUrl: lambda.IFunction;
      services: UploadService[];
      /** Default `uii-feed-upload-`; municipalities use `uii-places-upload-` (ADR 0030). */
      rolePrefix?: string;
      /** What the role is for, in its description. */
      purpose?: (id: string) => string;
    },
  ) {
    super(scope, id);
    const prefix = props.rolePrefix ?? 'uii-feed-upload-';
    const purpose =
      props.purpose ??
      ((serviceId: string) => `employment service ${serviceId} may request feed upload URLs`);
    for (const service of props.services) {
      const role = new iam.Role(this, service.id, {
        roleName: `${prefix}${service.id}`,
        description: `uii-connect: ${purpose(service.id)}`,
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

/** Municipality ids in roles `uii-places-upload-<id>`: the role name is at most 64 characters. */
export const MUNICIPALITY_ROLE_ID = /^[A-Za-z0-9][\w.-]{0,45}$/;
