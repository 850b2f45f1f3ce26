// fetch() with the bearer token and RFC 9457 problems turned into French messages.

let tokenSource = null;

export function useTokenSource(source) {
  tokenSource = source;
}

export async function api(path, { method = 'GET', body, headers = {}, retried = false } = {}) {
  const token = tokenSource ? await tokenSource.get().catch(() => null) : null;
  const h = { Accept: 'application/json, application/problem+json', ...headers };
  if (token) h.Authorization = `Bearer ${token}`;
  if (body !== undefined) h['Content-Type'] = 'application/json';
  let res;
  try {
    res = await fetch(path, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-store' });
  } catch {
    return { ok: false, status: 0, data: null, problem: { title: 'Serveur injoignable', detail: 'Le serveur ne répond pas : vérifiez la connexion réseau.', errors: {} } };
  }
  if (res.status === 401 && !retried && tokenSource?.invalidate?.()) {
    return api(path, { method, body, headers, retried: true });
  }
  const type = res.headers.get('content-type') ?? '';
  const data = type.includes('json') ? await res.json().catch(() => null) : null;
  return {
    ok: res.ok,
    status: res.status,
    data: res.ok ? data : null,
    etag: res.headers.get('ETag'),
    problem: res.ok ? null : toProblem(res.status, data),
  };
}

const FALLBACK = {
  400: 'Saisie refusée : vérifiez les valeurs.',
  401: 'Session expirée ou jeton refusé : reconnectez-vous.',
  403: "Vous n'avez pas les droits pour cette action.",
  404: 'Introuvable.',
  412: "Modifié par quelqu'un d'autre entre-temps.",
  413: 'Envoi trop volumineux.',
  415: 'Type de contenu refusé par le serveur.',
  429: 'Trop de requêtes : réessayez dans un instant.',
};

/** { title, detail, errors: { field: [messages] } } whatever the server sent. */
export function toProblem(status, data) {
  const errors = {};
  if (data?.errors && typeof data.errors === 'object') {
    for (const [field, messages] of Object.entries(data.errors)) {
      errors[field] = Array.isArray(messages) ? messages.map(String) : [String(messages)];
    }
  }
  return {
    status,
    title: data?.title ?? null,
    detail: data?.detail ?? data?.title ?? FALLBACK[status] ?? `Erreur du serveur (HTTP ${status}).`,
    errors,
    raw: data,
  };
}

export const scopePath = (kind, id) => `/api/${{ region: 'regions', sector: 'sectors', department: 'departments', establishment: 'establishments' }[kind]}/${encodeURIComponent(id)}`;
