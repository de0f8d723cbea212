// Events as they arrive, newest first, filterable by namespace, object and type.
import { collection, resourcePath } from './api.js';
import { age, errorHtml, esc, live } from './util.js';

const SHOWN = 300;
const timeOf = (e) => Date.parse(e.lastTimestamp || e.eventTime || e.metadata.creationTimestamp) || 0;

export function eventsView(root, ctx) {
  const events = collection(resourcePath('', 'v1', 'events', ctx.namespace));
  root.innerHTML = `<h2>Events</h2>
    <form class="filters" role="search" aria-label="filter events">
      <label>Namespace <input name="namespace" type="text" size="12" autocomplete="off"></label>
      <label>Object <input name="object" type="text" size="20" placeholder="kind/name" autocomplete="off"></label>
      <label><input name="warnings" type="checkbox"> Warnings only</label>
    </form>
    <div id="events-live"></div>`;
  const form = root.querySelector('form');
  const liveRoot = root.querySelector('#events-live');
  const render = () => {
    const namespace = form.namespace.value.trim();
    const object = form.object.value.trim().toLowerCase();
    const shown = events.list()
      .filter((e) => !namespace || (e.involvedObject?.namespace || e.metadata.namespace) === namespace)
      .filter((e) => !object || `${e.involvedObject?.kind}/${e.involvedObject?.name}`.toLowerCase().includes(object))
      .filter((e) => !form.warnings.checked || e.type === 'Warning')
      .sort((a, b) => timeOf(b) - timeOf(a));
    return errorHtml(events.error, 'list events')
      + `<p class="muted">${shown.length} event${shown.length === 1 ? '' : 's'}${shown.length > SHOWN ? `, newest ${SHOWN} shown` : ''}</p>
      <table><thead><tr><th>Age</th><th>Type</th><th>Reason</th><th>Object</th><th>Message</th><th>Count</th></tr></thead><tbody>
      ${shown.slice(0, SHOWN).map((e) => `<tr><td>${esc(age(e.lastTimestamp || e.eventTime || e.metadata.creationTimestamp))}</td>
        <td><span class="badge ${e.type === 'Warning' ? 'warn' : 'ok'}">${esc(e.type)}</span></td><td>${esc(e.reason)}</td>
        <td>${esc(`${e.involvedObject?.namespace ? `${e.involvedObject.namespace}/` : ''}${e.involvedObject?.kind}/${e.involvedObject?.name}`)}</td>
        <td>${esc(e.message)}</td><td>${esc(e.count ?? 1)}</td></tr>`).join('')}</tbody></table>`;
  };
  form.addEventListener('submit', (event) => event.preventDefault());
  const stop = live(liveRoot, [events], render);
  const redraw = () => { liveRoot.innerHTML = render(); };
  form.addEventListener('input', redraw);
  return stop;
}
