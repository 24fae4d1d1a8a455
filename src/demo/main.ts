/**
 * Entry of the demo portal (`npm start`): reads `?lang=da|en` and `?flow=identifier-first`,
 * starts the mock backend in the page (MSW service worker, demo data kept in localStorage so it
 * survives a reload) and only then loads the portal and the widget, so no call goes out before
 * the mock can answer it.
 */
import { startMockWorker } from '../../mock-server/browser.js';
import { msg } from '@lit/localize';
import { setLocale, toLocale } from '../internal/localize.js';

const params = new URLSearchParams(location.search);
const locale = toLocale(params.get('lang'));
const flow = params.get('flow') === 'identifier-first' ? 'identifier-first' : 'password';
document.documentElement.lang = locale;

const app = document.getElementById('app');

function fail(text: string): void {
  const p = document.createElement('p');
  p.className = 'portal-error';
  p.setAttribute('role', 'alert');
  p.textContent = text;
  app?.replaceChildren(p);
}

try {
  await Promise.all([setLocale(locale), startMockWorker({ persist: true })]);
  await import('./portal.js');
  const portal = document.createElement('demo-portal');
  portal.apiBase = '/api';
  portal.flow = flow;
  portal.locale = locale;
  portal.syncUrl = true;
  app?.replaceWith(portal);
} catch (err) {
  console.error(err);
  fail(msg('The demo could not start its mock backend. It needs a browser with service workers, on http://localhost or https.', { id: 'demo.portal.start_failed' }));
}
