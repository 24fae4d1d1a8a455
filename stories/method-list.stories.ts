import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/components/method-list/define.js';
import { press, waitFor, waitUntil } from './support/dom.js';
import { addMethod, methodId, offlineFetch, signedIn, type SignedIn } from './support/mock.js';

interface ListArgs {
  editing: boolean;
}

const meta: Meta<ListArgs> = {
  title: 'Settings/My authentication methods',
  component: 'tfa-method-list',
  tags: ['autodocs'],
  args: { editing: false },
  render: (args, { loaded }) => {
    const ctx = loaded as SignedIn;
    return html`<tfa-method-list
      api-base="/api"
      .fetchImpl=${ctx.fetchImpl}
      .session=${ctx.session}
      ?editing=${args.editing}
    ></tfa-method-list>`;
  },
};
export default meta;

type Story = StoryObj<ListArgs>;

/** anna: email only (primary). */
export const OneMethod: Story = {
  name: '1 method (anna: email)',
  loaders: [() => signedIn('anna')],
};

/** bo: SMS (primary), then email. */
export const TwoMethods: Story = {
  name: '2 methods (bo: SMS, email)',
  loaders: [() => signedIn('bo')],
};

/** erik with PingID and Google Authenticator added: the newest is primary. */
export const FiveMethods: Story = {
  name: '5 methods (erik with two apps added)',
  loaders: [
    () =>
      signedIn('erik', async (ctx) => {
        await addMethod(ctx, 'pingid');
        await addMethod(ctx, 'google-authenticator');
      }),
  ],
  play: async ({ canvasElement }) => {
    await waitUntil(() => canvasElement.querySelectorAll('tfa-method-list li').length === 5, 'five methods');
  },
};

/** Edit mode: "Move up" / "Move down", drag handles, "Remove", and why email stays. */
export const Editing: Story = {
  name: 'Edit: move up, move down, remove',
  args: { editing: true },
  loaders: [() => signedIn('erik')],
};

/** "Remove" on PingID asks first (focus on the question). */
export const RemoveConfirmation: Story = {
  name: 'Remove: confirmation',
  args: { editing: true },
  loaders: [() => signedIn('dorte')],
  play: async ({ canvasElement, loaded }) => {
    const pingId = await methodId(loaded as SignedIn, 'push');
    await press(canvasElement, `tfa-method-list button[data-remove][data-method-id="${pingId}"]`);
    await waitFor(canvasElement, 'tfa-method-list .tfa-confirm');
  },
};

/** anna's email is both email and her last method: the reason instead of a button. */
export const RemoveRefused: Story = {
  name: 'Remove: refused (email, last method)',
  args: { editing: true },
  loaders: [() => signedIn('anna')],
};

/** Email being dragged above SMS: the dragged item and the drop line. */
export const Dragging: Story = {
  name: 'Dragging (drop line)',
  args: { editing: true },
  loaders: [() => signedIn('bo')],
  play: async ({ canvasElement }) => {
    await waitFor(canvasElement, 'tfa-method-list ol');
    const [first, second] = canvasElement.querySelectorAll('tfa-method-list li');
    const dataTransfer = new DataTransfer();
    second.dispatchEvent(new DragEvent('dragstart', { bubbles: true, cancelable: true, dataTransfer }));
    const rect = first.getBoundingClientRect();
    first.dispatchEvent(new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer, clientY: rect.top + 2 }));
  },
};

/** "Remove" confirmed: PingID is gone and the change is announced; email is primary again. */
export const Removed: Story = {
  name: 'Remove: done',
  args: { editing: true },
  loaders: [() => signedIn('dorte')],
  play: async ({ canvasElement, loaded }) => {
    const pingId = await methodId(loaded as SignedIn, 'push');
    await press(canvasElement, `tfa-method-list button[data-remove][data-method-id="${pingId}"]`);
    await press(canvasElement, 'tfa-method-list button[data-confirm-remove]');
    await waitUntil(() => canvasElement.querySelectorAll('tfa-method-list li').length === 1, 'one method left');
  },
};

/** The list cannot be loaded (no connection): the message instead of the list. */
export const NetworkFailure: Story = {
  name: 'Network failure',
  loaders: [async () => ({ ...(await signedIn('bo')), fetchImpl: offlineFetch })],
  play: async ({ canvasElement }) => {
    await waitFor(canvasElement, 'tfa-method-list [role="alert"]:not(:empty)');
  },
};
