/**
 * Every settings story renders with the in-process mock, runs its play function, and passes axe:
 * the stories are the reviewers' view of each state, so they must not rot.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { render, type TemplateResult } from 'lit';
import * as appEnroll from '../../stories/app-enroll.stories.js';
import * as contact from '../../stories/contact-details.stories.js';
import * as methodList from '../../stories/method-list.stories.js';
import * as settings from '../../stories/settings.stories.js';
import * as wizard from '../../stories/totp-wizard.stories.js';
import { found, text } from './helpers.js';

type AnyFn = (...args: any[]) => any;
interface StoryLike {
  args?: Record<string, unknown>;
  loaders?: AnyFn[];
  render?: AnyFn;
  play?: AnyFn;
}

const files = { appEnroll, contact, methodList, settings, wizard } as unknown as Record<string, Record<string, StoryLike> & { default: StoryLike & { excludeStories?: string[] } }>;

/** What to look for once a story is ready. */
const ready: Record<string, (root: HTMLElement) => boolean> = {
  GoogleWrongCode: (root) => text(root).includes('That code is not correct.'),
  MicrosoftWrongCode: (root) => text(root).includes('That code is not correct.'),
  GoogleDone: (root) => text(root).includes('has been added'),
  MicrosoftDone: (root) => text(root).includes('has been added'),
  InvalidNumber: (root) => text(root).includes('Enter a valid mobile number'),
  GoogleQrCode: (root) => !!root.querySelector('svg'),
  MicrosoftQrCode: (root) => !!root.querySelector('svg'),
  PingIdWaiting: (root) => !!root.querySelector('svg'),
  EntrustActivationPassword: (root) => !!root.querySelector('[data-activation-password]'),
  FiveMethods: (root) => root.querySelectorAll('li').length === 5,
};

describe('settings stories', function () {
  this.timeout(20000);
  for (const [file, mod] of Object.entries(files)) {
    const meta = mod.default;
    const names = Object.keys(mod).filter((n) => n !== 'default' && !(meta.excludeStories ?? []).includes(n));
    for (const name of names) {
      it(`${file}: ${name} renders and is accessible`, async () => {
        const story = mod[name];
        const args = { ...meta.args, ...story.args };
        let loaded = {};
        for (const loader of [...(meta.loaders ?? []), ...(story.loaders ?? [])]) loaded = { ...loaded, ...(await loader()) };
        const root = await fixture<HTMLDivElement>(html`<div></div>`);
        render((story.render ?? meta.render)!(args, { loaded, args }) as TemplateResult, root);
        await (story.play ?? meta.play)?.({ canvasElement: root, loaded, args });
        await found(() => root.querySelector('h2, h3, h4') && root.querySelector('.tfa'), 'nothing rendered');
        await found(() => (ready[name] ?? (() => !text(root).includes('Loading')))(root), `${name} never got ready`);
        // <tfa-login> renders its own <h2> inside "Confirm it's you" (no heading level setting yet).
        await expect(root).to.be.accessible(name === 'StepUp' ? { ignoredRules: ['heading-order'] } : {});
      });
    }
  }
});
