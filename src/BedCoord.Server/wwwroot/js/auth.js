// Bearer tokens for the API and the hub. In demo mode the server issues them itself
// (POST /api/dev/token); a ?token= in the address overrides whatever is stored.

const SKEW_MS = 30_000;
export const VIEWER_KEY = 'bedcoord.viewer';
export const BED_MANAGER_KEY = 'bedcoord.bedManager';

export function decodeClaims(token) {
  try {
    const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(decodeURIComponent(escape(atob(part.padEnd(part.length + ((4 - (part.length % 4)) % 4), '=')))));
  } catch {
    return null;
  }
}

function expiryOf(token) {
  const exp = decodeClaims(token)?.exp;
  return exp ? new Date(exp * 1000).toISOString() : null;
}

export function isUsable(entry) {
  if (!entry?.token) return false;
  const expiresAt = entry.expiresAt ?? expiryOf(entry.token);
  return !expiresAt || Date.parse(expiresAt) - SKEW_MS > Date.now();
}

export function load(key) {
  try {
    return JSON.parse(localStorage.getItem(key) ?? 'null');
  } catch {
    return null;
  }
}

export function save(key, entry) {
  try {
    localStorage.setItem(key, JSON.stringify(entry));
  } catch {
    // Private browsing may refuse storage; the in-memory copy still works for this page.
  }
  memory.set(key, entry);
  return entry;
}

export function clear(key) {
  try {
    localStorage.removeItem(key);
  } catch { /* see save */ }
  memory.delete(key);
}

const memory = new Map();

function current(key) {
  return memory.get(key) ?? load(key);
}

/**
 * Moves ?token= into storage and out of the address bar, so that it does not end up in
 * bookmarks, screenshots or the history of a shared wall-board PC.
 */
export function adoptQueryToken(key) {
  const url = new URL(location.href);
  const token = url.searchParams.get('token');
  if (!token) return false;
  save(key, { token, expiresAt: expiryOf(token), fromQuery: true });
  url.searchParams.delete('token');
  history.replaceState(history.state, '', url.pathname + url.search + url.hash);
  return true;
}

export async function requestDevToken(request) {
  let res;
  try {
    res = await fetch('/api/dev/token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(request),
    });
  } catch {
    throw new Error('Serveur injoignable : impossible d’obtenir un jeton.');
  }
  const body = await res.json().catch(() => null);
  if (!res.ok || !body?.token) {
    const err = new Error(body?.detail ?? body?.title ?? `Jeton refusé (HTTP ${res.status}).`);
    err.status = res.status;
    err.problem = body;
    throw err;
  }
  return { token: body.token, expiresAt: body.expiresAt ?? expiryOf(body.token) };
}

/** The read-only identity of the board and the search page: renews itself in demo mode. */
export function viewerTokenSource(region = 'OCC') {
  let pending = null;
  return {
    async get() {
      const entry = current(VIEWER_KEY);
      if (isUsable(entry)) return entry.token;
      pending ??= requestDevToken({ sub: 'tableau-de-bord', role: 'viewer', establishments: [], sectors: [], region, lifetimeSeconds: 12 * 3600 })
        .then((e) => save(VIEWER_KEY, e).token)
        .finally(() => { pending = null; });
      return pending;
    },
    // A refused token is dropped so that the next call asks for a new one.
    invalidate() {
      clear(VIEWER_KEY);
      return true;
    },
  };
}

/** The bed manager's identity: signed in by hand, never renewed behind their back. */
export function bedManagerTokenSource(onExpired) {
  return {
    async get() {
      const entry = current(BED_MANAGER_KEY);
      if (isUsable(entry)) return entry.token;
      onExpired?.();
      return null;
    },
    invalidate() {
      clear(BED_MANAGER_KEY);
      onExpired?.();
      return false;
    },
    session() {
      const entry = current(BED_MANAGER_KEY);
      return isUsable(entry) ? entry : null;
    },
  };
}
