import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/components/contact-details/define.js';
import { buttonNamed, signedIn, waitFor, type SignedIn } from './settings.stories.js';

const meta: Meta = {
  title: 'Settings/Contact details',
  component: 'tfa-contact-details',
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
  buttonNamed(el, 'Change mobile number').click();
  return waitFor<HTMLInputElement>(el, 'input[type="tel"]');
}

/** bo: email (administrator changes it) and mobile number. */
export const View: Story = {};

/** anna has no mobile number: "Add mobile number". */
export const NoMobile: Story = { loaders: [() => signedIn('anna')] };

/** "Change mobile number": the new number. */
export const Change: Story = {
  play: async ({ canvasElement }) => {
    await openChange(canvasElement);
  },
};

/** Not a mobile number: said at the field. */
export const InvalidNumber: Story = {
  play: async ({ canvasElement }) => {
    const input = await openChange(canvasElement);
    input.value = '12';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.form!.requestSubmit();
  },
};

/** The code went to the new number; the number changes only after it is entered. */
export const Code: Story = {
  play: async ({ canvasElement }) => {
    const input = await openChange(canvasElement);
    input.value = '+45 31 31 31 31';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.form!.requestSubmit();
    await waitFor(canvasElement, 'input[autocomplete="one-time-code"]');
  },
};
