// Cluster map: a card per node (status, taints, cordon, requested vs allocatable) with its pods as chips,
// and a lane of unscheduled pods with the scheduler's last FailedScheduling message.
import { collection, resourcePath } from './api.js';
import { age, errorHtml, esc, formatBytes, formatCpu, live, nodeStatus, podPhase, podRequests, quantity } from './util.js';

const chip = (pod) => {
  const phase = podPhase(pod);
  const { namespace, name } = pod.metadata;
  return `<li><a class="chip ${esc(phase)}" data-key="pod:${esc(namespace)}/${esc(name)}" data-phase="${esc(phase)}"
    href="#/pod/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}"
    title="${esc(`${namespace}/${name}: ${phase}`)}">${esc(name)}<span class="muted" hidden> ${esc(phase)}</span></a></li>`;
};

function bar(label, used, total, format) {
  const percent = total > 0 ? Math.round((used / total) * 100) : 0;
  const text = `${label} ${format(used)} of ${total > 0 ? format(total) : '?'} requested (${percent}%)`;
  return `<div class="bar"><span>${esc(text)}</span>
    <div class="track" role="meter" aria-label="${esc(text)}" aria-valuemin="0" aria-valuemax="100" aria-valuenow="${Math.min(percent, 100)}">
    <div class="fill${percent > 100 ? ' over' : ''}" style="width:${Math.min(percent, 100)}%"></div></div></div>`;
}

function nodeCard(node, pods) {
  const status = nodeStatus(node);
  const allocatable = node.status?.allocatable || node.status?.capacity || {};
  const requested = pods.filter((p) => !['Succeeded', 'Failed'].includes(p.status?.phase))
    .map(podRequests).reduce((a, r) => ({ cpu: a.cpu + r.cpu, memory: a.memory + r.memory }), { cpu: 0, memory: 0 });
  const taints = node.spec?.taints || [];
  const ready = (node.status?.conditions || []).find((c) => c.type === 'Ready');
  const name = node.metadata.name;
  return `<article class="node" data-node="${esc(name)}" data-status="${status}" aria-label="node ${esc(name)}: ${status}">
    <header><h3>${esc(name)}</h3><span class="badge ${status}" data-role="status">${status}</span>
      ${node.spec?.unschedulable ? '<span class="badge cordoned" data-role="cordoned">cordoned</span>' : ''}
      <span class="muted" title="last heartbeat">♥ ${esc(age(ready?.lastHeartbeatTime))}</span></header>
    ${taints.length ? `<div class="taints">taints: ${taints.map((t) => `<code>${esc(t.key)}${t.value ? `=${esc(t.value)}` : ''}:${esc(t.effect)}</code>`).join(' ')}</div>` : ''}
    ${bar('cpu', requested.cpu, quantity(allocatable.cpu), formatCpu)}
    ${bar('memory', requested.memory, quantity(allocatable.memory), formatBytes)}
    <div class="muted">${pods.length} pod${pods.length === 1 ? '' : 's'}</div>
    <ul class="chips" aria-label="pods on ${esc(name)}">${pods.map(chip).join('')}</ul>
  </article>`;
}

/** The message of the newest FailedScheduling event of each pod, by namespace/name. */
function schedulingFailures(events) {
  const latest = new Map();
  for (const e of events) {
    if (e.reason !== 'FailedScheduling' || e.involvedObject?.kind !== 'Pod') continue;
    const key = `${e.involvedObject.namespace}/${e.involvedObject.name}`;
    const time = Date.parse(e.lastTimestamp || e.eventTime || e.metadata.creationTimestamp) || 0;
    if (!latest.has(key) || latest.get(key).time <= time) latest.set(key, { time, message: e.message });
  }
  return latest;
}

export function mapView(root, ctx) {
  const nodes = collection('/api/v1/nodes');
  const pods = collection(resourcePath('', 'v1', 'pods', ctx.namespace));
  const events = collection(resourcePath('', 'v1', 'events', ctx.namespace));
  root.innerHTML = `<h2>Cluster map</h2>
    <p class="legend">Pods by phase: <span class="chip Running">Running</span><span class="chip Pending">Pending</span>
      <span class="chip Succeeded">Succeeded</span><span class="chip Failed">Failed</span><span class="chip Unknown">Unknown</span></p>
    <div id="map-live"></div>`;
  return live(root.querySelector('#map-live'), [nodes, pods, events], () => {
    const byNode = new Map();
    const pending = [];
    for (const pod of pods.list().sort((a, b) => a.metadata.name.localeCompare(b.metadata.name))) {
      const node = pod.spec?.nodeName;
      if (!node) pending.push(pod);
      else byNode.set(node, [...(byNode.get(node) || []), pod]);
    }
    const failures = schedulingFailures(events.list());
    const lane = pending.length ? `<section class="lane" aria-label="pending pods"><h3>Waiting for a node (${pending.length})</h3>
      <ul class="chips" style="display:block">${pending.map((p) => {
        const failure = failures.get(`${p.metadata.namespace}/${p.metadata.name}`);
        return `${chip(p).replace('</li>', '')}<span class="reason" data-role="reason">${esc(failure ? failure.message : 'not scheduled yet')}</span></li>`;
      }).join('')}</ul></section>` : '';
    const cards = nodes.list().sort((a, b) => a.metadata.name.localeCompare(b.metadata.name))
      .map((n) => nodeCard(n, byNode.get(n.metadata.name) || [])).join('');
    return errorHtml(nodes.error, 'list nodes') + errorHtml(pods.error, 'list pods') + lane
      + (nodes.synced && !nodes.list().length ? '<p class="muted">No nodes registered.</p>' : '')
      + `<div class="nodes">${cards}</div>`;
  });
}
