// Unit tests of the dashboard's pure helpers (node --test; run by DashboardScriptsTest).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { age, esc, formatBytes, formatCpu, nodeStatus, podPhase, podRequests, quantity, yaml } from '../../main/ui/src/util.js';

test('quantities in Kubernetes notation become numbers', () => {
  const table = [
    ['250m', 0.25], ['2', 2], ['1.5', 1.5], ['1Ki', 1024], ['512Mi', 512 * 2 ** 20], ['1Gi', 2 ** 30],
    ['1k', 1000], ['1M', 1e6], ['1e3', 1000], ['100n', 1e-7], [undefined, 0], ['bogus', 0], ['1Xi', 0],
  ];
  for (const [text, expected] of table) assert.ok(Math.abs(quantity(text) - expected) < 1e-12, `${text} -> ${quantity(text)}`);
});

test('pod requests: containers add up, the largest init container wins when larger, overhead adds', () => {
  const pod = {
    spec: {
      containers: [{ resources: { requests: { cpu: '250m', memory: '128Mi' } } }, { resources: { requests: { cpu: '250m' } } }],
      initContainers: [{ resources: { requests: { cpu: '1', memory: '64Mi' } } }],
      overhead: { cpu: '100m' },
    },
  };
  // cpu: max(0.25 + 0.25, 1) + 0.1 = 1.1; memory: max(128Mi, 64Mi) = 128Mi
  assert.deepEqual(podRequests(pod), { cpu: 1.1, memory: 128 * 2 ** 20 });
});

test('formats cpu in millicores below one core and memory in binary units', () => {
  assert.equal(formatCpu(0.25), '250m');
  assert.equal(formatCpu(1.5), '1.5');
  assert.equal(formatBytes(1536 * 2 ** 20), '1.5Gi');
  assert.equal(formatBytes(512), '512');
});

test('node status follows the Ready condition; no condition is Unknown', () => {
  const node = (status) => ({ status: { conditions: status ? [{ type: 'Ready', status }] : [] } });
  assert.equal(nodeStatus(node('True')), 'Ready');
  assert.equal(nodeStatus(node('False')), 'NotReady');
  assert.equal(nodeStatus(node('Unknown')), 'Unknown');
  assert.equal(nodeStatus(node(null)), 'Unknown');
});

test('a pod being deleted shows as Terminating, one without status as Pending', () => {
  assert.equal(podPhase({ metadata: { deletionTimestamp: '2026-01-01T00:00:00Z' }, status: { phase: 'Running' } }), 'Terminating');
  assert.equal(podPhase({ metadata: {} }), 'Pending');
});

test('ages read like kubectl', () => {
  const now = Date.parse('2026-01-01T12:00:00Z');
  assert.equal(age('2026-01-01T11:59:30Z', now), '30s');
  assert.equal(age('2026-01-01T11:30:00Z', now), '30m');
  assert.equal(age('2025-12-30T12:00:00Z', now), '2d');
  assert.equal(age(undefined, now), '—');
});

test('YAML quotes what would not read back as the same string', () => {
  const text = yaml({ metadata: { name: 'web', labels: { hash: '7c9f', on: 'yes' }, skipped: undefined },
    spec: { replicas: 3, list: [{ a: 1 }, 'x'], empty: [], none: {} } });
  assert.equal(text, [
    'metadata:', '  name: web', '  labels:', '    hash: "7c9f"', '    "on": "yes"',
    'spec:', '  replicas: 3', '  list:', '  - a: 1', '  - x', '  empty: []', '  none: {}',
  ].join('\n'));
});

test('HTML escaping covers markup and quotes', () => {
  assert.equal(esc('<a href="x">\'&'), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;');
});
