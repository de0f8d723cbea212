// Control plane: apiserver and etcd health (readyz), the scheduler and controller-manager leaders
// (Leases in kube-system) and every node's heartbeat age (Leases in kube-node-lease, else the Ready condition).
import { collection, plain } from './api.js';
import { age, errorHtml, esc, live, nodeStatus } from './util.js';

const LEADERS = ['kube-scheduler', 'kube-controller-manager'];

function leaseCard(name, lease, now) {
  if (!lease) {
    return `<div class="card" data-lease="${esc(name)}"><h3>${esc(name)}</h3><p><span class="badge bad">no leader</span> no Lease ${esc(name)} in kube-system</p></div>`;
  }
  const renewed = lease.spec?.renewTime;
  const duration = lease.spec?.leaseDurationSeconds ?? 15;
  const fresh = renewed && now - Date.parse(renewed) < duration * 1000;
  return `<div class="card" data-lease="${esc(name)}"><h3>${esc(name)}</h3>
    <p><span class="badge ${fresh ? 'ok' : 'bad'}">${fresh ? 'leader active' : 'lease expired'}</span></p>
    <p>holder <strong>${esc(lease.spec?.holderIdentity || '—')}</strong></p>
    <p>renewed ${esc(age(renewed, now))} ago (lease ${esc(duration)}s, ${esc(lease.spec?.leaseTransitions ?? 0)} transitions)</p></div>`;
}

export function controlView(root) {
  const leases = collection('/apis/coordination.k8s.io/v1/namespaces/kube-system/leases');
  const nodeLeases = collection('/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases');
  const nodes = collection('/api/v1/nodes');
  root.innerHTML = `<h2>Control plane</h2>
    <div class="cards"><div class="card" id="health" aria-live="polite"><h3>apiserver and etcd</h3><p class="muted">checking…</p></div></div>
    <p><button type="button" id="recheck">Check health again</button>
      <span class="muted">Leases and nodes below update live; ages count from your clock.</span></p>
    <div id="control-live"></div>`;
  const health = root.querySelector('#health');
  const check = async () => {
    try {
      const [ready, live] = await Promise.all([plain('/readyz?verbose'), plain('/livez')]);
      const ok = ready.code === 200;
      health.innerHTML = `<h3>apiserver and etcd</h3>
        <p><span class="badge ${live.code === 200 ? 'ok' : 'bad'}" data-role="livez">apiserver ${live.code === 200 ? 'live' : `livez ${live.code}`}</span>
        <span class="badge ${ok ? 'ok' : 'bad'}" data-role="readyz">${ok ? 'ready (etcd reachable)' : `not ready (${ready.code})`}</span></p>
        <p class="muted">${esc(ready.text.trim())}</p><p class="muted">checked ${esc(new Date().toLocaleTimeString())}</p>`;
    } catch (e) {
      health.innerHTML = `<h3>apiserver and etcd</h3><p><span class="badge bad">unreachable</span> ${esc(e.message)}</p>`;
    }
  };
  root.querySelector('#recheck').addEventListener('click', check);
  check();
  const liveRoot = root.querySelector('#control-live');
  const stop = live(liveRoot, [leases, nodeLeases, nodes], () => {
    const now = Date.now();
    return errorHtml(leases.error, 'read the leader Leases') + `<div class="cards">${LEADERS.map((n) => leaseCard(n, leases.items.get(`kube-system/${n}`), now)).join('')}</div>
      <h3>Node heartbeats</h3>${errorHtml(nodes.error, 'list nodes')}
      <table><thead><tr><th>Node</th><th>Status</th><th>Lease renewed</th><th>Ready condition heartbeat</th><th>kubelet</th></tr></thead><tbody>
      ${nodes.list().sort((a, b) => a.metadata.name.localeCompare(b.metadata.name)).map((node) => {
        const lease = nodeLeases.items.get(`kube-node-lease/${node.metadata.name}`);
        const ready = (node.status?.conditions || []).find((c) => c.type === 'Ready');
        const status = nodeStatus(node);
        return `<tr data-heartbeat="${esc(node.metadata.name)}"><td>${esc(node.metadata.name)}</td><td><span class="badge ${status}">${status}</span></td>
          <td>${esc(lease ? `${age(lease.spec?.renewTime, now)} ago` : 'no lease')}</td><td>${esc(ready ? `${age(ready.lastHeartbeatTime, now)} ago` : '—')}</td>
          <td>${esc(node.status?.nodeInfo?.kubeletVersion || '')}</td></tr>`;
      }).join('')}</tbody></table>`;
  });
  // ages are relative to now: redraw them every few seconds from the cached objects (no API calls)
  const ticker = setInterval(() => leases.notify(), 5000);
  return () => {
    clearInterval(ticker);
    stop();
  };
}
