import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/tfa-settings.js';
import '../src/tfa-login.js';
import { press, waitFor } from './support/dom.js';
import { methodId, offlineFetch, signedIn, type SignedIn } from './support/mock.js';

interface SettingsArgs {
  editing: boolean;
  headingLevel: number;
}

/**
 * `<tfa-settings>` ("Personal settings") for a person signed in on a fresh in-process mock
 * (stories/support/mock.ts): "Two-factor login" with the methods, and "Contact details".
 */
const meta: Meta<SettingsArgs> = {
  title: 'Settings/Personal settings',
  component: 'tfa-settings',
  tags: ['autodocs'],
  args: { editing: false, headingLevel: 2 },
  argTypes: { headingLevel: { control: { type: 'number', min: 2, max: 3 } } },
  loaders: [() => signedIn('bo')],
  render: (args, { loaded }) => {
    const ctx = loaded as SignedIn;
    return html`<tfa-settings
      api-base="/api"
      heading-level=${args.headingLevel}
      .fetchImpl=${ctx.fetchImpl}
      .session=${ctx.session}
      ?editing=${args.editing}
    ></tfa-settings>`;
  },
};
export default meta;

type Story = StoryObj<SettingsArgs>;

/** bo (SMS, email): the "Two-factor login" box and "Contact details". */
export const Default: Story = {
  name: 'bo: SMS and email',
  play: async ({ canvasElement }) => {
    await waitFor(canvasElement, 'tfa-method-list li');
  },
};

/** anna has only email: the recommendation says to add another method. */
export const OnlyEmail: Story = {
  name: 'anna: only email',
  loaders: [() => signedIn('anna')],
  play: async ({ canvasElement }) => {
    await waitFor(canvasElement, 'tfa-method-list li');
  },
};

/** After "Edit": move, remove and "Add new authentication method". */
export const Editing: Story = {
  name: 'Edit',
  args: { editing: true },
  play: async ({ canvasElement }) => {
    await waitFor(canvasElement, 'tfa-method-list [data-move]');
  },
};

/**
 * Step-up: the second factor is older than 10 minutes (mock clock +601 s): moving Email up asks
 * "Confirm it's you" inline with `<tfa-login>` in step-up mode (the code went to bo's phone).
 */
export const StepUp: Story = {
  name: "Step-up: Confirm it's you",
  args: { editing: true },
  loaders: [() => signedIn('bo', (ctx) => ctx.control.advanceClock(601))],
  play: async ({ canvasElement, loaded }) => {
    const email = await methodId(loaded as SignedIn, 'email');
    await press(canvasElement, `tfa-method-list button[data-move="up"][data-method-id="${email}"]`);
    await waitFor(canvasElement, '.tfa-step-up tfa-login input[autocomplete="one-time-code"]');
  },
};

/** The backend cannot be reached: what loading the settings says, and nothing else breaks. */
export const NetworkFailure: Story = {
  name: 'Network failure',
  loaders: [async () => ({ ...(await signedIn('bo')), fetchImpl: offlineFetch })],
  play: async ({ canvasElement }) => {
    await waitFor(canvasElement, '[role="alert"]:not(:empty)');
  },
};
