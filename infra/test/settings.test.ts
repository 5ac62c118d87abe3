import { describe, expect, it } from 'vitest';
import { checkDeploySettings } from '../lib/settings';

const ctx = (values: Record<string, string>) => (key: string) => values[key];

describe('deploy settings', () => {
  it('requires an on-call address and a region for deploy, and checks both', () => {
    expect(() => checkDeploySettings(ctx({}), { strict: true, env: {} })).toThrow(
      /opsEmail is required[\s\S]*region is required/,
    );
    expect(() =>
      checkDeploySettings(ctx({ opsEmail: 'oncall', region: 'eu-west-1' }), { strict: true, env: {} }),
    ).toThrow(/not an e-mail address/);
    expect(
      checkDeploySettings(ctx({ opsEmail: 'oncall@uii.example', region: 'eu-west-1' }), {
        strict: true,
        env: {},
      }),
    ).toEqual({
      opsEmail: 'oncall@uii.example',
      region: 'eu-west-1',
    });
  });

  it('refuses a region without SES email receiving unless explicitly checked', () => {
    const settings = { opsEmail: 'oncall@uii.example', region: 'eu-central-1' };
    expect(() => checkDeploySettings(ctx(settings), { strict: true, env: {} })).toThrow(
      /does not offer SES email receiving/,
    );
    expect(
      checkDeploySettings(ctx({ ...settings, sesReceivingRegionChecked: 'eu-central-1' }), {
        strict: true,
        env: {},
      }).region,
    ).toBe('eu-central-1');
  });

  it('lets tests and the local runtime synthesize without them', () => {
    expect(checkDeploySettings(ctx({}), { strict: false, env: {} })).toEqual({
      opsEmail: undefined,
      region: undefined,
    });
  });
});
