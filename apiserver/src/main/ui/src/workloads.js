// Workloads: deployments → replicasets → pods with ready counts; scale and rollout restart through the API.
import { collection, request, resourcePath } from './api.js';
import { errorHtml, esc, live, podPhase } from './util.js';

const owned = (items, owner) => items.filter((o) => (o.metadata.ownerReferences || []).some((r) => r.uid === owner.metadata.uid));
const byName = (a, b) => `${a.metadata.namespace}/${a.metadata.name}`.localeCompare(`${b.metadata.namespace}/${b.metadata.name}`);
const readyPods = (pods) => pods.filter((p) => (p.status?.conditions || []).some((c) => c.type === 'Ready' && c.status === 'True')).length;

function podChips(pods) {
  return `<ul class="chips">${pods.sort(byName).map((p) => `<li><a class="chip ${esc(podPhase(p))}"
    href="#/pod/${encodeURIComponent(p.metadata.namespace)}/${encodeURIComponent(p.metadata.name)}"
    data-key="wpod:${esc(p.metadata.namespace)}/${esc(p.metadata.name)}">${esc(p.metadata.name)}</a></li>`).join('')}</ul>`;
}

function deploymentRows(d, replicaSets, pods) {
  const id = `${d.metadata.namespace}/${d.metadata.name}`;
  const wanted = d.spec?.replicas ?? 1;
  const status = d.status || {};
  const sets = owned(replicaSets, d).sort(byName);
  const rows = sets.map((rs) => {
    const rsPods = owned(pods, rs);
    return `<tr class="rs"><td>↳ ReplicaSet ${esc(rs.metadata.name)}</td><td></td>
      <td>${rs.status?.readyReplicas ?? 0}/${rs.spec?.replicas ?? 0}</td><td colspan="2">${podChips(rsPods)}</td></tr>`;
  });
  return `<tr class="deployment" data-deployment="${esc(id)}"><td><strong>${esc(d.metadata.name)}</strong></td>
    <td>${esc(d.metadata.namespace)}</td>
    <td><span data-role="ready">${status.readyReplicas ?? 0}/${wanted}</span>
      <span class="muted">(updated ${status.updatedReplicas ?? 0}, available ${status.availableReplicas ?? 0})</span></td>
    <td><div class="scale" role="group" aria-label="scale ${esc(id)}">
      <button type="button" data-action="scale-by" data-delta="-1" data-target="${esc(id)}" data-key="dec:${esc(id)}" aria-label="scale ${esc(id)} down by one">−</button>
      <span data-role="replicas" aria-label="desired replicas">${wanted}</span>
      <button type="button" data-action="scale-by" data-delta="1" data-target="${esc(id)}" data-key="inc:${esc(id)}" aria-label="scale ${esc(id)} up by one">+</button>
      <label>to <input type="number" min="0" data-role="scale-input" data-key="to:${esc(id)}" aria-label="replicas for ${esc(id)}" value="${wanted}"></label>
      <button type="button" data-action="scale" data-target="${esc(id)}" data-key="scale:${esc(id)}">Scale</button></div></td>
    <td><button type="button" data-action="restart" data-target="${esc(id)}" data-key="restart:${esc(id)}">Rollout restart</button></td></tr>
    ${rows.join('')}`;
}

export function workloadsView(root, ctx) {
  const ns = ctx.namespace;
  const deployments = collection(resourcePath('apps', 'v1', 'deployments', ns));
  const replicaSets = collection(resourcePath('apps', 'v1', 'replicasets', ns));
  const pods = collection(resourcePath('', 'v1', 'pods', ns));
  root.innerHTML = `<h2>Workloads</h2><div id="workload-result" role="status" aria-live="polite"></div><div id="workloads-live"></div>`;
  const result = root.querySelector('#workload-result');
  const liveRoot = root.querySelector('#workloads-live');

  const act = async (label, call) => {
    result.innerHTML = `<div class="alert info">${esc(label)}…</div>`;
    try {
      await call();
      result.innerHTML = `<div class="alert info" data-result="ok">${esc(label)}: done</div>`;
    } catch (e) {
      result.innerHTML = errorHtml(e, label);
    }
  };
  const scale = (id, replicas) => {
    const [namespace, name] = id.split('/');
    return act(`scale deployment ${id} to ${replicas}`, () => request('PATCH',
      `/apis/apps/v1/namespaces/${encodeURIComponent(namespace)}/deployments/${encodeURIComponent(name)}/scale`,
      { spec: { replicas } }, 'application/merge-patch+json'));
  };
  const onClick = (event) => {
    const button = event.target.closest('button[data-action]');
    if (!button) return;
    const id = button.dataset.target;
    const current = deployments.items.get(id);
    if (button.dataset.action === 'scale-by' && current) {
      scale(id, Math.max(0, (current.spec?.replicas ?? 1) + Number(button.dataset.delta)));
    } else if (button.dataset.action === 'scale') {
      const value = Number(button.closest('tr').querySelector('[data-role="scale-input"]').value);
      if (!Number.isInteger(value) || value < 0) {
        result.innerHTML = '<div class="alert error">Replicas must be a whole number, 0 or more.</div>';
        return;
      }
      scale(id, value);
    } else if (button.dataset.action === 'restart') {
      const [namespace, name] = id.split('/');
      act(`restart deployment ${id}`, () => request('PATCH',
        `/apis/apps/v1/namespaces/${encodeURIComponent(namespace)}/deployments/${encodeURIComponent(name)}`,
        { spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': new Date().toISOString() } } } } },
        'application/merge-patch+json'));
    }
  };
  liveRoot.addEventListener('click', onClick);
  liveRoot.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && event.target.matches('[data-role="scale-input"]')) {
      event.target.closest('tr').querySelector('button[data-action="scale"]').click();
    }
  });
  const stop = live(liveRoot, [deployments, replicaSets, pods], () => {
    const allSets = replicaSets.list();
    const allPods = pods.list();
    const ownedSets = new Set(deployments.list().flatMap((d) => owned(allSets, d)).map((rs) => rs.metadata.uid));
    const loosePods = allPods.filter((p) => !(p.metadata.ownerReferences || []).some((r) => allSets.some((rs) => rs.metadata.uid === r.uid && ownedSets.has(r.uid))));
    return errorHtml(deployments.error, 'list deployments') + errorHtml(replicaSets.error, 'list replicasets')
      + errorHtml(pods.error, 'list pods')
      + `<table><thead><tr><th>Name</th><th>Namespace</th><th>Ready</th><th>Replicas</th><th>Actions</th></tr></thead>
         <tbody>${deployments.list().sort(byName).map((d) => deploymentRows(d, allSets, allPods)).join('')
           || '<tr><td colspan="5" class="muted">No deployments.</td></tr>'}</tbody></table>
         <h3>Other pods (${loosePods.length}, ${readyPods(loosePods)} ready)</h3>${podChips(loosePods)}`;
  });
  return () => {
    stop();
    liveRoot.removeEventListener('click', onClick);
  };
}
