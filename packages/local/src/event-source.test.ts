import { describe, expect, it } from 'vitest';
import { failedIds, toSqsRecord } from './event-source';

const mapping = {
  functionName: 'f',
  queue: 'q',
  batchSize: 10,
  maximumBatchingWindowInSeconds: 0,
  reportBatchItemFailures: true,
  enabled: true,
};
const record = (id: string) =>
  toSqsRecord(
    {
      MessageId: id,
      ReceiptHandle: `rh-${id}`,
      Body: '{}',
      MD5OfBody: 'x',
      Attributes: { ApproximateReceiveCount: '2' },
    },
    'arn:aws:sqs:eu-central-1:000000000000:q',
  );

describe('failedIds', () => {
  const batch = [record('a'), record('b')];

  it('fails only the reported records', () => {
    expect([...failedIds({ batchItemFailures: [{ itemIdentifier: 'b' }] }, mapping, batch)]).toEqual(['b']);
  });

  it('treats an unknown identifier as a failure of the whole batch, as Lambda does', () => {
    expect(failedIds({ batchItemFailures: [{ itemIdentifier: 'zzz' }] }, mapping, batch).size).toBe(2);
  });

  it('ignores batchItemFailures when the mapping does not report them', () => {
    expect(
      failedIds(
        { batchItemFailures: [{ itemIdentifier: 'b' }] },
        { ...mapping, reportBatchItemFailures: false },
        batch,
      ).size,
    ).toBe(0);
  });
});

describe('toSqsRecord', () => {
  it('shapes the record as Lambda does', () => {
    expect(record('a')).toMatchObject({
      messageId: 'a',
      receiptHandle: 'rh-a',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:eu-central-1:000000000000:q',
      awsRegion: 'eu-central-1',
      attributes: { ApproximateReceiveCount: '2' },
    });
  });
});
