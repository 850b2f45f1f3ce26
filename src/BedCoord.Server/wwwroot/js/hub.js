// The live connection to /hubs/board. Its one rule: figures on screen are marked live only while
// the connection is up and the page has re-read the state after the last (re)connection.
// The hub sends a scope whole on subscribe ("snapshot"), then its numbered changes ("delta"); both go into
// the page's one ScopeStore, and listeners of 'summary' get the scope as the store now holds it.
import { ScopeStore } from './scope-store.js';

const RETRY_MS = 5000;

export class LiveHub {
  #conn = null;
  #scopes = new Set();
  #looping = false;
  #listeners = { summary: [], alert: [], status: [], crisis: [] };
  #resync = async () => {};
  status = 'connecting';

  constructor({ url = '/hubs/board', tokenSource, resync, store = new ScopeStore() } = {}) {
    this.url = url;
    this.store = store;
    this.tokenSource = tokenSource;
    if (resync) this.#resync = resync;
  }

  on(event, fn) {
    this.#listeners[event].push(fn);
    return this;
  }

  start() {
    const signalR = globalThis.signalR;
    if (!signalR) {
      console.error('signalr.min.js absent : lancez `npm run build` dans ClientApp.');
      this.#setStatus('lost');
      return this;
    }
    this.#conn = new signalR.HubConnectionBuilder()
      .withUrl(this.url, { accessTokenFactory: async () => (await this.tokenSource?.get()) ?? '' })
      .withAutomaticReconnect([0, 1000, 2000, 5000, 5000, 5000, 10000, 10000])
      .configureLogging(signalR.LogLevel.Warning)
      .build();
    this.#conn.on('snapshot', (m) => this.#emitScope(this.store.snapshot(m)));
    this.#conn.on('delta', (m) => this.#onDelta(m));
    this.#conn.on('alert', (a) => this.#emit('alert', a));
    this.#conn.on('crisis', (n) => this.#emit('crisis', n));
    this.#conn.onreconnecting(() => this.#setStatus('lost'));
    this.#conn.onreconnected(() => this.#afterConnect(true).catch(() => this.#conn.stop()));
    // The automatic reconnect has given up: keep trying for as long as the page is open.
    this.#conn.onclose(() => {
      this.#setStatus('lost');
      this.#loop(true);
    });
    this.#loop(false);
    return this;
  }

  async subscribe(scope) {
    if (this.#scopes.has(scope)) return;
    this.#scopes.add(scope);
    if (this.#isConnected()) await this.#conn.invoke('Subscribe', scope).catch((e) => console.warn('Subscribe', scope, e));
  }

  async unsubscribe(scope) {
    if (!this.#scopes.delete(scope)) return;
    if (this.#isConnected()) await this.#conn.invoke('Unsubscribe', scope).catch(() => {});
  }

  #onDelta(msg) {
    const step = this.store.delta(msg);
    if (step === 'next') this.#emitScope(`${String(msg.figures.kind).toLowerCase()}:${msg.figures.id}`);
    // A change is missing: subscribing again makes the hub send the scope whole.
    else if (step === 'gap' && this.#scopes.has(msg.scope) && this.#isConnected()) {
      this.#conn.invoke('Subscribe', msg.scope).catch((e) => console.warn('Resync', msg.scope, e));
    }
  }

  #emitScope(key) {
    if (!key) return;
    const at = key.indexOf(':');
    const summary = this.store.get(key.slice(0, at), key.slice(at + 1));
    if (summary) this.#emit('summary', summary);
  }

  #isConnected() {
    return this.#conn?.state === 'Connected';
  }

  async #loop(resync) {
    if (this.#looping) return;
    this.#looping = true;
    try {
      for (;;) {
        try {
          await this.#conn.start();
          await this.#afterConnect(resync);
          return;
        } catch (e) {
          if (e?.statusCode === 401) this.tokenSource?.invalidate?.();
          if (this.#conn.state === 'Connected') await this.#conn.stop().catch(() => {});
          this.#setStatus('lost');
          resync = true;
          await new Promise((r) => setTimeout(r, RETRY_MS));
        }
      }
    } finally {
      this.#looping = false;
    }
  }

  async #afterConnect(resync) {
    for (const scope of this.#scopes) await this.#conn.invoke('Subscribe', scope);
    if (resync) await this.#resync();
    if (this.#isConnected()) this.#setStatus('live');
  }

  #emit(event, payload) {
    for (const fn of this.#listeners[event]) {
      try {
        fn(payload);
      } catch (e) {
        console.error(e);
      }
    }
  }

  #setStatus(status) {
    if (this.status === status) return;
    this.status = status;
    this.#emit('status', status);
  }
}

/**
 * Shows the red banner and dims every figure at once when the link drops; "connecting" (first
 * load, figures just read by GET) is not dimmed.
 */
export function bindConnectionBanner(hub, banner = document.querySelector('[data-testid="conn-banner"]')) {
  const apply = (status) => {
    document.body.dataset.live = status === 'live' ? 'true' : 'false';
    document.body.dataset.conn = status;
    document.body.classList.toggle('not-live', status === 'lost');
    if (banner) banner.hidden = status !== 'lost';
  };
  apply(hub.status);
  hub.on('status', apply);
}
