/**
 * Every story of every `stories/*.stories.ts` file, rendered the way Storybook renders it, in
 * English and in Danish: the preview's loader (mock reset, language), the component's and the
 * story's loaders (real mock data), the render function with the story's args inside the preview's
 * decorator (theme root), then the story's `play` function (the flows walk through `<tfa-login>`
 * against the mock). Then what a person sees is checked: something rendered, the error message the
 * story is named for (or none), and axe finds no violation.
 *
 * The list of files below is explicit; `story-files.node-test.ts` checks it against the files on
 * disk, so a new stories file cannot be forgotten.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { render, type TemplateResult } from 'lit';
import { globalLoader, themeDecorator } from '../../.storybook/globals.js';
import { adoptThemes, type ThemeName } from '../../.storybook/themes.js';
import * as addMethod from '../../stories/add-method.stories.js';
import * as appEnroll from '../../stories/app-enroll.stories.js';
import * as contactDetails from '../../stories/contact-details.stories.js';
import * as demoPhone from '../../stories/demo-phone.stories.js';
import * as devicePicker from '../../stories/device-picker.stories.js';
import * as forgotDevice from '../../stories/forgot-device.stories.js';
import * as loginForm from '../../stories/login-form.stories.js';
import * as login from '../../stories/login.stories.js';
import * as methodList from '../../stories/method-list.stories.js';
import * as otpEntry from '../../stories/otp-entry.stories.js';
import * as pushWait from '../../stories/push-wait.stories.js';
import * as settings from '../../stories/settings.stories.js';
import * as signedIn from '../../stories/signed-in.stories.js';
import * as totpWizard from '../../stories/totp-wizard.stories.js';
import { text } from '../../stories/support/dom.js';

type AnyFn = (...args: any[]) => any;
type OneOrMany<T> = T | T[] | undefined;
interface Annotations {
  title?: string;
  name?: string;
  args?: Record<string, unknown>;
  loaders?: OneOrMany<AnyFn>;
  decorators?: OneOrMany<AnyFn>;
  render?: AnyFn;
  play?: AnyFn;
  parameters?: { a11y?: { config?: { rules?: { id: string; enabled?: boolean }[] } } };
  excludeStories?: string[] | RegExp;
  includeStories?: string[] | RegExp;
}
type StoriesModule = Record<string, unknown> & { default: Annotations };

const files: Record<string, StoriesModule> = {
  'add-method.stories.ts': addMethod,
  'app-enroll.stories.ts': appEnroll,
  'contact-details.stories.ts': contactDetails,
  'demo-phone.stories.ts': demoPhone,
  'device-picker.stories.ts': devicePicker,
  'forgot-device.stories.ts': forgotDevice,
  'login-form.stories.ts': loginForm,
  'login.stories.ts': login,
  'method-list.stories.ts': methodList,
  'otp-entry.stories.ts': otpEntry,
  'push-wait.stories.ts': pushWait,
  'settings.stories.ts': settings,
  'signed-in.stories.ts': signedIn,
  'totp-wizard.stories.ts': totpWizard,
} as unknown as Record<string, StoriesModule>;

type Locale = 'en' | 'da';

/**
 * What the error stories announce (`role="alert"`), per language: every non-empty alert must say
 * it (settings show one per section). Every other story announces nothing.
 */
const NO_CONNECTION = { en: /^No connection\. Check your network and try again\.$/, da: /^Ingen forbindelse\. Tjek dit netværk, og prøv igen\.$/ };
const INVALID_CREDENTIALS = { en: /^The username or password is not correct\.$/, da: /^Brugernavnet eller adgangskoden er ikke korrekt\.$/ };
const TOO_MANY_ATTEMPTS = { en: /^Too many wrong codes\. Start again to sign in\.$/, da: /^For mange forkerte koder\. Start forfra for at logge ind\.$/ };
const WRONG_CODE = { en: /^That code is not correct\. 4 attempts left\.$/, da: /^Koden er ikke korrekt\. 4 forsøg tilbage\.$/ };
const alerts: Record<string, Record<Locale, RegExp>> = {
  'Sign-in/Login form/InvalidCredentials': INVALID_CREDENTIALS,
  'Sign-in/Login form/LockedOut': { en: /^Too many failed sign-ins\. Try again in \S.*\.$/, da: /^For mange mislykkede logins\. Prøv igen om \S.*\.$/ },
  'Sign-in/Login form/NetworkFailure': NO_CONNECTION,
  'Sign-in/Login/InvalidCredentials': INVALID_CREDENTIALS,
  'Sign-in/Login/NetworkFailure': NO_CONNECTION,
  'Sign-in/Login/SignInStopped': TOO_MANY_ATTEMPTS,
  'Sign-in/One-time code/WrongCode': WRONG_CODE,
  'Sign-in/One-time code/Expired': { en: /^The code has expired\. Send a new code\.$/, da: /^Koden er udløbet\. Send en ny kode\.$/ },
  'Sign-in/One-time code/TooManyAttempts': TOO_MANY_ATTEMPTS,
  'Sign-in/One-time code/ResendTooSoon': { en: /^You can send a new code in \d+ seconds\.$/, da: /^Du kan sende en ny kode om \d+ sekunder\.$/ },
  'Sign-in/One-time code/NetworkFailure': NO_CONNECTION,
  'Sign-in/Change Device/SwitchError': NO_CONNECTION,
  'Sign-in/Forgot your device/NetworkFailure': NO_CONNECTION,
  'Settings/Personal settings/NetworkFailure': NO_CONNECTION,
  'Settings/Add new authentication method/NothingChosen': { en: /^Choose the method you want to add\.$/, da: /^Vælg den metode, du vil tilføje\.$/ },
  'Settings/Contact details/InvalidNumber': { en: /^Enter a valid mobile number, for example \+45 20 12 34 56\.$/, da: /^Indtast et gyldigt mobilnummer, for eksempel \+45 20 12 34 56\.$/ },
  'Settings/Authenticator app wizard/GoogleWrongCode': WRONG_CODE,
  'Settings/Authenticator app wizard/MicrosoftWrongCode': WRONG_CODE,
  'Settings/My authentication methods/NetworkFailure': NO_CONNECTION,
};

/** The non-empty `role="alert"` texts in `root`. */
function alertTexts(root: ParentNode): string[] {
  return [...root.querySelectorAll('[role="alert"]')].map(text).filter(Boolean);
}

/** Visible text including open shadow roots (the demo's simulated phone uses one). */
function deepText(node: Node): string {
  const own = node instanceof Element && node.shadowRoot ? deepText(node.shadowRoot) : '';
  const children = [...node.childNodes].map((child) => (child.nodeType === Node.TEXT_NODE ? child.textContent ?? '' : deepText(child)));
  return `${own} ${children.join(' ')}`.replace(/\s+/g, ' ').trim();
}

const list = <T>(value: OneOrMany<T>): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

function isStory(name: string, meta: Annotations): boolean {
  if (name === 'default' || name === '__namedExportsOrder') return false;
  const matches = (rule: string[] | RegExp | undefined) => (rule instanceof RegExp ? rule.test(name) : !!rule?.includes(name));
  if (meta.includeStories && !matches(meta.includeStories)) return false;
  return !matches(meta.excludeStories);
}

/** Waits until every widget element has updated and the DOM has been still for a moment. */
async function settle(root: HTMLElement): Promise<void> {
  const started = Date.now();
  let last = '';
  let stableSince = Date.now();
  while (Date.now() - started < 4000) {
    const elements = [...root.querySelectorAll('*')].filter((el) => el.localName.includes('-')) as (Element & { updateComplete?: Promise<unknown> })[];
    await Promise.all(elements.map((el) => el.updateComplete));
    const now = root.innerHTML;
    if (now !== last) {
      last = now;
      stableSince = Date.now();
    } else if (Date.now() - stableSince >= 150) {
      return;
    }
    await new Promise((r) => setTimeout(r, 30));
  }
}

/** Renders `story` of `meta` as Storybook does (project → component → story annotations). */
async function runStory(meta: Annotations, story: Annotations, name: string, locale: Locale, theme: ThemeName = 'default'): Promise<HTMLElement> {
  const globals = { locale, theme };
  const args = { ...meta.args, ...story.args };
  const canvasElement = await fixture<HTMLElement>(html`<div id="storybook-root"></div>`);
  const context: Record<string, unknown> = {
    args, globals, loaded: {}, canvasElement, name, title: meta.title, id: `${meta.title}/${name}`,
    parameters: { ...meta.parameters, ...story.parameters }, viewMode: 'story', abortSignal: new AbortController().signal,
  };
  const loaded: Record<string, unknown> = {};
  for (const loaders of [[globalLoader], list(meta.loaders), list(story.loaders)]) {
    Object.assign(loaded, ...(await Promise.all(loaders.map((loader) => loader(context)))));
  }
  context.loaded = loaded;
  const renderFn = story.render ?? meta.render;
  if (!renderFn) throw new Error('no render function');
  const decorators = [...list(story.decorators), ...list(meta.decorators), themeDecorator];
  const decorated = decorators.reduce<() => unknown>((inner, decorator) => () => decorator(inner, context), () => renderFn(args, context));
  render(decorated() as TemplateResult, canvasElement);
  await settle(canvasElement);
  const play = story.play ?? meta.play;
  if (play) {
    await play(context);
    await settle(canvasElement);
  }
  return canvasElement;
}

/** Rules a story turns off for Storybook's a11y panel (`parameters.a11y.config.rules`) are off here too. */
function ignoredRules(meta: Annotations, story: Annotations): string[] {
  return [meta, story].flatMap((a) => a.parameters?.a11y?.config?.rules ?? []).filter((r) => r.enabled === false).map((r) => r.id);
}

for (const locale of ['en', 'da'] as const) {
  describe(`every story (${locale === 'en' ? 'English' : 'Dansk'})`, function () {
    this.timeout(30000);
    after(() => {
      document.documentElement.lang = 'en';
    });
    for (const [file, mod] of Object.entries(files)) {
      const meta = mod.default;
      for (const name of Object.keys(mod).filter((n) => isStory(n, meta))) {
        const story = mod[name] as Annotations;
        const key = `${meta.title}/${name}`;
        it(`${file} › ${story.name ?? name}: renders from the mock, plays, is accessible`, async () => {
          const root = await runStory(meta, story, name, locale);
          expect(document.documentElement.lang).to.equal(locale);
          expect(deepText(root), 'visible text').not.to.equal('');
          const expected = alerts[key]?.[locale];
          if (expected) {
            const said = alertTexts(root);
            expect(said.length, 'number of non-empty alerts').to.be.greaterThan(0);
            for (const alert of said) expect(alert).to.match(expected);
          } else {
            expect(alertTexts(root).join(' | '), 'role="alert" text').to.equal('');
          }
          const ignored = ignoredRules(meta, story);
          await expect(root).to.be.accessible(ignored.length ? { ignoredRules: ignored } : {});
        });
      }
    }
  });
}

/**
 * The Theme toolbar's themes (examples/themes/*.css, scoped to the story root as in the preview)
 * keep every element readable: the first story of each file in the dark and the customer theme,
 * in Danish (the longer words), through axe (colour contrast included).
 */
describe('every element in the dark and customer themes', function () {
  this.timeout(30000);
  before(async () => {
    const css = async (name: string) => (await fetch(`/examples/themes/${name}.css`)).text();
    adoptThemes({ dark: await css('dark'), customer: await css('customer') });
  });
  after(() => {
    document.documentElement.lang = 'en';
  });
  for (const theme of ['dark', 'customer'] as const) {
    for (const [file, mod] of Object.entries(files)) {
      const meta = mod.default;
      const name = Object.keys(mod).find((n) => isStory(n, meta))!;
      const story = mod[name] as Annotations;
      it(`${theme}: ${file} › ${story.name ?? name} is accessible`, async () => {
        const root = await runStory(meta, story, name, 'da', theme);
        const themed = root.querySelector('[data-tfa-theme]')!;
        expect(themed.getAttribute('data-tfa-theme')).to.equal(theme);
        // The theme is really applied: its accent token reaches the story root.
        expect(getComputedStyle(themed).getPropertyValue('--tfa-color-accent').trim()).to.equal(theme === 'dark' ? '#8ab4ff' : '#00594f');
        const ignored = ignoredRules(meta, story);
        await expect(root).to.be.accessible(ignored.length ? { ignoredRules: ignored } : {});
      });
    }
  }
});

describe('the story table', () => {
  it('names only stories that exist', () => {
    const keys = Object.values(files).flatMap((mod) => Object.keys(mod).filter((n) => isStory(n, mod.default)).map((n) => `${mod.default.title}/${n}`));
    const unknown = Object.keys(alerts).filter((k) => !keys.includes(k));
    expect(unknown.join(', ')).to.equal('');
  });
});
