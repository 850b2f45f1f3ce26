// The one copy of every scope the page holds. Figures are kept once per scope ("kind:id"), whether they came
// as a scope of their own or as a child of another scope, the newer by revision winning; a scope read whole
// (hub snapshot or GET) also keeps the list of its children. Hub changes ("delta") are numbered per scope:
// only the next one applies; a gap asks the hub for a new snapshot (the same rule as Domain/Live/LiveSequence).

const keyOf = (kind, id) => `${kind}:${id}`;
// A unit's id is its slug, unique only inside its establishment.
const entryKey = (s) => (s.kind === 'unit' ? `unit:${s.parentId}/${s.id}` : keyOf(s.kind, s.id));
const norm = (s) => (s && typeof s.kind === 'string' ? { ...s, kind: s.kind.toLowerCase() } : s);

/** 'next' | 'old' | 'gap', as LiveSequence.Classify. */
export function classify(heldEpoch, heldSeq, epoch, seq) {
  if (epoch !== heldEpoch) return 'gap';
  if (seq <= heldSeq) return 'old';
  return seq === heldSeq + 1 ? 'next' : 'gap';
}

export class ScopeStore {
  #figures = new Map(); // key -> summary without children
  #children = new Map(); // key -> [child keys], for scopes read whole
  #seq = new Map(); // key -> { epoch, seq } for scopes fed by the hub

  /** A scope read whole by GET: kept unless the hub already gave something at least as new. */
  putFetched(summary) {
    const s = norm(summary);
    if (!s?.kind || !s.id) return null;
    const k = keyOf(s.kind, s.id);
    if (this.#seq.has(k) && !this.#newer(s, this.#figures.get(k))) return k; // the hub's list of children stands
    this.#putWhole(s, true);
    return k;
  }

  /** A hub snapshot: the scope's whole state and where its numbering stands. */
  snapshot(msg) {
    const s = norm(msg?.summary);
    if (!s?.kind || !s.id) return null;
    const k = keyOf(s.kind, s.id);
    this.#putWhole(s, false);
    this.#seq.set(k, { epoch: msg.epoch, seq: msg.seq });
    return k;
  }

  /** A hub change: returns 'next' (applied), 'old' (ignored), 'gap' (resync needed) or 'unknown' (no snapshot yet). */
  delta(msg) {
    const f = norm(msg?.figures);
    if (!f?.kind || !f.id) return 'unknown';
    const k = keyOf(f.kind, f.id);
    const held = this.#seq.get(k);
    if (!held) return 'unknown';
    const step = classify(held.epoch, held.seq, msg.epoch, msg.seq);
    if (step !== 'next') return step;
    this.#putFigures({ ...f, children: undefined }, false);
    const list = this.#children.get(k) ?? [];
    for (const raw of msg.children ?? []) {
      const c = norm(raw);
      const ck = entryKey(c);
      this.#putFigures(c, false);
      if (!list.includes(ck)) list.push(ck);
    }
    this.#children.set(k, list);
    held.seq = msg.seq;
    return step;
  }

  /** True when the scope itself was read whole (not only seen as another scope's child). */
  has(kind, id) {
    return this.#children.has(keyOf(kind, id));
  }

  /** The scope's figures with its children (each child's freshest figures), or undefined. */
  get(kind, id) {
    const k = keyOf(kind, id);
    const f = this.#figures.get(k);
    if (!f) return undefined;
    const list = this.#children.get(k);
    return list ? { ...f, children: list.map((ck) => this.#figures.get(ck)).filter(Boolean) } : f;
  }

  /** Every scope whose key starts with `${kind}:`. */
  ofKind(kind) {
    const out = [];
    for (const [k, f] of this.#figures) if (k.startsWith(`${kind}:`)) out.push(f);
    return out;
  }

  /** Stops following a scope (unsubscribed): its figures stay only as a child of a scope still followed. */
  forget(kind, id) {
    const k = keyOf(kind, id);
    this.#seq.delete(k);
    this.#children.delete(k);
  }

  clear() {
    this.#figures.clear();
    this.#children.clear();
    this.#seq.clear();
  }

  #putWhole(s, fetched) {
    const k = keyOf(s.kind, s.id);
    const kids = (s.children ?? []).map(norm);
    for (const c of kids) this.#putFigures(c, fetched);
    this.#putFigures({ ...s, children: undefined }, fetched, !fetched); // a snapshot is the scope's state now
    this.#children.set(k, kids.map(entryKey));
  }

  #putFigures(s, fetched, force = false) {
    const k = entryKey(s);
    const prev = this.#figures.get(k);
    if (prev && !force && !this.#newer(s, prev, fetched)) return;
    const { children, ...figures } = s;
    this.#figures.set(k, figures);
  }

  // Same revision: the later arrival wins for pushes (a unit turning stale keeps its revision), not for GETs.
  #newer(a, b, fetched = true) {
    if (!b) return true;
    if (a.revision !== undefined && b.revision !== undefined && a.revision !== b.revision) return a.revision > b.revision;
    return !fetched;
  }
}
