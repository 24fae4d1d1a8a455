import { css } from 'lit';

/** Moves focus to the element matching `selector` inside `root` once it has rendered. */
export async function focusAfterUpdate(host: { updateComplete: Promise<unknown> } & ParentNode, selector: string): Promise<void> {
  await host.updateComplete;
  const target = host.querySelector<HTMLElement>(selector);
  target?.focus();
}

/** The inline "Confirm it's you" panel of {@link StepUpController}. */
export const stepUpStyles = css`
  .tfa .tfa-step-up {
    display: grid;
    gap: var(--_tfa-gap);
    padding: 1rem;
    border: 2px solid var(--_tfa-accent);
    border-radius: var(--_tfa-radius);
  }
`;
