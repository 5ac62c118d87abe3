import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RULES } from '@uii/domain';
import { describe, expect, it } from 'vitest';
import { uiiInProcess as uii, uiiAsync } from './support/uii';

// No stack: UII_RUNTIME_FILE at a file that does not exist and no TABLE_NAME, so the preview
// renders from the file alone.
process.env.UII_RUNTIME_FILE = join(tmpdir(), 'no-such-runtime.json');
delete process.env.TABLE_NAME;

const dir = mkdtempSync(join(tmpdir(), 'uii-cli-usage-'));
const file = (name: string, content: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return path;
};
const random = () => Math.random().toString(36).slice(2, 8).toUpperCase();
const job = (over: Record<string, unknown> = {}) => ({
  id: `job-${random()}`,
  kind: 'deadline.reminder',
  audience: 'officer',
  to: ['officer@uii70.example'],
  subject: 'тема',
  text: '',
  caseId: `CASE-${random()}`,
  deadline: {
    rule: 'CL-JOBSEARCH',
    kind: 'reminder',
    trigger: '2026-03-01',
    due: '2026-03-12',
    asOf: '2026-03-10',
  },
  ...over,
});

/** A refusal a person can act on: Russian, no English of commander or zod, no field path. */
const expectRussianRefusal = (run: { status: number; stdout: string; stderr: string }) => {
  expect(run.status, run.stderr).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr).toMatch(/[а-яё]{4}/i);
  expect(run.stderr).not.toMatch(/\berror:|expected|Invalid|ожидалось (string|number|array)|Неверный ввод/i);
  expect(run.stderr).not.toMatch(/\b(deadline|parts|to)\.\w+/); // no zod path («deadline.due», «to.0»)
};

describe('commander usage errors are Russian, exit 2, name the option and point to --help', () => {
  const flag = `--${random().toLowerCase()}`;
  const cases: Array<[string[], RegExp]> = [
    [['alerts', 'list', flag], new RegExp(`неизвестный параметр «${flag}»`)],
    [['alerts', 'list', '--sincee', '2026-03-01'], /неизвестный параметр «--sincee».*--since/],
    [['alerts', 'list', '--since'], /--since.*не указано значение/],
    [['digest', 'preview'], /не указан обязательный параметр --officer/],
    [['alert', 'preview'], /не указан обязательный аргумент alert\.json/],
    [
      ['alert', 'preview', 'a.json', 'b.json'],
      /лишний аргумент «b\.json».*1 аргумент \(alert\.json\).*указано 2/,
    ],
    [
      ['alerts', 'list', 'extra', 'more'],
      /лишние аргументы «extra», «more»: команда аргументов не принимает/,
    ],
    [['alerts', 'list', '--bounced=yes'], /параметр --bounced указывается без значения/],
    [[`nosuch${random().toLowerCase()}`], /неизвестная команда «nosuch/],
    [['mail', 'send', '--spf', 'MAYBE', 'x.eml'], /--spf.*«MAYBE».*допустимые: PASS/],
    [
      ['mail', 'triage', 'resolve', 'T-1', '--case', 'C-1', '--hours', 'много'],
      /--hours: значение «много» не подходит: нужно число часов/,
    ],
  ];
  for (const [args, want] of cases)
    it(`uii ${args.join(' ')}`, async () => {
      const run = await uii(...args);
      expectRussianRefusal(run);
      expect(run.stderr).toMatch(want);
      expect(run.stderr).toMatch(/uii( \S+)* --help/);
    });

  it('a command group without its sub-command names them', async () => {
    const run = await uii('alerts');
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^uii: укажите команду: uii alerts list\n/);
  });

  it('values checked by the commands themselves are refused the same way', async () => {
    const month = await uii('feed', 'list', '--month', '2026-13');
    expectRussianRefusal(month);
    expect(month.stderr).toMatch(/--month: «2026-13» — не месяц/);
  });

  it('the installed command exits 2 with the same words', async () => {
    const run = await uiiAsync(['alerts', 'list', flag]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`неизвестный параметр «${flag}»`);
    expect(run.stderr).toContain('uii alerts list --help');
  });
});

describe('uii alert preview refuses what it cannot show', () => {
  it('an unknown rule: names the file, the field, the rule and the known ones', async () => {
    const rule = `XX-${random()}`;
    for (const over of [
      { deadline: { ...job().deadline, rule } },
      { deadline: undefined, rule, text: 'текст' },
      {
        parts: [
          { id: 'p1', kind: 'deadline.overdue', subject: 'a', text: 'a', rule: 'CW-EVASION' },
          {
            id: 'p2',
            kind: 'deadline.overdue',
            subject: 'b',
            text: '',
            deadline: { ...job().deadline, rule },
          },
        ],
      },
    ]) {
      const path = file(`nope-${random()}.json`, job(over));
      const run = await uii('alert', 'preview', path);
      expectRussianRefusal(run);
      expect(run.stderr).toContain(path.split('/').pop());
      expect(run.stderr).toContain(`«${rule}» не известно`);
      expect(run.stderr).toMatch(/правило/);
      for (const known of RULES.map((r) => r.id)) expect(run.stderr).toContain(known);
    }
  });

  it('deadline facts the templates cannot render: a wording not in force, a due day before its trigger, no case', async () => {
    const old = await uii(
      'alert',
      'preview',
      file('old.json', job({ deadline: { ...job().deadline, trigger: '2025-06-01', due: '2025-06-16' } })),
    );
    expectRussianRefusal(old);
    expect(old.stderr).toMatch(/«дата основания срока»: 01\.06\.2025.*CL-JOBSEARCH.*с 20\.01\.2026/);

    const backwards = await uii(
      'alert',
      'preview',
      file('back.json', job({ deadline: { ...job().deadline, due: '2026-02-20' } })),
    );
    expectRussianRefusal(backwards);
    expect(backwards.stderr).toMatch(/«последний день срока»: 20\.02\.2026 раньше/);

    const noCase = await uii('alert', 'preview', file('nocase.json', job({ caseId: undefined })));
    expectRussianRefusal(noCase);
    expect(noCase.stderr).toMatch(/«номер дела»/);
  });

  it('a mail that would be empty: no text and no deadline facts', async () => {
    const run = await uii(
      'alert',
      'preview',
      file('empty.json', job({ deadline: undefined, kind: 'feed.receipt', text: ' \n ' })),
    );
    expectRussianRefusal(run);
    expect(run.stderr).toMatch(/empty\.json: поле «текст письма»: .*пуст/);
    const html = await uii(
      'alert',
      'preview',
      '--html',
      file('nohtml.json', job({ deadline: undefined, text: 'Текст' })),
    );
    expectRussianRefusal(html);
    expect(html.stderr).toMatch(/нет HTML-части/);
    const blank = await uii(
      'alert',
      'preview',
      file('blank.json', job({ deadline: undefined, subject: '  ', text: 'Текст' })),
    );
    expectRussianRefusal(blank);
    expect(blank.stderr).toMatch(/blank\.json: поле «тема письма»: пуста/);
    const htmlOnly = file('htmlonly.json', job({ deadline: undefined, text: '', html: '<p>Письмо</p>' }));
    expectRussianRefusal(await uii('alert', 'preview', htmlOnly));
    const shown = await uii('alert', 'preview', '--html', htmlOnly);
    expect(shown.status).toBe(0);
    expect(shown.stdout).toContain('<p>Письмо</p>');
  });

  it('a file that is not JSON, or not an alert job: where and why, field names in words', async () => {
    const broken = await uii('alert', 'preview', file('broken.json', '{\n  "id": "a",\n  "kind": oops\n}'));
    expectRussianRefusal(broken);
    expect(broken.stderr).toMatch(/broken\.json: это не JSON — строка 3/);

    const cut = await uii('alert', 'preview', file('cut.json', '{"id": "a", "to": ['));
    expectRussianRefusal(cut);
    expect(cut.stderr).toMatch(/cut\.json: это не JSON — текст обрывается/);
    const missing = await uii('alert', 'preview', join(dir, 'nowhere.json'));
    expectRussianRefusal(missing);
    expect(missing.stderr).toMatch(/nowhere\.json: не удалось прочитать файл — его нет/);

    const sqs = await uii(
      'alert',
      'preview',
      file('sqs.json', { Records: [{ body: JSON.stringify(job()) }] }),
    );
    expectRussianRefusal(sqs);
    expect(sqs.stderr).toMatch(
      /sqs\.json: это не задание уведомления: нет ни одного из полей id, kind.*событие SQS/,
    );

    const list = await uii('alert', 'preview', file('list.json', [job()]));
    expectRussianRefusal(list);
    expect(list.stderr).toMatch(/list\.json: это не задание уведомления/);

    const bad = await uii(
      'alert',
      'preview',
      file(
        'bad.json',
        job({
          audience: 'boss',
          kind: undefined,
          to: ['not-an-address'],
          text: 7,
          deadline: { rule: 'CL-JOBSEARCH', kind: 'later', trigger: '2026-13-01', asOf: '2026-03-10' },
        }),
      ),
    );
    expectRussianRefusal(bad);
    for (const line of [
      /bad\.json: поле «кому \(аудитория\)»: «boss» — не из списка; допустимые: officer \(инспектору\)/,
      /поле «адрес № 1 получателя»: «not-an-address» — не адрес электронной почты/,
      /поле «текст письма»: ожидается текст, указано: число «7»/,
      /поле «вид уведомления»: не указано \(обязательное поле\)/,
      /поле «этап срока»: «later» — не из списка/,
      /поле «дата основания срока»: «2026-13-01» — не дата/,
      /поле «последний день срока»: не указано/,
      /письмо не показано: 7 ошибок/,
    ])
      expect(bad.stderr).toMatch(line);
  });

  it('still renders a job it can', async () => {
    const run = await uii('alert', 'preview', file('ok.json', job()));
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^Тема: CL-JOBSEARCH: 2 дня до 12\.03\.2026/);
  });
});
