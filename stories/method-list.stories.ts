import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/components/method-list/define.js';
import { addMethod, buttonNamed, signedIn, waitFor, type SignedIn } from './settings.stories.js';

interface ListArgs {
  editing: boolean;
}

const meta: Meta<ListArgs> = {
  title: 'Settings/My authentication methods',
  component: 'tfa-method-list',
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
  loaders: [() => signedIn('anna')],
};

/** bo: SMS (primary), then email. */
export const TwoMethods: Story = {
  loaders: [() => signedIn('bo')],
};

/** erik with PingID and Google Authenticator added: the newest is primary. */
export const FiveMethods: Story = {
  loaders: [
    () =>
      signedIn('erik', async (ctx) => {
        await addMethod(ctx, 'pingid');
        await addMethod(ctx, 'google-authenticator');
      }),
  ],
};

/** Edit mode: "Move up" / "Move down", drag handles, "Remove", and why email stays. */
export const Editing: Story = {
  args: { editing: true },
  loaders: [() => signedIn('erik')],
};

/** "Remove" on PingID asks first (focus on the question). */
export const RemoveConfirmation: Story = {
  args: { editing: true },
  loaders: [() => signedIn('dorte')],
  play: async ({ canvasElement }) => {
    const list = await waitFor(canvasElement, 'tfa-method-list ol');
    buttonNamed(list, 'Remove PingID').click();
    await waitFor(canvasElement, '.tfa-confirm');
  },
};

/** anna's email is both email and her last method: the reason instead of a button. */
export const RemoveRefused: Story = {
  args: { editing: true },
  loaders: [() => signedIn('anna')],
};

/** Email being dragged above SMS: the dragged item and the drop line. */
export const Dragging: Story = {
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
