import { expect, fixture } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import * as formStories from '../../stories/login-form.stories.js';
import * as loginStories from '../../stories/login.stories.js';
import * as otpStories from '../../stories/otp-entry.stories.js';
import { setLocale } from '../../src/internal/localize.js';
import { alertText, text } from './mock.js';

/**
 * Every story of the sign-in elements renders from its loaders (real mock data) and is accessible,
 * and the error stories show the error they are named for.
 */
type AnyStory = { args?: Record<string, unknown>; loaders?: (() => Promise<unknown>)[]; render?: Render };
type Render = (args: Record<string, unknown>, ctx: { loaded: Record<string, unknown> }) => TemplateResult;
type AnyMeta = { args?: Record<string, unknown>; render?: Render };

async function renderStory(meta: AnyMeta, story: AnyStory): Promise<HTMLElement> {
  let loaded: Record<string, unknown> = {};
  for (const loader of story.loaders ?? []) loaded = { ...loaded, ...((await loader()) as Record<string, unknown>) };
  const render = story.render ?? meta.render!;
  const el = await fixture<HTMLElement>(render({ ...meta.args, ...story.args }, { loaded }));
  await (el as HTMLElement & { updateComplete?: Promise<unknown> }).updateComplete;
  return el;
}

const expected: Record<string, RegExp> = {
  InvalidCredentials: /^The username or password is not correct\.$/,
  LockedOut: /^Too many failed sign-ins\. Try again in/,
  WrongCode: /^That code is not correct\. 4 attempts left\.$/,
  Expired: /^The code has expired\./,
  TooManyAttempts: /^Too many wrong codes\./,
  ResendTooSoon: /^You can send a new code in \d+ seconds\.$/,
};

describe('sign-in stories', () => {
  before(() => setLocale('en'));
  for (const [file, mod] of Object.entries({ formStories, otpStories, loginStories })) {
    const { default: meta, ...stories } = mod as unknown as { default: AnyMeta } & Record<string, AnyStory>;
    for (const [name, story] of Object.entries(stories)) {
      it(`${file} ${name} renders from the mock and is accessible`, async () => {
        const el = await renderStory(meta, story);
        expect(text(el)).not.to.equal('');
        if (expected[name]) expect(alertText(el)).to.match(expected[name]);
        else expect(alertText(el)).to.equal('');
        await expect(el).to.be.accessible();
      });
    }
  }
});
