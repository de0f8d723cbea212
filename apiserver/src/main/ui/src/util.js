// Small pure helpers shared by the views: escaping, quantities, ages, YAML, and the live-render loop.

const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const esc = (value) => String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]);

const SUFFIXES = {
  '': 1, n: 1e-9, u: 1e-6, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
  Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
};

/** A Kubernetes quantity ("250m", "1Gi", "1e3") as a number; 0 when absent or malformed. */
export function quantity(text) {
  if (text === undefined || text === null) return 0;
  const m = /^([+-]?\d*\.?\d+(?:[eE][+-]?\d+)?)(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]?)$/.exec(String(text).trim());
  return m ? parseFloat(m[1]) * SUFFIXES[m[2]] : 0;
}

export const formatCpu = (cores) => (cores < 1 ? `${Math.round(cores * 1000)}m` : `${+cores.toFixed(2)}`);

export function formatBytes(bytes) {
  const units = ['', 'Ki', 'Mi', 'Gi', 'Ti'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${+value.toFixed(1)}${units[unit]}`;
}

/** The requests of a pod as the scheduler counts them: max(sum of containers, largest init container). */
export function podRequests(pod) {
  const sum = { cpu: 0, memory: 0 };
  const init = { cpu: 0, memory: 0 };
  for (const c of pod.spec?.containers || []) {
    sum.cpu += quantity(c.resources?.requests?.cpu);
    sum.memory += quantity(c.resources?.requests?.memory);
  }
  for (const c of pod.spec?.initContainers || []) {
    init.cpu = Math.max(init.cpu, quantity(c.resources?.requests?.cpu));
    init.memory = Math.max(init.memory, quantity(c.resources?.requests?.memory));
  }
  return {
    cpu: Math.max(sum.cpu, init.cpu) + quantity(pod.spec?.overhead?.cpu),
    memory: Math.max(sum.memory, init.memory) + quantity(pod.spec?.overhead?.memory),
  };
}

/** Phase shown for a pod: Terminating once deletion started, else status.phase (Pending when absent). */
export const podPhase = (pod) => (pod.metadata.deletionTimestamp ? 'Terminating' : pod.status?.phase || 'Pending');

/** Ready, NotReady or Unknown from the node's Ready condition. */
export function nodeStatus(node) {
  const ready = (node.status?.conditions || []).find((c) => c.type === 'Ready');
  if (!ready || ready.status === 'Unknown') return 'Unknown';
  return ready.status === 'True' ? 'Ready' : 'NotReady';
}

/** "12s", "5m", "3h", "2d" since an RFC 3339 time; "—" when absent. */
export function age(time, now = Date.now()) {
  if (!time) return '—';
  const seconds = Math.max(0, Math.round((now - Date.parse(time)) / 1000));
  if (seconds < 120) return `${seconds}s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)}m`;
  if (seconds < 172800) return `${Math.round(seconds / 3600)}h`;
  return `${Math.round(seconds / 86400)}d`;
}

const PLAIN = /^[A-Za-z_/][\w./:-]*$/;
const RESERVED = /^(true|false|null|yes|no|on|off|~)$/i;

function scalar(value) {
  if (value === null || value === undefined) return 'null';
  if (typeof value !== 'string') return String(value);
  return PLAIN.test(value) && !RESERVED.test(value) ? value : JSON.stringify(value);
}

/** A JSON value as block YAML (what kubectl get -o yaml shows). */
export function yaml(value, indent = '') {
  if (Array.isArray(value)) {
    if (!value.length) return '[]';
    return value.map((item) => {
      const nested = typeof item === 'object' && item !== null;
      const body = nested ? yaml(item, `${indent}  `).replace(/^\s+/, '') : scalar(item);
      return `${indent}- ${body}`;
    }).join('\n');
  }
  if (typeof value === 'object' && value !== null) {
    const keys = Object.keys(value).filter((key) => value[key] !== undefined);
    if (!keys.length) return '{}';
    return keys.map((key) => {
      const item = value[key];
      const empty = (Array.isArray(item) && !item.length) || (item && typeof item === 'object' && !Object.keys(item).length);
      if (item && typeof item === 'object' && !empty) {
        return `${indent}${scalar(key)}:\n${yaml(item, Array.isArray(item) ? indent : `${indent}  `)}`;
      }
      return `${indent}${scalar(key)}: ${empty ? (Array.isArray(item) ? '[]' : '{}') : scalar(item)}`;
    }).join('\n');
  }
  return scalar(value);
}

/** The alert shown for a failed collection or action; 403 is called out as forbidden. */
export function errorHtml(error, what) {
  if (!error) return '';
  if (error.code === 403) {
    return `<div class="alert forbidden" data-error="forbidden"><strong>Forbidden</strong>: your token may not ${esc(what)}. `
      + `<span class="muted">${esc(error.message)}</span></div>`;
  }
  if (error.code === 401) {
    return '<div class="alert error" data-error="unauthorized"><strong>Unauthorized</strong>: the token was rejected; log in again.</div>';
  }
  return `<div class="alert error" data-error="failed">Could not ${esc(what)}: ${esc(error.message)}</div>`;
}

/**
 * Renders {@code render()} into {@code root} now and after every change of the collections, keeping
 * keyboard focus and typed input values (matched by data-key) across renders. Returns the cleanup.
 */
export function live(root, collections, render) {
  const draw = () => {
    const focused = document.activeElement?.closest?.('[data-key]');
    const focusKey = focused && root.contains(focused) ? focused.dataset.key : null;
    const values = new Map([...root.querySelectorAll('input[data-key]')].map((i) => [i.dataset.key, i.value]));
    root.innerHTML = render();
    for (const input of root.querySelectorAll('input[data-key]')) {
      if (values.has(input.dataset.key)) input.value = values.get(input.dataset.key);
    }
    if (focusKey) root.querySelector(`[data-key="${CSS.escape(focusKey)}"]`)?.focus();
  };
  const unsubscribe = collections.map((c) => c.subscribe(draw));
  draw();
  return () => unsubscribe.forEach((u) => u());
}
