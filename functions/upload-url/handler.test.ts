import type { LambdaFunctionURLEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { callerMunicipality, callerService, handler, safeFileName } from './handler';

const event = (userArn?: string) =>
  ({
    requestContext: { requestId: 'r-1', authorizer: userArn ? { iam: { userArn } } : undefined },
    queryStringParameters: { file: 'вакансии.csv' },
  }) as unknown as LambdaFunctionURLEvent;

describe('upload-url', () => {
  it('takes the service from the verified IAM role, never from the request', () => {
    const ours = '123456789012';
    expect(
      callerService(
        event('arn:aws:sts::123456789012:assumed-role/uii-feed-upload-tomsk-czn/session-1'),
        ours,
      ),
    ).toBe('tomsk-czn');
    expect(
      callerService(event('arn:aws:sts::123456789012:assumed-role/SomeOtherRole/s'), ours),
    ).toBeUndefined();
    expect(callerService(event(), ours)).toBeUndefined();
  });

  it('pins the account: the same role name in another account is not a service', () => {
    expect(
      callerService(
        event('arn:aws:sts::999999999999:assumed-role/uii-feed-upload-tomsk-czn/s'),
        '123456789012',
      ),
    ).toBeUndefined();
    expect(
      callerService(
        event('arn:aws:sts::123456789012:assumed-role/x-uii-feed-upload-tomsk-czn/s'),
        '123456789012',
      ),
    ).toBeUndefined();
  });

  it('refuses a caller that is not a service role with 403 and a Russian reason', async () => {
    const out = await handler(event('arn:aws:iam::123456789012:user/admin'), {
      invokedFunctionArn: 'arn:aws:lambda:eu-central-1:123456789012:function:upload-url',
    });
    expect(out).toMatchObject({ statusCode: 403 });
    expect(JSON.parse(String((out as { body: string }).body)).error).toMatch(/не от роли службы занятости/);
  });

  it('tells a municipality role from a service role, in our account only (ADR 0030)', () => {
    const ours = '123456789012';
    const arn = (role: string, account = ours) => event(`arn:aws:sts::${account}:assumed-role/${role}/s`);
    expect(callerMunicipality(arn('uii-places-upload-tomsk-adm'), ours)).toBe('tomsk-adm');
    expect(callerService(arn('uii-places-upload-tomsk-adm'), ours)).toBeUndefined();
    expect(callerMunicipality(arn('uii-feed-upload-tomsk-czn'), ours)).toBeUndefined();
    expect(callerMunicipality(arn('uii-places-upload-tomsk-adm', '999999999999'), ours)).toBeUndefined();
    expect(callerMunicipality(arn('x-uii-places-upload-tomsk-adm'), ours)).toBeUndefined();
  });

  it('keeps file names safe for the object key', () => {
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('вакансии ноябрь.xlsx')).toBe('вакансии_ноябрь.xlsx');
    expect(safeFileName(undefined)).toBe('feed');
  });
});

describe('the uploader address for the receipt', () => {
  it('takes only what the receipt mail can be sent to (the alert schema): no IDN, no spaces', async () => {
    const { isMailAddress: isEmail } = await import('@uii/domain');
    expect(isEmail('ivan@example.org')).toBe(true);
    // Accepted here and refused by the mail schema later used to leave the upload without a receipt.
    expect(isEmail('ivan@пример.рф')).toBe(false);
    expect(isEmail('a b@example.org')).toBe(false);
  });
});
