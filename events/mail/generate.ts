/**
 * Writes the worksite-mail corpus: `npx tsx events/mail/generate.ts`.
 * Real MIME, built by hand so charsets and transfer encodings are exactly what worksites send
 * (Windows-1251 8bit, KOI8-R base64, UTF-8 quoted-printable, attachments). The 20 MB message
 * is not committed: tests build it with `bigAttachmentEml()`.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';

const HERE = dirname(fileURLToPath(import.meta.url));
const INBOX = 'uii-70@inbound.uii.example';
const PASS =
  'amazonses.com; spf=pass smtp.mailfrom=stroy-primer.example; dkim=pass header.i=@stroy-primer.example; dmarc=pass header.from=stroy-primer.example';
const PASS_BLAGO =
  'amazonses.com; spf=pass smtp.mailfrom=blago-tomsk.example; dkim=pass header.i=@blago-tomsk.example; dmarc=pass header.from=blago-tomsk.example';
const MASTER =
  '=?UTF-8?B?' +
  Buffer.from('Мастер участка Козлов А.В.').toString('base64') +
  '?= <master@stroy-primer.example>';
const KADRY =
  '=?UTF-8?B?' +
  Buffer.from('Отдел кадров ООО «Пример»').toString('base64') +
  '?= <kadry@stroy-primer.example>';
const BLAGO =
  '=?UTF-8?B?' +
  Buffer.from('Диспетчер МБУ «Благоустройство»').toString('base64') +
  '?= <dispetcher@blago-tomsk.example>';

type Encoding = '8bit' | 'base64' | 'quoted-printable' | '7bit';

interface Part {
  type: string; // e.g. text/plain
  charset?: string;
  encoding: Encoding;
  content: string | Buffer;
  filename?: string;
}

interface Message {
  from: string;
  subject: string;
  date: string;
  id: string;
  auth?: string | null;
  extraHeaders?: string[];
  parts: Part[];
  /** multipart/alternative instead of mixed */
  alternative?: boolean;
}

function encodedWord(text: string): string {
  return /^[\x20-\x7e]*$/.test(text) ? text : `=?UTF-8?B?${Buffer.from(text).toString('base64')}?=`;
}

function qp(bytes: Buffer): string {
  let line = '';
  const lines: string[] = [];
  for (const b of bytes) {
    if (b === 0x0a) {
      lines.push(line);
      line = '';
      continue;
    }
    if (b === 0x0d) continue;
    const ch =
      (b >= 33 && b <= 126 && b !== 61) || b === 32
        ? String.fromCharCode(b)
        : `=${b.toString(16).toUpperCase().padStart(2, '0')}`;
    if (line.length + ch.length > 75) {
      lines.push(`${line}=`);
      line = '';
    }
    line += ch;
  }
  lines.push(line);
  return lines.map((l) => l.replace(/ $/, '=20')).join('\r\n');
}

function b64(bytes: Buffer): string {
  return bytes.toString('base64').replace(/.{76}/g, '$&\r\n');
}

function bytesOf(part: Part): Buffer {
  if (Buffer.isBuffer(part.content)) return part.content;
  return part.charset && part.charset.toLowerCase() !== 'utf-8'
    ? iconv.encode(part.content, part.charset)
    : Buffer.from(part.content);
}

function renderPart(part: Part): Buffer {
  const bytes = bytesOf(part);
  const head = [
    `Content-Type: ${part.type}${part.charset ? `; charset=${part.charset}` : ''}${part.filename ? `; name="${encodedWord(part.filename)}"` : ''}`,
    `Content-Transfer-Encoding: ${part.encoding}`,
    ...(part.filename ? [`Content-Disposition: attachment; filename="${encodedWord(part.filename)}"`] : []),
  ].join('\r\n');
  const body =
    part.encoding === 'base64'
      ? Buffer.from(b64(bytes))
      : part.encoding === 'quoted-printable'
        ? Buffer.from(qp(bytes))
        : Buffer.from(bytes.toString('latin1').replace(/\r?\n/g, '\r\n'), 'latin1');
  return Buffer.concat([Buffer.from(`${head}\r\n\r\n`), body]);
}

export function render(m: Message): Buffer {
  const headers = [
    `Return-Path: <${m.from.match(/<([^>]+)>/)?.[1] ?? m.from}>`,
    ...(m.auth ? [`Authentication-Results: ${m.auth}`] : []),
    `From: ${m.from}`,
    `To: ${INBOX}`,
    `Subject: ${encodedWord(m.subject)}`,
    `Date: ${m.date}`,
    `Message-ID: <${m.id}>`,
    ...(m.extraHeaders ?? []),
    'MIME-Version: 1.0',
  ];
  if (m.parts.length === 1 && !m.parts[0]!.filename) {
    return Buffer.concat([
      Buffer.from(`${headers.join('\r\n')}\r\n`),
      renderPart(m.parts[0]!),
      Buffer.from('\r\n'),
    ]);
  }
  const boundary = `----=_Part_${createHash('md5').update(m.id).digest('hex').slice(0, 16)}`;
  const chunks: Buffer[] = [
    Buffer.from(
      `${headers.join('\r\n')}\r\nContent-Type: multipart/${m.alternative ? 'alternative' : 'mixed'}; boundary="${boundary}"\r\n\r\nThis is a multi-part message in MIME format.\r\n`,
    ),
  ];
  for (const part of m.parts) {
    chunks.push(Buffer.from(`\r\n--${boundary}\r\n`), renderPart(part));
  }
  chunks.push(Buffer.from(`\r\n--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

const text = (content: string, charset = 'UTF-8', encoding: Encoding = '8bit'): Part => ({
  type: 'text/plain',
  charset,
  encoding,
  content,
});
const html = (content: string, charset = 'UTF-8', encoding: Encoding = 'quoted-printable'): Part => ({
  type: 'text/html',
  charset,
  encoding,
  content,
});

async function xlsx(rows: Array<Array<string | number | Date>>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'ООО Пример';
  wb.created = new Date('2026-11-16T00:00:00Z');
  wb.modified = new Date('2026-11-16T00:00:00Z');
  const ws = wb.addWorksheet('Табель');
  for (const r of rows) ws.addRow(r);
  ws.getColumn(2).numFmt = 'dd.mm.yyyy';
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const SIGN = '\n\nС уважением,\nмастер участка Козлов А.В.\nООО «Пример», тел. +7 (3822) 00-00-00\n';

export async function corpus(): Promise<Record<string, Message>> {
  return {
    'demo-absence': {
      from: MASTER,
      auth: PASS,
      subject: 'Неявка на работу',
      date: 'Tue, 17 Nov 2026 16:40:00 +0300',
      id: 'demo-or1-absence-1@stroy-primer.example',
      parts: [
        text(
          `Добрый день!\n\nСообщаем, что Образцов Пётр 17.11.2026 не вышел на работу без уважительной причины.${SIGN}`,
        ),
      ],
    },
    'demo-absence-2': {
      from: MASTER,
      auth: PASS,
      subject: 'Повторная неявка',
      date: 'Fri, 20 Nov 2026 17:05:00 +0300',
      id: 'demo-or1-absence-2@stroy-primer.example',
      parts: [
        text(
          `Здравствуйте.\n\nОбразцов П. сегодня, 20.11.2026, снова не вышел на работу, прогул, на звонки\nне отвечает. Уважительных причин не сообщил.${SIGN}`,
        ),
      ],
    },
    'plain-hours': {
      from: MASTER,
      auth: PASS,
      subject: 'Часы за 16.11',
      date: 'Mon, 16 Nov 2026 18:10:00 +0300',
      id: 'plain-hours@stroy-primer.example',
      parts: [
        text(
          `Добрый вечер.\n\nЗа 16.11.2026:\n- Петрова М.С. отработала 4 часа;\n- Сидоренко А.П. отработал 3 часа.${SIGN}`,
        ),
      ],
    },
    'html-only-table': {
      from: BLAGO,
      auth: PASS_BLAGO,
      subject: 'Табель отработки',
      date: 'Wed, 18 Nov 2026 12:00:00 +0300',
      id: 'html-only-table@blago-tomsk.example',
      parts: [
        html(
          '<html><body><p>Добрый день! Направляем табель.</p><table border="1"><tr><th>ФИО</th><th>Дата</th><th>Часы</th><th>Причина</th></tr>' +
            '<tr><td>Смирнов Павел Андреевич</td><td>17.11.2026</td><td>4</td><td></td></tr>' +
            '<tr><td>Кузнецова Елена Викторовна</td><td>17.11.2026</td><td>0</td><td>больничный лист</td></tr>' +
            '<tr><td>Шевченко Никита Юрьевич</td><td>17.11.2026</td><td>&nbsp;</td><td>не вышел, причина неизвестна</td></tr>' +
            '</table><p>Диспетчер</p></body></html>',
        ),
      ],
    },
    'html-only-text': {
      from: BLAGO,
      auth: PASS_BLAGO,
      subject: 'Информация по осуждённым',
      date: 'Thu, 19 Nov 2026 09:15:00 +0300',
      id: 'html-only-text@blago-tomsk.example',
      parts: [
        html(
          '<div dir="ltr"><div>Здравствуйте!</div><div><br></div><div>Шевченко Никита Юрьевич&nbsp;18.11.2026 отработал 4 ч.</div>' +
            '<div>Смирнов П.А. 18.11.2026 не вышел на работу, причина: повестка в военкомат, копию повестки предоставил.</div><div><br></div><div>-- <br>Диспетчер МБУ &laquo;Благоустройство&raquo;</div></div>',
          'UTF-8',
          'base64',
        ),
      ],
    },
    'windows-1251': {
      from: MASTER,
      auth: PASS,
      subject: 'Неявка Ковалёва',
      date: 'Tue, 10 Nov 2026 15:20:00 +0300',
      id: 'cp1251-8bit@stroy-primer.example',
      parts: [
        text(
          `Добрый день.\nКовалёв Дмитрий Олегович 10.11.2026 не явился на работу, причина не известна.${SIGN}`,
          'windows-1251',
          '8bit',
        ),
      ],
    },
    'koi8-r': {
      from: MASTER,
      auth: PASS,
      subject: 'Отработка',
      date: 'Wed, 11 Nov 2026 19:00:00 +0300',
      id: 'koi8r-base64@stroy-primer.example',
      parts: [
        text(
          `Белозерский А.В. отработал 11.11.2026 4 часа.\nПетрова М.С. 11.11.2026 отработала 2,5 ч.${SIGN}`,
          'KOI8-R',
          'base64',
        ),
      ],
    },
    'quoted-printable': {
      from: KADRY,
      auth: PASS,
      subject: 'Больничный',
      date: 'Thu, 12 Nov 2026 10:00:00 +0300',
      id: 'qp-utf8@stroy-primer.example',
      parts: [
        text(
          'Сидоренко Алексей Петрович не выходил на работу 11.11.2026 по болезни, представил листок нетрудоспособности.\n\nОтдел кадров',
          'UTF-8',
          'quoted-printable',
        ),
      ],
    },
    'outlook-forward': {
      from: MASTER,
      auth: PASS,
      subject: 'FW: Неявка 09.11',
      date: 'Tue, 10 Nov 2026 08:30:00 +0300',
      id: 'outlook-forward@stroy-primer.example',
      parts: [
        text(
          '\n\n-----Original Message-----\nFrom: Отдел кадров ООО «Пример» <kadry@stroy-primer.example>\nSent: Monday, November 9, 2026 5:12 PM\nTo: Мастер участка <master@stroy-primer.example>\nSubject: Неявка 09.11\n\nПетрова Мария Сергеевна сегодня не вышла на работу без уважительной причины.\n',
        ),
      ],
    },
    'forward-foreign': {
      from: MASTER,
      auth: PASS,
      subject: 'Fwd: от бригадира',
      date: 'Fri, 13 Nov 2026 09:00:00 +0300',
      id: 'forward-foreign@stroy-primer.example',
      parts: [
        text(
          '\n-------- Пересылаемое сообщение --------\nОт: Бригадир Сомов <somov.brigadir@mail.example>\nДата: 12.11.2026 18:40\nТема: неявка\nКому: master@stroy-primer.example\n\nКовалёв Д.О. сегодня не вышел, прогул.\n',
        ),
      ],
    },
    'forward-own': {
      from: MASTER,
      auth: PASS,
      subject: 'Fwd: Неявка',
      date: 'Mon, 16 Nov 2026 09:05:00 +0300',
      id: 'forward-own@stroy-primer.example',
      parts: [
        text(
          '\n-------- Пересылаемое сообщение --------\nОт: Мастер участка Козлов А.В. <master@stroy-primer.example>\nДата: 13.11.2026 17:00\nТема: Неявка\nКому: uii-70@old-inbox.example\n\nВчера Сидоренко А.П. не вышел на работу, причина неизвестна.\n',
        ),
      ],
    },
    'reply-quoted': {
      from: MASTER,
      auth: PASS,
      subject: 'Re: Запрос сведений',
      date: 'Wed, 18 Nov 2026 11:00:00 +0300',
      id: 'reply-quoted@stroy-primer.example',
      extraHeaders: ['In-Reply-To: <request-77@uii.example>'],
      parts: [
        text(
          'Отвечаю: Ковалёв Д.О. 17.11.2026 отработал 4 часа.\n\n18.11.2026, 09:12, Инспектор УИИ <uii-70@inbound.uii.example> пишет:\n> Просим сообщить, отработали ли Иванов И.И. и Петрова М.С. 16.11.2026.\n> Иванов И.И. 16.11.2026 не вышел на работу?\n',
        ),
      ],
    },
    'reply-outlook': {
      from: KADRY,
      auth: PASS,
      subject: 'RE: Сверка',
      date: 'Thu, 19 Nov 2026 14:00:00 +0300',
      id: 'reply-outlook@stroy-primer.example',
      parts: [
        text(
          'Добрый день!\nПетрова Мария Сергеевна 18.11.2026 отработала 4 ч.\n\nОтдел кадров\n\nFrom: Инспектор УИИ <uii-70@inbound.uii.example>\nSent: Wednesday, November 18, 2026 10:00 AM\nTo: kadry@stroy-primer.example\nSubject: Сверка\n\nСидоренко А.П. 17.11.2026 не вышел на работу без уважительной причины — подтвердите.\n',
        ),
      ],
    },
    'csv-attachment': {
      from: KADRY,
      auth: PASS,
      subject: 'Табель за неделю',
      date: 'Sat, 14 Nov 2026 10:00:00 +0300',
      id: 'csv-utf8@stroy-primer.example',
      parts: [
        text('Табель во вложении.\n\nОтдел кадров'),
        {
          type: 'text/csv',
          charset: 'UTF-8',
          encoding: 'base64',
          filename: 'табель.csv',
          content:
            'ФИО;Дата;Часы;Причина\nИванов Иван Иванович;12.11.2026;4;\nПетрова Мария Сергеевна;12.11.2026;3;\nКовалёв Дмитрий Олегович;12.11.2026;;прогул\nСидоренко Алексей Петрович;13.11.2026;4;\n',
        },
      ],
    },
    'csv-cp1251': {
      from: BLAGO,
      auth: PASS_BLAGO,
      subject: 'Отчёт',
      date: 'Mon, 16 Nov 2026 08:00:00 +0300',
      id: 'csv-cp1251@blago-tomsk.example',
      parts: [
        text('Отчёт во вложении.'),
        {
          type: 'application/vnd.ms-excel',
          encoding: 'base64',
          filename: 'otchet.csv',
          content: iconv.encode(
            '"ФИО","дата","кол-во часов","примечание"\n"Смирнов П.А.","13.11.26","3",""\n"Кузнецова Е.В.","13.11.26","","справка о смерти родственника"\n',
            'win1251',
          ),
        },
      ],
    },
    'english-csv': {
      from: BLAGO,
      auth: PASS_BLAGO,
      subject: 'Hours report',
      date: 'Tue, 17 Nov 2026 08:00:00 +0300',
      id: 'english-csv@blago-tomsk.example',
      parts: [
        text('Please find the report attached.'),
        {
          type: 'text/csv',
          charset: 'UTF-8',
          encoding: 'base64',
          filename: 'report.csv',
          content:
            'Name,Date,Hours,Reason\nSmirnov P.A. (case 70-0011),2026-11-16,4,\n"Шевченко Никита Юрьевич",2026-11-16,0,"no show, no reason"\n',
        },
      ],
    },
    'xlsx-attachment': {
      from: KADRY,
      auth: PASS,
      subject: 'Табель XLSX',
      date: 'Sat, 21 Nov 2026 10:00:00 +0300',
      id: 'xlsx@stroy-primer.example',
      parts: [
        text('Табель за 19–20 ноября во вложении.'),
        {
          type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          encoding: 'base64',
          filename: 'Табель ноябрь.xlsx',
          content: await xlsx([
            ['Табель учёта отработанного времени, ООО «Пример»'],
            ['№ дела', 'Дата', 'ФИО', 'Часы', 'Примечание'],
            ['70-0002', new Date(Date.UTC(2026, 10, 19)), 'Петрова Мария Сергеевна', 4, ''],
            ['70-0006', new Date(Date.UTC(2026, 10, 19)), 'Белозёрский Артём Викторович', 3.5, ''],
            ['', new Date(Date.UTC(2026, 10, 20)), 'Ковалёв Дмитрий Олегович', 'Б', 'больничный лист'],
          ]),
        },
      ],
    },
    'several-people': {
      from: MASTER,
      auth: PASS,
      subject: 'Сведения за 13 ноября',
      date: 'Fri, 13 Nov 2026 18:30:00 +0300',
      id: 'several@stroy-primer.example',
      parts: [
        text(
          `Добрый вечер.\n\nНе вышли на работу 13.11.2026:\n1. Иванов И.И. — причина не известна;\n2. Белозёрский А.В. — без уважительной причины.\n\nПетрова М.С. и Сидоренко А.П. отработали по 4 часа 13.11.2026.${SIGN}`,
        ),
      ],
    },
    misspelled: {
      from: MASTER,
      auth: PASS,
      subject: 'неявка',
      date: 'Thu, 19 Nov 2026 17:00:00 +0300',
      id: 'misspelled@stroy-primer.example',
      parts: [
        text(
          'Сидоренка А.П. 19.11.2026 не вышел без уважительной причины. Петрвоа Мария 19.11.2026 отработала 4 часа.',
        ),
      ],
    },
    initials: {
      from: MASTER,
      auth: PASS,
      subject: 'Отработка',
      date: 'Wed, 18 Nov 2026 18:00:00 +0300',
      id: 'initials@stroy-primer.example',
      parts: [
        text(
          'Иванов И.И. 18.11.2026 отработал 4 ч.\nО.Н. Иванова 18.11.2026 отработала 3 ч.\nИванову И. И. 17.11.2026 поставлен прогул.',
        ),
      ],
    },
    'date-in-words': {
      from: BLAGO,
      auth: PASS_BLAGO,
      subject: 'Неявка',
      date: 'Fri, 13 Nov 2026 10:00:00 +0300',
      id: 'date-words@blago-tomsk.example',
      parts: [
        text(
          'Сообщаем, что Кузнецова Елена Викторовна 12 ноября 2026 г. не вышла на работу по уважительной причине (похороны родственника), справку обещала принести, пока не представила.',
        ),
      ],
    },
    'relative-dates': {
      from: BLAGO,
      auth: PASS_BLAGO,
      subject: 'Сведения',
      date: 'Wed, 18 Nov 2026 08:30:00 +0300',
      id: 'relative@blago-tomsk.example',
      parts: [
        text('Смирнов П.А. позавчера отработал 4 часа, а вчера не вышел на работу, на связь не выходит.'),
      ],
    },
    'no-date': {
      from: MASTER,
      auth: PASS,
      subject: 'Петрова',
      date: 'Sat, 14 Nov 2026 12:00:00 +0300',
      id: 'nodate@stroy-primer.example',
      parts: [text('Петрова Мария Сергеевна опять не вышла на работу, причину не сообщила.')],
    },
    spoofed: {
      from: MASTER,
      auth: 'amazonses.com; spf=fail smtp.mailfrom=bulk-sender.example; dkim=none; dmarc=fail header.from=stroy-primer.example',
      subject: 'Неявка',
      date: 'Sun, 15 Nov 2026 03:00:00 +0300',
      id: 'spoof-991@bulk-sender.example',
      parts: [text('Иванов Иван Иванович 14.11.2026 отработал 8 часов.')],
    },
    'unregistered-sender': {
      from: `=?UTF-8?B?${Buffer.from('Неизвестный').toString('base64')}?= <someone@mail.example>`,
      auth: 'amazonses.com; spf=pass smtp.mailfrom=mail.example; dkim=pass header.i=@mail.example; dmarc=pass header.from=mail.example',
      subject: 'Сведения о работе',
      date: 'Sun, 15 Nov 2026 12:00:00 +0300',
      id: 'stranger@mail.example',
      parts: [text('Петрова М.С. 14.11.2026 отработала 4 часа.')],
    },
    'dkim-fail': {
      from: KADRY,
      auth: 'amazonses.com; spf=pass smtp.mailfrom=stroy-primer.example; dkim=fail (body hash did not verify) header.i=@stroy-primer.example; dmarc=fail header.from=stroy-primer.example',
      subject: 'Неявка',
      date: 'Mon, 16 Nov 2026 09:00:00 +0300',
      id: 'dkim-fail@stroy-primer.example',
      parts: [text('Белозёрский А.В. 15.11.2026 не вышел на работу без уважительной причины.')],
    },
    'no-auth-header': {
      from: MASTER,
      auth: null,
      subject: 'Часы',
      date: 'Mon, 16 Nov 2026 19:00:00 +0300',
      id: 'noauth@stroy-primer.example',
      parts: [text('Сидоренко А.П. 16.11.2026 отработал 4 часа.')],
    },
    'empty-body': {
      from: MASTER,
      auth: PASS,
      subject: '',
      date: 'Tue, 17 Nov 2026 07:00:00 +0300',
      id: 'empty@stroy-primer.example',
      parts: [text('')],
    },
    'archive-attachment': {
      from: KADRY,
      auth: PASS,
      subject: 'Табель архивом',
      date: 'Tue, 17 Nov 2026 11:00:00 +0300',
      id: 'zip@stroy-primer.example',
      parts: [
        text('Табель в архиве. Также: Ковалёв Д.О. 16.11.2026 отработал 4 ч.'),
        {
          type: 'application/zip',
          encoding: 'base64',
          filename: 'tabel.zip',
          content: Buffer.from('PK\u0003\u0004 not really a zip', 'latin1'),
        },
      ],
    },
    'broken-xlsx': {
      from: KADRY,
      auth: PASS,
      subject: 'Табель',
      date: 'Wed, 18 Nov 2026 11:00:00 +0300',
      id: 'broken-xlsx@stroy-primer.example',
      parts: [
        text('Иванова Ольга Николаевна 17.11.2026 отработала 4 часа. Остальное в табеле.'),
        {
          type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          encoding: 'base64',
          filename: 'tabel.xlsx',
          content: Buffer.from('this is not a workbook'),
        },
      ],
    },
    'sick-and-excused': {
      from: KADRY,
      auth: PASS,
      subject: 'Причины неявок',
      date: 'Fri, 20 Nov 2026 10:00:00 +0300',
      id: 'sick-excused@stroy-primer.example',
      parts: [
        text(
          'Петрова М.С. 19.11.2026 отсутствовала в связи с болезнью, больничный лист предоставлен.\nИванова О.Н. 19.11.2026 не вышла на работу в связи с вызовом в суд, предъявила повестку.\nИванов И.И. 19.11.2026 не вышел: говорит, что болел, справку не представил.',
        ),
      ],
    },
    breach: {
      from: MASTER,
      auth: PASS,
      subject: 'Нарушение дисциплины',
      date: 'Thu, 12 Nov 2026 16:00:00 +0300',
      id: 'breach@stroy-primer.example',
      parts: [
        text(
          'Сообщаю, что Белозёрский Артём Викторович 12.11.2026 появился на работе в нетрезвом виде и был отстранён.',
        ),
      ],
    },
    'ambiguous-ivanova': {
      from: MASTER,
      auth: PASS,
      subject: 'Неявка',
      date: 'Sat, 21 Nov 2026 09:00:00 +0300',
      id: 'ambiguous@stroy-primer.example',
      parts: [text('Иванова 20.11.2026 не вышла на работу, причину выясняем.')],
    },
    'recommended-format': {
      from: MASTER,
      auth: PASS,
      subject: 'Сведения об отработке',
      date: 'Sun, 22 Nov 2026 20:00:00 +0300',
      id: 'recommended@stroy-primer.example',
      parts: [
        text(
          'ФИО; дата; часы; причина\nИванов Иван Иванович; 21.11.2026; 4;\nПетрова Мария Сергеевна; 21.11.2026; 0; больничный лист\nКовалёв Дмитрий Олегович; 21.11.2026; 0; без уважительной причины\nСидоренко Алексей Петрович; 22.11.2026; 0; причина неизвестна\n' +
            SIGN,
        ),
      ],
    },
    period: {
      from: MASTER,
      auth: PASS,
      subject: 'Итоги недели',
      date: 'Sun, 15 Nov 2026 20:00:00 +0300',
      id: 'period@stroy-primer.example',
      parts: [text('Иванова О.Н. с 09.11 по 13.11 отработала 12 часов.')],
    },
    'case-number': {
      from: MASTER,
      auth: PASS,
      subject: 'Неявка',
      date: 'Mon, 23 Nov 2026 09:30:00 +0300',
      id: 'case-number@stroy-primer.example',
      parts: [
        text(
          'Сообщаем, что осуждённый по делу 70-0003 не вышел на работу 20.11.2026 без уважительной причины.',
        ),
      ],
    },
    'unknown-person': {
      from: MASTER,
      auth: PASS,
      subject: 'Неявка',
      date: 'Thu, 19 Nov 2026 18:00:00 +0300',
      id: 'unknown-person@stroy-primer.example',
      parts: [text('Гусейнов Р.Т. 19.11.2026 не вышел на работу без уважительной причины.')],
    },
    'multipart-alternative-cp1251': {
      from: MASTER,
      auth: PASS,
      subject: 'Отработка',
      date: 'Tue, 17 Nov 2026 18:00:00 +0300',
      id: 'alt-1251@stroy-primer.example',
      alternative: true,
      parts: [
        text(
          'Ковалёв Д.О. 17.11.2026 отработал 2 часа, ушёл раньше без разрешения.',
          'windows-1251',
          'quoted-printable',
        ),
        html(
          '<p>Ковалёв Д.О. 17.11.2026 отработал 2 часа, ушёл раньше без разрешения.</p>',
          'windows-1251',
          'quoted-printable',
        ),
      ],
    },
  };
}

/** A 20 MB CSV attachment beside a one-line notice: built at test time, never committed. */
export function bigAttachmentEml(): Buffer {
  const line = 'Иванов Иван Иванович;16.11.2026;4;\n';
  const csv = Buffer.from(
    `ФИО;Дата;Часы;Причина\n${line.repeat(Math.ceil((20 * 1024 * 1024) / Buffer.byteLength(line)))}`,
  );
  return render({
    from: KADRY,
    auth: PASS,
    subject: 'Большой табель',
    date: 'Tue, 17 Nov 2026 12:00:00 +0300',
    id: 'big@stroy-primer.example',
    parts: [
      text('Петрова М.С. 16.11.2026 отработала 4 часа. Полный табель во вложении.'),
      { type: 'text/csv', charset: 'UTF-8', encoding: 'base64', filename: 'big.csv', content: csv },
    ],
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const all = await corpus();
  for (const [name, message] of Object.entries(all))
    writeFileSync(join(HERE, `${name}.eml`), render(message));
  console.log(`${Object.keys(all).length} messages written to ${HERE}`);
}
