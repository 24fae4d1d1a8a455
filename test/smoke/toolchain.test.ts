import { expect, fixture, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';

@customElement('x-smoke')
class XSmoke extends LitElement {
  @property() name = 'x';
  override render() { return html`<button>${this.name}</button>`; }
}

describe('toolchain', () => {
  it('renders a decorated Lit element', async () => {
    const el = await fixture<XSmoke>(html`<x-smoke name="hi"></x-smoke>`);
    expect(el.shadowRoot!.querySelector('button')!.textContent).to.equal('hi');
    await expect(el).to.be.accessible();
  });
});
