import { writeFileSync } from 'node:fs';
import { type DocBlock, referralDraft, type Vacancy } from '@uii/domain';
import { AlignmentType, Document, Packer, Paragraph, TabStopType, TextRun } from 'docx';
import { UsageError } from '../program';
import { openCaseStack } from './case-stack';
import { readVacancies } from './match';

const FONT = 'Times New Roman';
const run = (text: string, bold = false) => new TextRun({ text, font: FONT, size: 28, bold });

/** DOCX paragraphs of the document blocks: Times New Roman 14, the form inspections use. */
function paragraphsOf(blocks: DocBlock[]): Paragraph[] {
  return blocks.flatMap((b) => {
    switch (b.kind) {
      case 'heading':
        return [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { before: 240, after: 120 },
            children: [run(b.text, true)],
          }),
        ];
      case 'right':
        return b.lines.map(
          (line) => new Paragraph({ alignment: AlignmentType.RIGHT, children: [run(line)] }),
        );
      case 'paragraph':
        return [
          new Paragraph({
            alignment: AlignmentType.JUSTIFIED,
            indent: { firstLine: 709 },
            spacing: { after: 120 },
            children: [run(b.text)],
          }),
        ];
      case 'signature':
        return [
          new Paragraph({
            spacing: { before: 360, after: 120 },
            tabStops: [{ type: TabStopType.RIGHT, position: 9350 }],
            children: [run(b.left), run(`\t${b.right}`)],
          }),
        ];
      case 'cut':
        return [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { before: 360, after: 240 },
            children: [run(b.text)],
          }),
        ];
    }
    return [];
  });
}

export async function referralDocx(blocks: DocBlock[], title: string): Promise<Buffer> {
  const doc = new Document({
    title,
    creator: 'uii-connect',
    sections: [
      {
        properties: { page: { margin: { top: 1134, bottom: 1134, left: 1701, right: 850 } } },
        children: paragraphsOf(blocks),
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/** The vacancy from a feed file, or from the region's snapshots of the running stack. */
async function findVacancy(
  vacancyId: string,
  region: string | undefined,
  file: string | undefined,
  asOf: string,
): Promise<Vacancy> {
  if (file) {
    const { vacancies } = await readVacancies(file);
    const v = vacancies.find((x) => x.id === vacancyId);
    if (!v) throw new UsageError(`вакансии ${vacancyId} нет в файле ${file}`);
    return v;
  }
  if (!region) throw new UsageError('у дела не указан регион: укажите файл ленты через --vacancies');
  const { localRuntime } = await import('@uii/local/client');
  const info = localRuntime();
  if (info) {
    process.env.AWS_ENDPOINT_URL_S3 ??= info.endpoints.s3;
    process.env.UPLOADS_BUCKET ??= info.env.UPLOADS_BUCKET;
  }
  const bucket = process.env.UPLOADS_BUCKET;
  if (!bucket) throw new UsageError('не задан UPLOADS_BUCKET: укажите файл ленты через --vacancies');
  const { readRegionSnapshots } = await import('@uii/aws/match-store');
  const { FeedStore } = await import('@uii/aws/feed-store');
  const { vacancies } = await readRegionSnapshots(
    bucket,
    region,
    asOf.slice(0, 7),
    new FeedStore(info?.env.TABLE_NAME ?? process.env.TABLE_NAME),
  );
  const v = vacancies.find((x) => x.id === vacancyId);
  if (!v) throw new UsageError(`вакансии ${vacancyId} нет в текущих лентах региона ${region}`);
  return v;
}

export async function referralCommand(
  caseId: string,
  vacancyId: string,
  opts: { out?: string; vacancies?: string; record?: boolean },
): Promise<void> {
  const { store, today } = await openCaseStack();
  const stored = await store.getCase(caseId);
  if (!stored) throw new UsageError(`дело ${caseId} не найдено`);
  const person = await store.getPerson(caseId);
  const vacancy = await findVacancy(vacancyId, stored.case.region, opts.vacancies, today);
  const draft = referralDraft({
    case: stored.case,
    person,
    vacancy,
    date: today,
    inspectionName: stored.case.inspectionId ? `Инспекция ${stored.case.inspectionId}` : undefined,
  });
  const out = opts.out ?? `predpisanie-${caseId}-${vacancyId.slice(0, 8)}.docx`;
  writeFileSync(out, await referralDocx(draft.blocks, draft.title));
  process.stdout.write(`Предписание записано / referral written: ${out}\n`);
  if (opts.record) {
    const { localRuntime, sqsFor } = await import('@uii/local/client');
    const { SendMessageCommand } = await import('@aws-sdk/client-sqs');
    const info = localRuntime();
    const url = info?.queueUrls['case-events'] ?? process.env.CASE_EVENTS_QUEUE_URL;
    if (!url)
      throw new UsageError(
        'очередь case-events не найдена: запустите npm start или задайте CASE_EVENTS_QUEUE_URL',
      );
    await sqsFor(info).send(
      new SendMessageCommand({
        QueueUrl: url,
        MessageBody: JSON.stringify({
          caseId,
          event: { type: 'referral_issued', date: today, vacancyId },
          source: 'officer',
        }),
      }),
    );
    process.stdout.write(`Событие referral_issued поставлено в очередь: место ${vacancyId} удерживается\n`);
  }
}
