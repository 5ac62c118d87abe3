import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../lib/app';
import { parseUploadServices } from '../lib/upload-roles';

// biome-ignore lint/suspicious/noExplicitAny: CloudFormation JSON is untyped
type Resource = { Type: string; Properties: any; Metadata?: Record<string, unknown> };
let resources: Record<string, Resource>;

const named = (type: string, name: string) =>
  Object.entries(resources).find(([, r]) => r.Type === type && r.Metadata?.['uii:name'] === name)!;

beforeAll(() => {
  const { stack } = buildApp({
    bundling: false,
    nag: false,
    cfnValidation: false,
    context: {
      feedUploadServices: 'tomsk-czn,seversk-czn:210987654321',
      placesUploadMunicipalities: 'tomsk-adm',
      opsEmail: 'ops@uii.example',
    },
  });
  resources = Template.fromStack(stack).toJSON().Resources;
});

describe('feed upload roles', () => {
  it('gives each registered service a role that may call the upload Function URL, both actions', () => {
    const [fnId] = named('AWS::Lambda::Function', 'upload-url');
    const roles = Object.entries(resources).filter(
      ([, r]) => r.Type === 'AWS::IAM::Role' && /^uii-feed-upload-/.test(r.Properties.RoleName ?? ''),
    );
    expect(roles.map(([, r]) => r.Properties.RoleName).sort()).toEqual([
      'uii-feed-upload-seversk-czn',
      'uii-feed-upload-tomsk-czn',
    ]);
    const seversk = roles.find(([, r]) => r.Properties.RoleName.endsWith('seversk-czn'))![1];
    expect(JSON.stringify(seversk.Properties.AssumeRolePolicyDocument)).toContain('210987654321');
    for (const [roleId] of roles) {
      const policies = Object.values(resources).filter(
        (r) => r.Type === 'AWS::IAM::Policy' && JSON.stringify(r.Properties.Roles).includes(roleId),
      );
      const statements = policies.flatMap((p) => p.Properties.PolicyDocument.Statement);
      expect(statements.map((st) => st.Action).sort()).toEqual([
        'lambda:InvokeFunction',
        'lambda:InvokeFunctionUrl',
      ]);
      for (const st of statements) expect(JSON.stringify(st.Resource)).toContain(fnId);
      const url = statements.find((st) => st.Action === 'lambda:InvokeFunctionUrl');
      expect(url.Condition).toEqual({ StringEquals: { 'lambda:FunctionUrlAuthType': 'AWS_IAM' } });
    }
  });

  it('gives each municipality of `placesUploadMunicipalities` its own role on the same URL (ADR 0030)', () => {
    const [fnId] = named('AWS::Lambda::Function', 'upload-url');
    const roles = Object.entries(resources).filter(
      ([, r]) => r.Type === 'AWS::IAM::Role' && /^uii-places-upload-/.test(r.Properties.RoleName ?? ''),
    );
    expect(roles.map(([, r]) => r.Properties.RoleName)).toEqual(['uii-places-upload-tomsk-adm']);
    const statements = Object.values(resources)
      .filter(
        (r) => r.Type === 'AWS::IAM::Policy' && JSON.stringify(r.Properties.Roles).includes(roles[0]![0]),
      )
      .flatMap((p) => p.Properties.PolicyDocument.Statement);
    expect(statements.map((st) => st.Action).sort()).toEqual([
      'lambda:InvokeFunction',
      'lambda:InvokeFunctionUrl',
    ]);
    for (const st of statements) expect(JSON.stringify(st.Resource)).toContain(fnId);
    // upload-url may write the two prefixes only, and read the two registries only.
    const fnPolicy = JSON.stringify(
      Object.values(resources).filter(
        (r) =>
          r.Type === 'AWS::IAM::Policy' &&
          JSON.stringify(r.Properties.Roles).includes(
            named('AWS::Lambda::Function', 'upload-url')[1].Properties.Role['Fn::GetAtt'][0],
          ),
      ),
    );
    expect(fnPolicy).toContain('places/*');
    expect(fnPolicy).toContain('PARTNER#');
  });

  it('refuses a malformed service list at synth', () => {
    expect(() => parseUploadServices('tomsk czn')).toThrow(/bad service id/);
    expect(() => parseUploadServices('tomsk-czn:123')).toThrow(/12 digits/);
    expect(parseUploadServices('[{"id":"a-1"}]')).toEqual([{ id: 'a-1' }]);
    expect(parseUploadServices(undefined)).toEqual([]);
  });
});

describe('feed-intake sized for a national feed', () => {
  it('takes one feed per invocation, 15 minutes, one vCPU (1769 MB) and 1 GB of /tmp', () => {
    const [fnId, fn] = named('AWS::Lambda::Function', 'feed-intake');
    expect(fn.Properties).toMatchObject({ Timeout: 900, MemorySize: 1769, EphemeralStorage: { Size: 1024 } });
    const mapping = Object.values(resources).find(
      (r) =>
        r.Type === 'AWS::Lambda::EventSourceMapping' &&
        JSON.stringify(r.Properties.FunctionName).includes(fnId),
    )!;
    expect(mapping.Properties.BatchSize).toBe(1);
    expect(fn.Properties.Environment.Variables.FEED_OPERATOR_EMAIL).toBe('ops@uii.example');
  });

  it('may delete only snapshots (regions a replacing feed dropped)', () => {
    const [fnId] = named('AWS::Lambda::Function', 'feed-intake');
    const fn = resources[fnId]!;
    const roleId = fn.Properties.Role['Fn::GetAtt'][0];
    const statements = Object.values(resources)
      .filter((r) => r.Type === 'AWS::IAM::Policy' && JSON.stringify(r.Properties.Roles).includes(roleId))
      .flatMap((p) => p.Properties.PolicyDocument.Statement);
    const deletes = statements.filter((st) => [st.Action].flat().includes('s3:DeleteObject'));
    expect(deletes).toHaveLength(1);
    expect(JSON.stringify(deletes[0].Resource)).toMatch(/\/snapshots\/\*/);
  });
});
