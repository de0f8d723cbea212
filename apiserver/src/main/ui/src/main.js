// Entry point: login with a bearer token (kept in sessionStorage), hash routing between the views.
import { closeAll, request, session } from './api.js';
import { esc } from './util.js';
import { mapView } from './map.js';
import { workloadsView } from './workloads.js';
import { servicesView } from './services.js';
import { eventsView } from './events.js';
import { podView } from './pod.js';
import { controlView } from './control.js';

const view = document.getElementById('view');
const nav = document.getElementById('nav');
const sessionBar = document.getElementById('session');
const namespaceInput = document.getElementById('namespace');
const notice = document.getElementById('notice');
const ctx = { namespace: sessionStorage.getItem('kube4j.namespace') || '' };
let cleanup = () => {};

const VIEWS = {
  map: mapView,
  workloads: workloadsView,
  services: servicesView,
  events: eventsView,
  control: controlView,
};

function showLogin(message) {
  cleanup();
  cleanup = () => {};
  nav.hidden = true;
  sessionBar.hidden = true;
  view.innerHTML = `<form class="login" id="login" aria-labelledby="login-title">
    <h2 id="login-title">Log in to the cluster</h2>
    ${message ? `<div class="alert error" role="alert" data-error="login">${esc(message)}</div>` : ''}
    <label for="token">Bearer token</label>
    <input id="token" name="token" type="password" autocomplete="off" required>
    <p class="hint">The dashboard calls the API with this token, so it sees and changes only what the token's RBAC
      rules allow. The admin token of a cluster made by <code>kube4j up</code> is in its PKI directory
      (<code>tokens.csv</code>, user admin). It is kept in this tab only (sessionStorage).</p>
    <button class="primary" type="submit">Log in</button></form>`;
  const form = document.getElementById('login');
  form.token.focus();
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    session.token = form.token.value.trim();
    if (await verify()) route();
  });
}

/** Checks the token against the API; shows the login form again when it is rejected. */
async function verify() {
  try {
    await request('GET', '/api');
  } catch (e) {
    session.token = '';
    showLogin(e.code === 401 ? 'The API rejected this token (401 Unauthorized).' : `The API could not be reached: ${e.message}`);
    return false;
  }
  const who = document.getElementById('whoami');
  who.textContent = '';
  request('POST', '/apis/authentication.k8s.io/v1/selfsubjectreviews',
    { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' })
    .then((review) => { who.textContent = `user ${review.status?.userInfo?.username || '?'}`; })
    .catch(() => { /* older servers: the user name is a nicety */ });
  return true;
}

function route() {
  if (!session.token) {
    showLogin();
    return;
  }
  cleanup();
  nav.hidden = false;
  sessionBar.hidden = false;
  notice.textContent = '';
  const parts = location.hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  const name = parts[0] || 'map';
  for (const link of nav.querySelectorAll('a')) {
    if (link.getAttribute('href') === `#/${name}`) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  view.dataset.view = name;
  if (name === 'pod' && parts.length >= 3) {
    cleanup = podView(view, ctx, parts[1], parts[2]);
  } else {
    cleanup = (VIEWS[name] || mapView)(view, ctx);
  }
  document.title = `kube4j · ${view.querySelector('h2')?.textContent || 'dashboard'}`;
}

document.getElementById('logout').addEventListener('click', () => {
  session.token = '';
  closeAll();
  showLogin();
});
namespaceInput.value = ctx.namespace;
namespaceInput.addEventListener('change', () => {
  ctx.namespace = namespaceInput.value.trim();
  sessionStorage.setItem('kube4j.namespace', ctx.namespace);
  closeAll();
  route();
});
window.addEventListener('hashchange', () => {
  route();
  view.focus({ preventScroll: true });
});

if (session.token) {
  verify().then((ok) => ok && route());
} else {
  showLogin();
}
