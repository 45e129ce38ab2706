/** Live reload for served decks: a server-sent-events hub and the tiny client that only served pages get. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Diagnostic } from '../../core/diagnostics.js';

/** Where the client script and the event stream live; no deck file can have these paths. */
export const CLIENT_PATH = '/__briefing/reload.js';
export const EVENTS_PATH = '/__briefing/events';

/** A problem as the browser overlay shows it: a diagnostic (only errors are sent, so without severity). */
export type OverlayDiagnostic = Omit<Diagnostic, 'severity'>;

/** What every page is told on connect and after every rebuild. */
export interface ReloadState {
  /** Bumped each time the deck folder changes; a page built from an older version reloads. */
  version: number;
  /** False when the last rebuild failed: the page keeps the last good deck and shows `diagnostics`. */
  ok: boolean;
  diagnostics: OverlayDiagnostic[];
}

export interface ReloadHub {
  /** Answers a request for the event stream. */
  handle(req: IncomingMessage, res: ServerResponse): void;
  /** Send `state` to every open page, and to pages that connect later. */
  publish(state: ReloadState): void;
  readonly state: ReloadState;
  /** Number of pages listening. */
  readonly clients: number;
  close(): void;
}

/** An event-stream hub that starts from `initial`. */
export function createReloadHub(initial: ReloadState): ReloadHub {
  const clients = new Set<ServerResponse>();
  let state = initial;
  const frame = () => `data: ${JSON.stringify(state)}\n\n`;
  // A comment now and then keeps idle connections from being dropped by proxies or sleeping laptops.
  const ping = setInterval(() => {
    for (const res of clients) res.write(': ping\n\n');
  }, 20_000);
  ping.unref();
  return {
    handle(req, res) {
      res.writeHead(200, {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-store',
        Connection: 'keep-alive',
        'X-Content-Type-Options': 'nosniff',
      });
      res.write(`retry: 1000\n${frame()}`);
      clients.add(res);
      req.on('close', () => clients.delete(res));
    },
    publish(next) {
      state = next;
      for (const res of clients) res.write(frame());
    },
    get state() {
      return state;
    },
    get clients() {
      return clients.size;
    },
    close() {
      clearInterval(ping);
      for (const res of clients) res.end();
      clients.clear();
    },
  };
}

/** Add the reload client to a served HTML page, tagged with the deck version it shows. Never used by `build`. */
export function injectReloadClient(html: string, version: number): string {
  const tag = `<script src="${CLIENT_PATH}" data-version="${version}"></script>\n`;
  const end = html.lastIndexOf('</body>');
  return end === -1 ? html + tag : html.slice(0, end) + tag + html.slice(end);
}

/**
 * The browser side. Reloads when the deck changed (reveal.js `hash: true` keeps the slide in the URL; the
 * session-storage copy covers decks that turn it off), and shows the last build's errors over the last
 * good deck. The speaker view's preview frames (`?receiver`) follow their opener over a BroadcastChannel
 * instead of holding event streams of their own: browsers allow only six connections per server.
 */
export const RELOAD_CLIENT = `(function () {
  var version = Number(document.currentScript && document.currentScript.getAttribute('data-version'));
  var receiver = /[?&]receiver/i.test(location.search);
  var channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel('briefing-reload') : null;
  var key = 'briefing-slide:' + location.pathname;
  var reveal = window.Reveal;
  if (receiver) {
    if (channel) channel.onmessage = function (e) { if (e.data !== version) location.reload(); };
    return;
  }
  function restore() {
    var saved = sessionStorage.getItem(key);
    sessionStorage.removeItem(key);
    if (saved && !location.hash) { var i = JSON.parse(saved); reveal.slide(i.h, i.v, i.f); }
  }
  if (reveal) { if (reveal.isReady()) restore(); else reveal.on('ready', restore); }
  function overlay(list) {
    var box = document.getElementById('briefing-error-overlay');
    if (!list.length) { if (box) box.remove(); return; }
    if (!box) {
      box = document.createElement('div');
      box.id = 'briefing-error-overlay';
      box.setAttribute('role', 'alert');
      box.style.cssText = 'position:fixed;inset:0;z-index:2147483647;overflow:auto;padding:32px 48px;background:rgba(24,24,27,.92);color:#fafafa;font:16px/1.5 ui-monospace,Menlo,Consolas,monospace;text-align:left';
      box.onclick = function () { box.remove(); };
      document.body.appendChild(box);
    }
    box.replaceChildren();
    var head = document.createElement('p');
    head.style.cssText = 'color:#f87171;font-weight:bold;margin:0 0 16px';
    head.textContent = 'Build failed. Showing the last good deck; this goes away when the file is fixed.';
    box.appendChild(head);
    list.forEach(function (d) {
      var item = document.createElement('div');
      item.className = 'briefing-error';
      item.style.cssText = 'margin:0 0 16px;white-space:pre-wrap';
      var where = document.createElement('strong');
      where.className = 'briefing-error-where';
      where.textContent = d.file + (d.line ? ':' + d.line + ':' + (d.column || 1) : '');
      item.appendChild(where);
      item.appendChild(document.createTextNode(' ' + d.message + (d.hint ? '\\nfix: ' + d.hint : '') + ' [' + d.rule + ']'));
      box.appendChild(item);
    });
  }
  var events = new EventSource('${EVENTS_PATH}');
  events.onmessage = function (e) {
    var state = JSON.parse(e.data);
    if (state.version !== version) {
      if (channel) channel.postMessage(state.version);
      try { if (reveal && reveal.isReady()) sessionStorage.setItem(key, JSON.stringify(reveal.getIndices())); } catch (err) {}
      events.close();
      location.reload();
      return;
    }
    overlay(state.ok ? [] : state.diagnostics);
  };
})();
`;
