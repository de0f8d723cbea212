// The dashboard's only way to the cluster: the public API with the user's bearer token.
// Collections are list+watch caches (fetch streaming of ?watch=1 JSON lines), shared by every view.

const TOKEN_KEY = 'kube4j.token';

export const session = {
  get token() { return sessionStorage.getItem(TOKEN_KEY) || ''; },
  set token(value) {
    if (value) sessionStorage.setItem(TOKEN_KEY, value); else sessionStorage.removeItem(TOKEN_KEY);
  },
};

/** A failed API call: the HTTP code and the Kubernetes Status reason and message. */
export class ApiError extends Error {
  constructor(code, reason, message) {
    super(message);
    this.code = code;
    this.reason = reason;
  }
}

function headers(extra) {
  return { Authorization: `Bearer ${session.token}`, Accept: 'application/json', ...extra };
}

function toError(code, body) {
  let reason = '';
  let message = body || `HTTP ${code}`;
  try {
    const status = JSON.parse(body);
    reason = status.reason || '';
    message = status.message || message;
  } catch { /* not a Status */ }
  return new ApiError(code, reason || (code === 401 ? 'Unauthorized' : code === 403 ? 'Forbidden' : ''), message);
}

/** One JSON call; resolves to the parsed body, rejects with an ApiError. */
export async function request(method, path, body, contentType = 'application/json') {
  const init = { method, headers: headers(body === undefined ? {} : { 'Content-Type': contentType }) };
  if (body !== undefined) init.body = JSON.stringify(body);
  const res = await fetch(path, init);
  const text = await res.text();
  if (!res.ok) throw toError(res.status, text);
  return text ? JSON.parse(text) : null;
}

/** A plain-text GET (health endpoints); resolves to {code, text} whatever the code. */
export async function plain(path) {
  const res = await fetch(path, { headers: headers({ Accept: 'text/plain' }) });
  return { code: res.status, text: await res.text() };
}

/** Streams a text body (a followed log) to onChunk until the signal aborts or the server ends it. */
export async function stream(path, signal, onChunk) {
  const res = await fetch(path, { headers: headers({ Accept: '*/*' }), signal });
  if (!res.ok) throw toError(res.status, await res.text());
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    onChunk(value);
  }
}

export const keyOf = (o) => `${o.metadata.namespace || ''}/${o.metadata.name}`;

const wait = (ms, signal) => new Promise((resolve) => {
  const timer = setTimeout(resolve, ms);
  signal.addEventListener('abort', () => { clearTimeout(timer); resolve(); }, { once: true });
});

/**
 * The objects of one collection path, kept current by a watch. Listeners are called (batched per
 * animation frame) after every change and when the collection fails; a 401/403/404 stops it
 * (retrying cannot help), other failures retry with backoff, a 410 Gone relists.
 */
export class Collection {
  constructor(path) {
    this.path = path;
    this.items = new Map();
    this.error = null;
    this.synced = false;
    this.listeners = new Set();
    this.abort = new AbortController();
    this.resourceVersion = '';
    this.pending = false;
    this.run();
  }

  subscribe(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  list() { return [...this.items.values()]; }

  notify() {
    if (this.pending) return;
    this.pending = true;
    requestAnimationFrame(() => {
      this.pending = false;
      for (const listener of this.listeners) listener();
    });
  }

  async run() {
    let backoff = 500;
    const signal = this.abort.signal;
    while (!signal.aborted) {
      const started = Date.now();
      try {
        if (!this.resourceVersion) await this.relist();
        await this.watch();
        if (Date.now() - started > 5000) backoff = 500;
      } catch (e) {
        if (signal.aborted) return;
        if (e instanceof ApiError && e.code === 410) {
          this.resourceVersion = '';
          continue;
        }
        this.error = e instanceof ApiError ? e : new ApiError(0, 'NetworkError', String(e.message || e));
        this.notify();
        if (e instanceof ApiError && [401, 403, 404].includes(e.code)) return;
      }
      await wait(backoff, signal);
      backoff = Math.min(backoff * 2, 10000);
    }
  }

  async relist() {
    const list = await request('GET', this.path);
    this.items = new Map((list.items || []).map((o) => [keyOf(o), o]));
    this.resourceVersion = list.metadata?.resourceVersion || '0';
    this.synced = true;
    this.error = null;
    this.notify();
  }

  async watch() {
    const separator = this.path.includes('?') ? '&' : '?';
    const url = `${this.path}${separator}watch=1&allowWatchBookmarks=true&resourceVersion=${encodeURIComponent(this.resourceVersion)}`;
    const res = await fetch(url, { headers: headers(), signal: this.abort.signal });
    if (!res.ok) throw toError(res.status, await res.text());
    if (this.error) {
      this.error = null;
      this.notify();
    }
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value;
      let newline;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline).trim();
        buffer = buffer.slice(newline + 1);
        if (line) this.apply(JSON.parse(line));
      }
    }
  }

  apply(event) {
    const object = event.object || {};
    if (event.type === 'ERROR') {
      throw new ApiError(object.code || 500, object.reason || 'Error', object.message || 'watch failed');
    }
    if (object.metadata?.resourceVersion) this.resourceVersion = object.metadata.resourceVersion;
    if (event.type === 'BOOKMARK') return;
    if (event.type === 'DELETED') this.items.delete(keyOf(object));
    else this.items.set(keyOf(object), object);
    this.notify();
  }

  close() { this.abort.abort(); }
}

const collections = new Map();

/** The shared collection of {@code path}, started on first use. */
export function collection(path) {
  let c = collections.get(path);
  if (!c) {
    c = new Collection(path);
    collections.set(path, c);
  }
  return c;
}

/** Stops every watch (log out, namespace change). */
export function closeAll() {
  for (const c of collections.values()) c.close();
  collections.clear();
}

/** The collection path of a resource, in one namespace or in all when namespace is empty. */
export function resourcePath(group, version, resource, namespace) {
  const base = group ? `/apis/${group}/${version}` : `/api/${version}`;
  return namespace ? `${base}/namespaces/${encodeURIComponent(namespace)}/${resource}` : `${base}/${resource}`;
}
