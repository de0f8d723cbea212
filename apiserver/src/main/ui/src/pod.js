// Pod detail: conditions, container states, the object as YAML, and its log (followed on demand).
import { Collection, stream } from './api.js';
import { age, errorHtml, esc, live, yaml } from './util.js';

function containerState(status) {
  const [state, detail] = Object.entries(status.state || {})[0] || ['unknown', {}];
  const why = detail.reason ? ` (${detail.reason}${detail.exitCode !== undefined ? `, exit ${detail.exitCode}` : ''})` : '';
  return `${state}${why}`;
}

/** The pod as kubectl get -o yaml shows it by default: without metadata.managedFields. */
const withoutManagedFields = (pod) => ({ ...pod, metadata: { ...pod.metadata, managedFields: undefined } });

export function podView(root, ctx, namespace, name) {
  const path = `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods?fieldSelector=${encodeURIComponent(`metadata.name=${name}`)}`;
  const pods = new Collection(path); // one pod: its own watch, closed with the view
  root.innerHTML = `<h2>Pod ${esc(namespace)}/${esc(name)}</h2>
    <div id="pod-live"></div>
    <section aria-label="log"><h3>Log</h3>
      <div class="filters"><label>Container <select id="log-container"></select></label>
        <button type="button" id="log-follow" aria-pressed="false">Follow log</button></div>
      <div id="log-error"></div>
      <pre class="log" id="log" tabindex="0" aria-label="log output" aria-live="off"></pre></section>`;
  const select = root.querySelector('#log-container');
  const follow = root.querySelector('#log-follow');
  const output = root.querySelector('#log');
  const logError = root.querySelector('#log-error');
  let logAbort = null;

  const stopLog = () => {
    logAbort?.abort();
    logAbort = null;
    follow.textContent = 'Follow log';
    follow.setAttribute('aria-pressed', 'false');
  };
  follow.addEventListener('click', () => {
    if (logAbort) {
      stopLog();
      return;
    }
    logAbort = new AbortController();
    follow.textContent = 'Stop following';
    follow.setAttribute('aria-pressed', 'true');
    output.textContent = '';
    logError.innerHTML = '';
    const container = select.value ? `&container=${encodeURIComponent(select.value)}` : '';
    const signal = logAbort.signal;
    stream(`/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(name)}/log?follow=true&tailLines=500${container}`,
      signal, (chunk) => {
        output.textContent += chunk;
        output.scrollTop = output.scrollHeight;
      })
      .then(() => { if (!signal.aborted) logError.innerHTML = '<div class="alert info" data-role="log-ended">The log stream ended.</div>'; })
      .catch((e) => { if (!signal.aborted) logError.innerHTML = errorHtml(e, 'read the log'); })
      .finally(() => { if (logAbort?.signal === signal) stopLog(); });
  });

  const stop = live(root.querySelector('#pod-live'), [pods], () => {
    const pod = pods.list()[0];
    if (!pod) return errorHtml(pods.error, 'get the pod') || (pods.synced ? '<p class="alert error">This pod does not exist (any more).</p>' : '<p class="muted">Loading…</p>');
    const names = (pod.spec?.containers || []).map((c) => c.name);
    if (select.options.length !== names.length) {
      select.innerHTML = names.map((n) => `<option>${esc(n)}</option>`).join('');
    }
    const conditions = pod.status?.conditions || [];
    const statuses = [...(pod.status?.initContainerStatuses || []), ...(pod.status?.containerStatuses || [])];
    return `<p><span class="badge ${esc(pod.status?.phase || 'Pending')}" data-role="phase">${esc(pod.status?.phase || 'Pending')}</span>
        on node <strong>${esc(pod.spec?.nodeName || '(not scheduled)')}</strong>, IP ${esc(pod.status?.podIP || '—')},
        age ${esc(age(pod.metadata.creationTimestamp))}</p>
      <div class="cols"><div>
        <h3>Conditions</h3><table data-role="conditions"><thead><tr><th>Type</th><th>Status</th><th>Reason</th><th>Since</th></tr></thead><tbody>
        ${conditions.map((c) => `<tr><td>${esc(c.type)}</td><td>${esc(c.status)}</td><td>${esc(c.reason || '')}</td><td>${esc(age(c.lastTransitionTime))}</td></tr>`).join('')
          || '<tr><td colspan="4" class="muted">none reported</td></tr>'}</tbody></table>
        <h3>Containers</h3><table data-role="containers"><thead><tr><th>Name</th><th>Image</th><th>State</th><th>Ready</th><th>Restarts</th></tr></thead><tbody>
        ${(pod.spec?.containers || []).map((c) => {
          const s = statuses.find((x) => x.name === c.name) || {};
          return `<tr><td>${esc(c.name)}</td><td>${esc(c.image)}</td><td>${esc(s.state ? containerState(s) : 'not started')}</td>
            <td>${s.ready ? 'yes' : 'no'}</td><td>${esc(s.restartCount ?? 0)}</td></tr>`;
        }).join('')}</tbody></table></div>
        <div><h3>YAML</h3><pre data-role="yaml" tabindex="0" aria-label="pod as YAML">${esc(yaml(withoutManagedFields(pod)))}</pre></div></div>`;
  });
  return () => {
    stop();
    stopLog();
    pods.close();
  };
}
