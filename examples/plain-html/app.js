// The portal's own script (no inline scripts: the page runs under a strict CSP).
// #region guide:plain-html-script
const login = document.querySelector('tfa-login');
const welcomeText = { en: 'Welcome', da: 'Velkommen' };
let name = '';

function showWelcome() {
  document.querySelector('#welcome').textContent = name ? `${welcomeText[login.lang || 'en']}, ${name}` : '';
}

login.addEventListener('tfa-login-success', (event) => {
  name = event.session.user.displayName; // keep event.session.token in memory only
  showWelcome();
});
login.addEventListener('tfa-logout', () => {
  name = '';
  showWelcome();
});

for (const button of document.querySelectorAll('button[data-lang]')) {
  button.addEventListener('click', () => {
    login.lang = button.dataset.lang; // the widget re-renders in that language at once
    for (const b of document.querySelectorAll('button[data-lang]')) b.setAttribute('aria-pressed', String(b === button));
    showWelcome();
  });
}
// #endregion
