import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/components/contact-details/define.js';
import { press, type, waitFor, waitUntil } from './support/dom.js';
import { signedIn, type SignedIn } from './support/mock.js';

const meta: Meta = {
  title: 'Settings/Contact details',
  component: 'tfa-contact-details',
  tags: ['autodocs'],
  loaders: [() => signedIn('bo')],
  render: (_args, { loaded }) => {
    const ctx = loaded as SignedIn;
    return html`<tfa-contact-details api-base="/api" .fetchImpl=${ctx.fetchImpl} .session=${ctx.session}></tfa-contact-details>`;
  },
};
export default meta;

type Story = StoryObj;

async function openChange(root: HTMLElement): Promise<HTMLInputElement> {
  const el = await waitFor(root, 'tfa-contact-details');
  await waitFor(el, '[data-mobile]');
  await press(el, '.tfa-actions > button');
  return waitFor<HTMLInputElement>(el, 'input[type="tel"]');
}

/** bo: email (administrator changes it) and mobile number. */
export const View: Story = {
  name: 'bo: email and mobile number',
  play: async ({ canvasElement }) => {
    await waitFor(canvasElement, 'tfa-contact-details [data-mobile]');
  },
};

/** anna has no mobile number: "Add mobile number". */
export const NoMobile: Story = {
  name: 'anna: no mobile number',
  loaders: [() => signedIn('anna')],
  play: async ({ canvasElement }) => {
    await waitFor(canvasElement, 'tfa-contact-details [data-mobile]');
  },
};

/** "Change mobile number": the new number. */
export const Change: Story = {
  name: 'Change mobile number',
  play: async ({ canvasElement }) => {
    await openChange(canvasElement);
  },
};

/** Not a mobile number: said at the field. */
export const InvalidNumber: Story = {
  name: 'Error: not a mobile number',
  play: async ({ canvasElement }) => {
    const input = await openChange(canvasElement);
    type(input, '12');
    input.form!.requestSubmit();
    await waitUntil(() => input.getAttribute('aria-invalid') === 'true', 'the field marked invalid');
  },
};

/** The code went to the new number; the number changes only after it is entered. */
export const Code: Story = {
  name: 'Code sent to the new number',
  play: async ({ canvasElement }) => {
    const input = await openChange(canvasElement);
    type(input, '+45 31 31 31 31');
    input.form!.requestSubmit();
    await waitFor(canvasElement, 'input[autocomplete="one-time-code"]');
  },
};

/** The code from the SMS confirms the change: the new number is shown. */
export const Changed: Story = {
  name: 'Mobile number changed',
  play: async ({ canvasElement, loaded }) => {
    const input = await openChange(canvasElement);
    type(input, '+45 31 31 31 31');
    input.form!.requestSubmit();
    const code = await waitFor<HTMLInputElement>(canvasElement, 'input[autocomplete="one-time-code"]');
    type(code, await (loaded as SignedIn).control.lastCode());
    code.form!.requestSubmit();
    await waitUntil(() => canvasElement.querySelector('[data-mobile]')?.textContent?.includes('31'), 'the new number');
  },
};
