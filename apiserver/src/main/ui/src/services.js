// Services with their endpoints (ready and not-ready addresses, and the pods behind them).
import { collection, keyOf, resourcePath } from './api.js';
import { errorHtml, esc, live } from './util.js';

function endpointList(endpoints) {
  if (!endpoints) return '<span class="muted">no Endpoints object</span>';
  const entries = [];
  for (const subset of endpoints.subsets || []) {
    const ports = (subset.ports || []).map((p) => p.port).join(',');
    for (const [list, ready] of [[subset.addresses || [], true], [subset.notReadyAddresses || [], false]]) {
      for (const a of list) {
        const target = a.targetRef ? ` (${a.targetRef.name})` : '';
        entries.push(`<li><span class="badge ${ready ? 'ok' : 'warn'}">${ready ? 'ready' : 'not ready'}</span>
          ${esc(a.ip)}${ports ? `:${esc(ports)}` : ''}${esc(target)}</li>`);
      }
    }
  }
  return entries.length ? `<ul>${entries.join('')}</ul>` : '<span class="muted">none</span>';
}

/** kube-proxy's mode and scheduler from its published configuration (ConfigMap kube-system/kube-proxy, as kubeadm does). */
function proxyConfig(configMaps) {
  const map = configMaps.items.get('kube-system/kube-proxy');
  if (configMaps.error) return `<p class="muted" data-role="proxy">kube-proxy configuration: not readable with this token (${esc(configMaps.error.message)})</p>`;
  if (!map) return '<p class="muted" data-role="proxy">kube-proxy configuration: not published (no ConfigMap kube-system/kube-proxy).</p>';
  const text = Object.values(map.data || {}).join('\n');
  const field = (name) => (new RegExp(`^\\s*${name}:\\s*["']?([\\w-]*)`, 'm').exec(text) || [])[1] || '';
  return `<p data-role="proxy">kube-proxy: mode <strong>${esc(field('mode') || 'default')}</strong>,
    scheduler <strong>${esc(field('scheduler') || 'rr')}</strong> <span class="muted">(ConfigMap kube-system/kube-proxy)</span></p>`;
}

export function servicesView(root, ctx) {
  const services = collection(resourcePath('', 'v1', 'services', ctx.namespace));
  const endpoints = collection(resourcePath('', 'v1', 'endpoints', ctx.namespace));
  const configMaps = collection(`/api/v1/namespaces/kube-system/configmaps?fieldSelector=${encodeURIComponent('metadata.name=kube-proxy')}`);
  root.innerHTML = `<h2>Services</h2>
    <p class="muted">Traffic to a service's cluster IP is spread by kube-proxy over the ready endpoints below.</p>
    <div id="services-live"></div>`;
  return live(root.querySelector('#services-live'), [services, endpoints, configMaps], () => proxyConfig(configMaps)
    + errorHtml(services.error, 'list services')
    + errorHtml(endpoints.error, 'list endpoints')
    + `<table><thead><tr><th>Service</th><th>Type</th><th>Cluster IP</th><th>Ports</th><th>Selector</th><th>Endpoints</th></tr></thead><tbody>
      ${services.list().sort((a, b) => keyOf(a).localeCompare(keyOf(b))).map((s) => `<tr data-service="${esc(keyOf(s))}">
        <td>${esc(keyOf(s))}</td><td>${esc(s.spec?.type || 'ClusterIP')}</td><td>${esc(s.spec?.clusterIP || '')}</td>
        <td>${esc((s.spec?.ports || []).map((p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol || 'TCP'}`).join(', '))}</td>
        <td>${esc(Object.entries(s.spec?.selector || {}).map(([k, v]) => `${k}=${v}`).join(', '))}</td>
        <td>${endpointList(endpoints.items.get(keyOf(s)))}</td></tr>`).join('')
        || '<tr><td colspan="6" class="muted">No services.</td></tr>'}</tbody></table>`);
}
