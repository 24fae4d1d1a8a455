import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/demo/phone-panel.js';
import { startAppSetup, startPasswordSignIn } from '../src/demo/demo-script.js';

/**
 * The demo portal's simulated phone: what the mock backend sent and the phone apps. It reads the
 * mock's control API once a second; each story puts the mock into a state first (the preview's
 * loader has reset it to the demo users).
 */
const meta: Meta = {
  title: 'Demo/Simulated phone',
  component: 'demo-phone',
  render: () => html`<demo-phone></demo-phone>`,
};
export default meta;

type Story = StoryObj;

/** Nothing sent yet; carl's authenticator app shows its current code. */
export const Empty: Story = { name: 'Nothing sent yet' };

/** anna typed her password: the email with her one-time code is on the phone. */
export const EmailCode: Story = {
  name: 'Email with a code',
  loaders: [async () => ({ tx: await startPasswordSignIn('anna') })],
};

/** bo typed his password: the SMS with his code. */
export const SmsCode: Story = {
  name: 'SMS with a code',
  loaders: [async () => ({ tx: await startPasswordSignIn('bo') })],
};

/** dorte typed her password: a PingID request waits for Approve (number matching) or Deny. */
export const PushRequest: Story = {
  name: 'Push request (Approve with the number / Deny)',
  loaders: [async () => ({ tx: await startPasswordSignIn('dorte') })],
};

/** anna is adding Entrust Soft Token: the set-up waits for "Complete setup". */
export const AppSetup: Story = {
  name: 'App set-up waiting for Complete setup',
  loaders: [async () => ({ enrollment: await startAppSetup('anna', 'entrust-soft-token') })],
};
