import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../lib/app';

// biome-ignore lint/suspicious/noExplicitAny: CloudFormation properties are free-form JSON
type Resource = { Type: string; Properties: Record<string, any>; Metadata?: Record<string, unknown> };
let resources: Record<string, Resource>;
const ofType = (type: string) => Object.values(resources).filter((r) => r.Type === type);

beforeAll(() => {
  const { stack } = buildApp({ bundling: false, nag: false, cfnValidation: false });
  resources = Template.fromStack(stack).toJSON().Resources as Record<string, Resource>;
});

describe('officers web (ADR 0021)', () => {
  it('serves the web function on a public Function URL (the app signs users in itself)', () => {
    const web = Object.entries(resources).find(([, r]) => r.Metadata?.['uii:name'] === 'web');
    expect(web).toBeDefined();
    const urls = ofType('AWS::Lambda::Url').filter((u) =>
      JSON.stringify(u.Properties.TargetFunctionArn).includes(web![0]),
    );
    expect(urls.map((u) => u.Properties.AuthType)).toEqual(['NONE']);
    expect(Object.keys(web![1].Properties.Environment.Variables)).toContain('WEB_SETTINGS_PARAMETER');
  });

  it('has a user pool without self sign-up, with MFA and immutable inspection/officer ids', () => {
    const [pool] = ofType('AWS::Cognito::UserPool');
    if (!pool) throw new Error('no user pool');
    expect(pool.Properties.AdminCreateUserConfig.AllowAdminCreateUserOnly).toBe(true);
    expect(pool.Properties.MfaConfiguration).toBe('ON');
    const custom = (pool.Properties.Schema as Array<{ Name: string; Mutable: boolean }>).filter((a) =>
      ['inspection_id', 'officer_id'].includes(a.Name),
    );
    expect(custom.map((a) => [a.Name, a.Mutable])).toEqual([
      ['inspection_id', false],
      ['officer_id', false],
    ]);
    expect(ofType('AWS::Cognito::UserPoolGroup').map((g) => g.Properties.GroupName)).toEqual(['heads']);
  });

  it('has a public app client for the hosted UI code flow only, which cannot write attributes', () => {
    const [client] = ofType('AWS::Cognito::UserPoolClient');
    expect(client?.Properties.GenerateSecret).toBe(false);
    expect(client?.Properties.AllowedOAuthFlows).toEqual(['code']);
    expect(client?.Properties.AllowedOAuthFlowsUserPoolClient).toBe(true);
    expect(client?.Properties.WriteAttributes).toEqual([]);
    expect(JSON.stringify(client?.Properties.CallbackURLs)).toContain('auth/callback');
  });
});
