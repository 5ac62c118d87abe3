import { existsSync, mkdirSync, readdirSync, renameSync, statSync, watch } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';

/**
 * Watched folders for the local demo:
 *   .local/inbox-drop/<file>.eml          delivered as SES inbound mail
 *   .local/feed-drop/<serviceId>/<file>   uploaded as uploads/<serviceId>/<file>
 * A handled file moves to a `done/` subfolder so it is delivered once.
 */
export function watchDropFolders(args: {
  root: string;
  receiveMail: (file: string) => Promise<unknown>;
  uploadFeed: (file: string, serviceId: string) => Promise<string>;
  log: (line: string) => void;
}): { inbox: string; feeds: string; close(): void } {
  const inbox = join(args.root, '.local', 'inbox-drop');
  const feeds = join(args.root, '.local', 'feed-drop');
  for (const dir of [inbox, feeds, join(inbox, 'done')]) mkdirSync(dir, { recursive: true });
  const handling = new Set<string>();

  const settle = async (file: string) => {
    // Wait until the size stops changing: editors and cp write in steps.
    let size = -1;
    for (let i = 0; i < 20; i++) {
      const now = statSync(file).size;
      if (now === size && now > 0) return;
      size = now;
      await new Promise((r) => setTimeout(r, 150));
    }
  };
  const moveDone = (file: string) => {
    const done = join(file, '..', 'done');
    mkdirSync(done, { recursive: true });
    renameSync(file, join(done, `${Date.now()}-${basename(file)}`));
  };
  const handle = async (file: string) => {
    if (handling.has(file) || !existsSync(file) || !statSync(file).isFile()) return;
    handling.add(file);
    try {
      await settle(file);
      if (file.startsWith(inbox)) {
        if (!file.endsWith('.eml')) return;
        await args.receiveMail(file);
        args.log(`Письмо из папки доставлено / dropped mail delivered: ${basename(file)}`);
      } else {
        const parts = relative(feeds, file).split(sep);
        if (parts.length !== 2 || parts[0] === 'done') {
          args.log(
            `Положите файл в .local/feed-drop/<serviceId>/ / put feeds in a service folder: ${relative(args.root, file)}`,
          );
          return;
        }
        const key = await args.uploadFeed(file, parts[0]!);
        args.log(`Лента из папки загружена / dropped feed uploaded: ${key}`);
      }
      moveDone(file);
    } catch (error) {
      args.log(`Не удалось обработать / could not handle ${basename(file)}: ${(error as Error).message}`);
    } finally {
      handling.delete(file);
    }
  };
  const scan = (dir: string, depth: number) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.name === 'done' || e.name.startsWith('.')) continue;
      const path = join(dir, e.name);
      if (e.isDirectory() && depth > 0) scan(path, depth - 1);
      else if (e.isFile()) void handle(path);
    }
  };
  // fs.watch is not recursive on every platform; a short rescan keeps it simple and reliable.
  const watchers = [watch(inbox, () => scan(inbox, 0)), watch(feeds, () => scan(feeds, 1))];
  const timer = setInterval(() => {
    scan(inbox, 0);
    scan(feeds, 1);
  }, 1000);
  timer.unref();
  scan(inbox, 0);
  scan(feeds, 1);
  return {
    inbox,
    feeds,
    close: () => {
      clearInterval(timer);
      for (const w of watchers) w.close();
    },
  };
}
