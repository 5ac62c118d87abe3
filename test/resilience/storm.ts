import { CaseStore } from '@uii/aws/case-store';
import { DirectoryStore } from '@uii/aws/directory-store';
import type { LocalStack } from '@uii/local/testing';

/**
 * Proof 1 harness (issue 14): a redelivery storm with fault injection. Case events and alert
 * jobs are each delivered three times; every AWS call the functions make (DynamoDB, SQS, SES,
 * S3, through the runtime's fault proxies) fails with probability `faultRate`, half of the
 * time before the call and half after it (the work done, the answer lost). Afterwards, what
 * reached a DLQ is redriven with faults off. A clean twin of every case, delivered once
 * without faults, is the reference: lost = cases or mails missing, duplicated = extra.
 */
export interface StormFigures {
  events: number;
  deliveries: number;
  faultsInjected: number;
  callsUnderFaults: number;
  redriven: number;
  casesChecked: number;
  casesDiffering: number;
  mailsExpected: number;
  /** Mails the clean twins got that name their case (what each stormed case must get too). */
  caseAlertsExpected: number;
  lost: number;
  /** Of those: direct alert jobs not sent, and alerts of case events missing against the clean twins. */
  lostJobs: number;
  lostCaseAlerts: number;
  duplicated: number;
  seconds: number;
  throughputPerSecond: number;
  /** Job or case event on its queue → its (first) mail sent; over `latencies` mails. */
  latencies: number;
  latencyP50Seconds: number;
  latencyP99Seconds: number;
}

const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : 0;

export async function runStorm(
  stack: LocalStack,
  options: { events: number; faultRate: number; redeliveries?: number },
): Promise<StormFigures> {
  const faults = stack.runtime;
  const started = performance.now();
  // Drain budgets grow with the run (a 7,500-event soak outran a fixed 10 minutes on a loaded
  // 2-core machine): about 1 s of wall time per event and phase, never less than the CI sizes'.
  const budget = (minimumMs: number) => Math.max(minimumMs, options.events * 1000);
  const copies = options.redeliveries ?? 3;
  const table = stack.env.TABLE_NAME!;
  const directory = new DirectoryStore(table);
  await directory.putInspection({ id: 'INSP-S', email: 'uii@uii.example', headEmail: 'head@uii.example' });
  await directory.putOfficer({ id: 'OFF-S', email: 'inspector@uii.example', inspectionId: 'INSP-S' });
  const cases = new CaseStore(table);
  const nCases = Math.ceil(options.events / 2);
  const nJobs = options.events - nCases;
  const caseIds = Array.from({ length: nCases }, (_, i) => `STORM-${i}`);
  const twinOf = (id: string) => `CLEAN-${id}`;
  for (const id of caseIds)
    for (const caseId of [id, twinOf(id)])
      await cases.putCase({
        id: caseId,
        sentence: 'compulsory_labor',
        hoursOrdered: 120,
        inspectionId: 'INSP-S',
        officerId: 'OFF-S',
        region: '70',
      });
  const eventOf = (caseId: string) => ({
    caseId,
    eventId: `storm-${caseId}`,
    event: { type: 'court_order_received', date: '2026-03-02' },
    source: 'officer',
  });
  // The clean reference first: once each, no faults.
  for (const id of caseIds) await stack.sendToQueue('case-events', eventOf(twinOf(id)));
  await stack.drain(undefined, { timeoutMs: budget(600_000) });
  const mailsBefore = (await stack.outbox()).length;

  // The storm.
  const sentAt = new Map<string, number>();
  const jobs = Array.from({ length: nJobs }, (_, i) => ({
    id: `storm-job-${i}`,
    kind: 'test.storm',
    audience: 'officer',
    to: ['inspector@uii.example'],
    subject: `storm-job-${i}`,
    text: 'Проверка',
  }));
  const deliveries: [string, unknown][] = [];
  for (let c = 0; c < copies; c++) {
    for (const id of caseIds) deliveries.push(['case-events', eventOf(id)]);
    for (const job of jobs) deliveries.push(['alert-outbox', job]);
  }
  // When each alert job, and each case's event, first arrived on its queue (the latency's start).
  const caseEventAt = new Map<string, number>();
  for (const [queue, body] of deliveries) {
    await stack.sendToQueue(queue, body);
    const { subject, caseId } = body as { subject?: string; caseId?: string };
    if (subject && !sentAt.has(subject)) sentAt.set(subject, Date.now());
    if (caseId && !caseEventAt.has(caseId)) caseEventAt.set(caseId, Date.now());
  }
  // Lost answers everywhere but SES: a mail SES accepted whose answer is lost cannot be told from
  // one it refused (no idempotency token in SendEmail); that case is the SES-event reconciliation's.
  faults.setFaultRate(options.faultRate, ['dynamodb', 'sqs', 's3']);
  faults.setFaultRate(options.faultRate, ['ses'], { lostAnswers: false });
  await stack.drain(undefined, { timeoutMs: budget(1_800_000) });
  faults.setFaultRate(0);

  // What exhausted its retries: redrive (faults off), as an operator would.
  let redriven = 0;
  for (const d of await stack.queueDepths()) {
    if (!d.dlq?.depth) continue;
    redriven += d.dlq.depth;
    await stack.runtime.redrive(d.name);
  }
  await stack.drain(undefined, { timeoutMs: budget(600_000) });

  // Compare each stormed case with its clean twin.
  let differing = 0;
  for (const id of caseIds) {
    const [a, b] = await Promise.all([cases.getCase(id), cases.getCase(twinOf(id))]);
    const events = await cases.listEvents(id);
    if (!a || !b || JSON.stringify(a.projection) !== JSON.stringify(b.projection) || events.length !== 1)
      differing += 1;
  }
  const mail = (await stack.outbox()).slice(mailsBefore);
  const bySubject = new Map<string, number>();
  for (const m of mail) bySubject.set(m.subject, (bySubject.get(m.subject) ?? 0) + 1);
  let lost = 0;
  let duplicated = 0;
  const latencies: number[] = [];
  for (const job of jobs) {
    const n = bySubject.get(job.subject) ?? 0;
    if (n === 0) lost += 1;
    if (n > 1) duplicated += n - 1;
  }
  // Latency: from the arrival of the job, or of the case event behind a case alert, to the
  // mail in the SES mailbox (the first such mail of each).
  const caseNamed = /(?<![\w-])(STORM-\d+)(?![\w-])/;
  const counted = new Set<string>();
  for (const m of mail) {
    const caseId = caseNamed.exec(m.subject)?.[1];
    const key = caseId ?? m.subject;
    const sent = caseId ? caseEventAt.get(caseId) : sentAt.get(m.subject);
    if (!sent || counted.has(key)) continue;
    counted.add(key);
    latencies.push(Math.max(0, m.at - sent / 1000));
  }
  // Alerts the case events produced, case by case: each stormed case must get the mails its
  // clean twin got (by the case its subject names; a digest or any other mail naming no case
  // is not counted, whichever phase it landed in).
  const cleanMails = (await stack.outbox()).slice(0, mailsBefore);
  const naming = (mails: typeof mail, caseId: string) => {
    const word = new RegExp(`(?<![\\w-])${caseId}(?![\\w-])`);
    return mails.filter((m) => word.test(m.subject)).length;
  };
  let caseAlertsExpected = 0;
  let lostCaseAlerts = 0;
  for (const id of caseIds) {
    const expected = naming(cleanMails, twinOf(id));
    const got = naming(mail, id);
    caseAlertsExpected += expected;
    if (got < expected) lostCaseAlerts += expected - got;
    if (got > expected) duplicated += got - expected;
  }
  const lostJobs = lost;
  lost += lostCaseAlerts;
  latencies.sort((x, y) => x - y);
  const seconds = (performance.now() - started) / 1000;
  return {
    events: options.events,
    deliveries: deliveries.length,
    faultsInjected: faults.faultCounts().before + faults.faultCounts().after,
    callsUnderFaults: faults.faultCounts().requests,
    redriven,
    casesChecked: caseIds.length,
    casesDiffering: differing,
    mailsExpected: nJobs + caseAlertsExpected,
    caseAlertsExpected,
    lost: lost + differing,
    lostJobs,
    lostCaseAlerts,
    duplicated,
    seconds,
    throughputPerSecond: deliveries.length / seconds,
    latencies: latencies.length,
    latencyP50Seconds: percentile(latencies, 50),
    latencyP99Seconds: percentile(latencies, 99),
  };
}

export const formatStorm = (f: StormFigures) =>
  `events=${f.events} deliveries=${f.deliveries} faults injected=${f.faultsInjected}/${f.callsUnderFaults} AWS calls redriven=${f.redriven} ` +
  `cases differing=${f.casesDiffering}/${f.casesChecked} mails expected=${f.mailsExpected} (case alerts ${f.caseAlertsExpected}) ` +
  `lost=${f.lost} (jobs ${f.lostJobs}, case alerts ${f.lostCaseAlerts}) duplicated=${f.duplicated} time=${f.seconds.toFixed(1)} s ` +
  `throughput=${f.throughputPerSecond.toFixed(1)} deliveries/s latency (queue → mail sent, ${f.latencies} mails) p50=${f.latencyP50Seconds.toFixed(1)} s ` +
  `p99=${f.latencyP99Seconds.toFixed(1)} s`;
