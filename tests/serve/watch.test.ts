/** Watch mode in-process, driven with trigger() on a temporary copy of tests/fixtures/serve-deck. */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { watch, type WatchSession } from '../../src/api/watch.js';
import { serve, type ServeHandle } from '../../src/api/serve.js';
import { createWatcher } from '../../src/io/watch.js';
import { copyFixture, tempDir } from '../helpers/cli.js';

let tmp: { dir: string; cleanup: () => void };
let deck: string;
let session: WatchSession | undefined;

beforeEach(() => {
  tmp = tempDir('briefing-watch-');
  deck = copyFixture('serve-deck', tmp.dir);
});
afterEach(async () => {
  await session?.close();
  session = undefined;
  tmp.cleanup();
});

const start = async () => {
  session = await watch({ briefing: deck, outDir: join(tmp.dir, 'out'), cwd: tmp.dir, fsEvents: false, debounceMs: 5 });
  expect(session.last.ok).toBe(true);
  return session;
};
const change = async (s: WatchSession, ...files: string[]) => {
  for (const f of files) s.trigger(join(deck, f));
  await s.idle();
  return s.last;
};
const edit = (file: string, from: string, to: string) => {
  const path = join(deck, file);
  const text = readFileSync(path, 'utf8');
  expect(text).toContain(from);
  writeFileSync(path, text.replace(from, to));
};
const served = (s: WatchSession) => readFileSync(join(s.deckDir, 'index.html'), 'utf8');

describe('watch mode', () => {
  it('re-renders only the edited section and rewrites only index.html', async () => {
    const s = await start();
    expect(s.last.result.rendered).toHaveLength(3);
    edit('020-middle.md', 'says hello', 'says goodbye');
    const event = await change(s, '020-middle.md');
    expect(event.ok).toBe(true);
    expect(event.changed).toEqual(['serve-deck/020-middle.md']);
    expect(event.result.rendered).toEqual(['serve-deck/020-middle.md']);
    expect(event.result.recomposed).toEqual(['serve-deck/020-middle.md']);
    expect(event.written).toEqual(['index.html']);
    expect(served(s)).toContain('The middle slide says goodbye.');
  });

  it('re-composes every section, re-rendering none, when a template changes', async () => {
    const s = await start();
    mkdirSync(join(deck, 'templates', 'layouts'), { recursive: true });
    writeFileSync(join(deck, 'templates', 'layouts', 'content.hbs'), '<h2 class="custom-title">{{section.title}}</h2>\n{{{slide.html}}}\n');
    const event = await change(s, 'templates/layouts/content.hbs');
    expect(event.result.rendered).toEqual([]);
    expect(event.result.recomposed).toHaveLength(3);
    expect(served(s)).toContain('<h2 class="custom-title">Middle</h2>');
  });

  it('re-composes the sections that depend on index.md when it changes', async () => {
    const s = await start();
    edit('index.md', 'classification: UNCLASSIFIED', 'classification: RESTRICTED');
    const event = await change(s, 'index.md');
    expect(event.result.rendered).toEqual([]);
    expect(event.result.recomposed).toHaveLength(3);
    expect(served(s)).toContain('RESTRICTED');
  });

  it('leaves a section untouched when only another section changes its body', async () => {
    const s = await start();
    edit('030-closing.md', 'The closing slide.', 'The closing slide, revised.');
    const event = await change(s, '030-closing.md');
    expect(event.result.recomposed).toEqual(['serve-deck/030-closing.md']);
    expect(served(s)).toContain('The middle slide says hello.');
  });

  it('re-composes the agenda when a title changes, and not when only a body does', async () => {
    writeFileSync(join(deck, '005-agenda.md'), '---\ntitle: Agenda\nlayout: agenda\n---\n');
    const s = await start();
    edit('020-middle.md', 'says hello', 'says goodbye');
    expect((await change(s, '020-middle.md')).result.recomposed).toEqual(['serve-deck/020-middle.md']);
    edit('030-closing.md', 'title: Closing', 'title: Finale');
    const event = await change(s, '030-closing.md');
    expect(event.result.recomposed).toEqual(['serve-deck/005-agenda.md', 'serve-deck/030-closing.md']);
    expect(served(s)).toMatch(/<ol class="agenda">[\s\S]*Finale[\s\S]*<\/ol>/);
  });

  it('renumbers section dividers ("Part 1 of 2") when a divider is added, and leaves other sections composed', async () => {
    writeFileSync(join(deck, '015-part-one.md'), '---\ntitle: Part one\nlayout: section\n---\n');
    const s = await start();
    expect(served(s)).toContain('Part 1 of 1');
    writeFileSync(join(deck, '025-part-two.md'), '---\ntitle: Part two\nlayout: section\n---\n');
    const event = await change(s, '025-part-two.md');
    expect(event.result.recomposed).toEqual(['serve-deck/015-part-one.md', 'serve-deck/025-part-two.md']);
    expect(served(s)).toContain('Part 1 of 2');
    expect(served(s)).toContain('Part 2 of 2');
  });

  it('picks up a new section file without a restart', async () => {
    const s = await start();
    writeFileSync(join(deck, '040-added.md'), '---\ntitle: Added later\n---\nA section written while serving.\n');
    const event = await change(s, '040-added.md');
    expect(event.result.sections).toBe(4);
    expect(event.result.rendered).toEqual(['serve-deck/040-added.md']);
    expect(served(s)).toContain('A section written while serving.');
  });

  it('drops a deleted section file', async () => {
    const s = await start();
    rmSync(join(deck, '030-closing.md'));
    const event = await change(s, '030-closing.md');
    expect(event.ok).toBe(true);
    expect(event.result.sections).toBe(2);
    expect(served(s)).not.toContain('The closing slide.');
  });

  it('follows a renamed section file', async () => {
    const s = await start();
    renameSync(join(deck, '030-closing.md'), join(deck, '005-closing.md'));
    const event = await change(s, '030-closing.md', '005-closing.md');
    expect(event.result.sections).toBe(3);
    const html = served(s);
    expect(html.indexOf('The closing slide.')).toBeLessThan(html.indexOf('The opening point'));
  });

  it('copies an edited image again', async () => {
    const s = await start();
    writeFileSync(join(deck, 'images', 'dot.png'), readFileSync(join(deck, 'images', 'dot.png')).subarray(0, 40));
    const event = await change(s, 'images/dot.png');
    expect(event.written).toEqual(['media/images/dot.png']);
  });

  it('notices an image that was missing when it is added', async () => {
    const s = await start();
    edit('030-closing.md', 'The closing slide.', 'The closing slide.\n\n![Later](images/later.png)');
    const missing = await change(s, '030-closing.md');
    expect(missing.diagnostics.map((d) => d.rule)).toEqual(['missing-asset']);
    expect(missing.result.watch).toContain(join(deck, 'images', 'later.png'));
    writeFileSync(join(deck, 'images', 'later.png'), readFileSync(join(deck, 'images', 'dot.png')));
    const found = await change(s, 'images/later.png');
    expect(found.ok).toBe(true);
    expect(found.written).toEqual(['index.html', 'media/images/later.png']);
  });

  it('keeps the last good deck when a section breaks, and recovers when it is fixed', async () => {
    const s = await start();
    const before = served(s);
    edit('020-middle.md', 'title: Middle', 'title: [Middle');
    const broken = await change(s, '020-middle.md');
    expect(broken.ok).toBe(false);
    expect(broken.written).toEqual([]);
    expect(served(s)).toBe(before);
    edit('020-middle.md', 'title: [Middle', 'title: Middle, fixed');
    const fixed = await change(s, '020-middle.md');
    expect(fixed.ok).toBe(true);
    expect(served(s)).toContain('Middle, fixed');
  });
});

describe('the overlay payload of serve', () => {
  let handle: ServeHandle | undefined;
  afterEach(async () => {
    await handle?.close();
    handle = undefined;
  });

  it('names the file and line of a broken section, and clears on recovery', async () => {
    handle = await serve({ briefing: deck, cwd: tmp.dir, port: 0, fsEvents: false, debounceMs: 5 });
    const good = handle.state;
    expect(good).toMatchObject({ ok: true, diagnostics: [] });
    edit('020-middle.md', 'title: Middle', 'title: Middle\nlayout: contnet');
    handle.session.trigger(join(deck, '020-middle.md'));
    await handle.session.idle();
    expect(handle.state.ok).toBe(false);
    expect(handle.state.version).toBe(good.version);
    expect(handle.state.diagnostics).toEqual([expect.objectContaining({ file: 'serve-deck/020-middle.md', line: 3, column: 9, rule: 'unknown-layout' })]);
    expect(handle.state.diagnostics[0]!.hint).toContain('`content`');
    edit('020-middle.md', 'title: Middle\nlayout: contnet', 'title: Middle again');
    handle.session.trigger(join(deck, '020-middle.md'));
    await handle.session.idle();
    expect(handle.state).toMatchObject({ ok: true, diagnostics: [], version: good.version + 1 });
  });

  it('never writes into the briefing or a dist/ folder next to it', async () => {
    handle = await serve({ briefing: deck, cwd: tmp.dir, port: 0, fsEvents: false });
    expect(handle.deckDir.startsWith(tmp.dir)).toBe(false);
    const deckDir = handle.deckDir;
    await handle.close();
    handle = undefined;
    expect(() => readFileSync(join(deckDir, 'index.html'))).toThrow();
    expect(() => readFileSync(join(tmp.dir, 'dist', 'serve-deck', 'index.html'))).toThrow();
  });
});

describe('the watcher', () => {
  it('debounces a burst of changes into one batch', async () => {
    const batches: string[][] = [];
    const w = createWatcher({ paths: [], fsEvents: false, debounceMs: 20, maxWaitMs: 500, onChange: (b) => void batches.push(b) });
    w.trigger('/x/b.md');
    w.trigger('/x/a.md');
    w.trigger('/x/b.md');
    await w.idle();
    w.close();
    expect(batches).toEqual([['/x/a.md', '/x/b.md']]);
  });

  it('still builds a file that never stops changing, at least once per maximum wait', async () => {
    vi.useFakeTimers();
    try {
      const batches: string[][] = [];
      const w = createWatcher({ paths: [], fsEvents: false, debounceMs: 30, maxWaitMs: 80, onChange: (b) => void batches.push(b) });
      // A change every 10 ms for 400 ms (on the fake clock): the quiet time never comes, the deadline does.
      for (let t = 0; t < 400; t += 10) {
        w.trigger('/x/autosaved.md');
        await vi.advanceTimersByTimeAsync(10);
      }
      // Deadlines at 80, 160, 240, 320 and 400 ms: one batch each, while the changes never stopped.
      expect(batches).toHaveLength(5);
      await vi.runAllTimersAsync();
      await w.idle();
      w.close();
      expect(batches.every((b) => b.length === 1 && b[0] === '/x/autosaved.md')).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it('queues changes that arrive during a rebuild for the next one', async () => {
    vi.useFakeTimers();
    try {
      const batches: string[][] = [];
      let release!: () => void;
      const blocked = new Promise<void>((resolve) => (release = resolve));
      const w = createWatcher({
        paths: [], fsEvents: false, debounceMs: 1, maxWaitMs: 500,
        async onChange(batch) {
          batches.push(batch);
          if (batches.length === 1) await blocked;
        },
      });
      w.trigger('/x/first.md');
      await vi.advanceTimersByTimeAsync(1);
      expect(batches).toHaveLength(1);
      w.trigger('/x/second.md');
      w.trigger('/x/third.md');
      // However long the first rebuild takes, the next one waits for it.
      await vi.advanceTimersByTimeAsync(1000);
      expect(batches).toHaveLength(1);
      release();
      await vi.runAllTimersAsync();
      await w.idle();
      w.close();
      expect(batches).toEqual([['/x/first.md'], ['/x/second.md', '/x/third.md']]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('hears real file-system changes in a watched folder', async () => {
    const file = join(deck, '020-middle.md');
    const heard = new Promise<string[]>((resolve) => {
      const w = createWatcher({ paths: [deck, file], debounceMs: 10, maxWaitMs: 500, onChange: (b) => { w.close(); resolve(b); } });
      // The folder is watched once createWatcher returns: no pause needed before the change.
      writeFileSync(file, 'changed\n');
    });
    expect(await heard).toContain(file);
  });
});
