// #region guide:react
import { useState } from 'react';
import type { TfaLoginSuccessEvent } from 'tfa-login-widget';
import 'tfa-login-widget/login'; // registers <tfa-login> and its steps

type Lang = 'en' | 'da';
const welcome = { en: 'Welcome', da: 'Velkommen' };

export function App() {
  const [lang, setLang] = useState<Lang>('en');
  const [name, setName] = useState<string>();

  // React 19 sets properties on custom elements and adds listeners for `on<event-name>` props.
  const onSuccess = (event: TfaLoginSuccessEvent) => setName(event.session.user.displayName);

  return (
    <main className="portal">
      <h1 className="portal-title">Nordlys Energi</h1>
      <nav aria-label="Language">
        <button type="button" aria-pressed={lang === 'en'} onClick={() => setLang('en')}>English</button>
        <button type="button" aria-pressed={lang === 'da'} onClick={() => setLang('da')}>Dansk</button>
      </nav>
      <p role="status" className="portal-welcome">{name ? `${welcome[lang]}, ${name}` : ''}</p>
      <tfa-login
        api-base="/api"
        lang={lang}
        ontfa-login-success={onSuccess}
        ontfa-logout={() => setName(undefined)}
      ></tfa-login>
    </main>
  );
}
// #endregion
