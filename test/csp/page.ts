/**
 * The strict-CSP test page: an integrator's page with the sign-in widget and nothing else. No mock
 * service worker and no persistence: `/api/*` and `/__mock/*` are answered by the test's Node server
 * (test/csp/harness.ts). `?flow=identifier-first` and `?lang=da` pick the widget's attributes.
 */
import '../../src/tfa-login.js';

const params = new URLSearchParams(location.search);
const login = document.createElement('tfa-login');
login.setAttribute('api-base', '/api');
login.setAttribute('flow', params.get('flow') === 'identifier-first' ? 'identifier-first' : 'password');
document.documentElement.lang = params.get('lang') === 'da' ? 'da' : 'en';
document.getElementById('host')!.append(login);

document.getElementById('to-da')!.addEventListener('click', () => (document.documentElement.lang = 'da'));
document.getElementById('to-en')!.addEventListener('click', () => (document.documentElement.lang = 'en'));
