import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/components/signed-in/define.js';
import { signedIn, type SignedIn } from './support/mock.js';

interface SignedInArgs {
  busy: boolean;
  headingLevel: number;
  onAction?: (event: Event) => void;
}

/** The last step of `<tfa-login>`: "You are signed in as …" and "Log out". */
const meta: Meta<SignedInArgs> = {
  title: 'Sign-in/Signed in',
  component: 'tfa-signed-in',
  tags: ['autodocs'],
  args: { busy: false, headingLevel: 2 },
  argTypes: { onAction: { action: 'tfa-action' }, headingLevel: { control: { type: 'number', min: 2, max: 5 } } },
  loaders: [() => signedIn('anna')],
  render: (args, { loaded }) => html`<tfa-signed-in
    .displayName=${(loaded as SignedIn).session.user.displayName}
    .busy=${args.busy}
    .headingLevel=${args.headingLevel}
    @tfa-action=${args.onAction}
  ></tfa-signed-in>`,
};
export default meta;

type Story = StoryObj<SignedInArgs>;

/** anna signed in on the mock for real (password, then the emailed code). */
export const SignedInAsAnna: Story = { name: 'Signed in' };

/** "Log out" was pressed: the session is being ended. */
export const LoggingOut: Story = { name: 'Logging out', args: { busy: true } };
