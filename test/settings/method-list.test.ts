import { aTimeout, expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/components/method-list/define.js';
import type { TfaMethodList } from '../../src/components/method-list/method-list.js';
import type { Method } from '../../src/internal/contract.js';
import { text } from '../support/dom.js';
import { announcement, fakeFetch, fakeSession, found, listedNames, methods, mustButton, button, nextEvent, problem } from './helpers.js';

/** A backend that keeps `list` and answers reorder/remove like the contract says. */
function backend(list: Method[]) {
  let current = list;
  return fakeFetch((method, path, body) => {
    if (method === 'PUT' && path === '/api/me/methods/order') {
      const ids = (body as { methodIds: string[] }).methodIds;
      current = ids.map((id, i) => ({ ...current.find((m) => m.id === id)!, primary: i === 0 }));
      return [200, { methods: current }];
    }
    if (method === 'DELETE' && path.startsWith('/api/me/methods/')) {
      const id = decodeURIComponent(path.split('/').pop()!);
      current = current.filter((m) => m.id !== id).map((m, i) => ({ ...m, primary: i === 0 }));
      return [200, { methods: current }];
    }
    if (method === 'GET' && path === '/api/me/methods') return [200, { methods: current }];
    return problem(404, 'not_found');
  });
}

async function mount(list: Method[], opts: { editing?: boolean; fetchImpl?: typeof fetch } = {}) {
  return fixture<TfaMethodList>(html`<tfa-method-list
    .methods=${list}
    .session=${fakeSession()}
    .fetchImpl=${opts.fetchImpl ?? backend(list)}
    ?editing=${opts.editing ?? false}
  ></tfa-method-list>`);
}

describe('<tfa-method-list>', () => {
  describe('accessibility', () => {
    it('is accessible when viewing', async () => {
      const el = await mount(methods('sms', 'email'));
      await expect(el).to.be.accessible();
    });

    it('is accessible when editing, with refusals and an open confirmation', async () => {
      const el = await mount(methods('pingid', 'sms', 'email'), { editing: true });
      mustButton(el, 'Remove PingID').click();
      await el.updateComplete;
      await expect(el).to.be.accessible();
    });
  });

  describe('defaults', () => {
    it('lists the methods in an ordered list, primary first and marked in text', async () => {
      const el = await mount(methods('sms', 'email'));
      expect(text(el.querySelector('h3'))).to.equal('My authentication methods');
      const items = el.querySelectorAll('ol > li');
      expect(items).to.have.length(2);
      expect(listedNames(el)).to.deep.equal(['Text message (SMS)', 'Email']);
      expect(text(items[0])).to.contain('Primary method');
      expect(text(items[1])).not.to.contain('Primary method');
      expect(text(items[0])).to.contain('+45 •• •• •• 56');
      expect(el.querySelector('ol')!.getAttribute('aria-labelledby')).to.equal(el.querySelector('h3')!.id);
    });

    it('shows no controls until editing', async () => {
      const el = await mount(methods('sms', 'email'));
      expect(el.querySelectorAll('button')).to.have.length(0);
      expect(el.querySelector('li')!.getAttribute('draggable')).to.equal('false');
      el.editing = true;
      await el.updateComplete;
      expect(button(el, 'Move up: Email')).to.exist;
      expect(el.querySelector('li')!.getAttribute('draggable')).to.equal('true');
    });

    it('loads the list itself when only a session is given', async () => {
      const fetchImpl = backend(methods('pingid', 'email'));
      const el = await fixture<TfaMethodList>(html`<tfa-method-list .session=${fakeSession()} .fetchImpl=${fetchImpl}></tfa-method-list>`);
      await found(() => el.querySelectorAll('li').length === 2);
      expect(listedNames(el)).to.deep.equal(['PingID', 'Email']);
      expect(fetchImpl.calls[0].headers.get('Authorization')).to.equal('Bearer session-token');
    });
  });

  describe('reordering with the keyboard', () => {
    it('moves Email up with Enter, keeps focus on its button, announces and saves the order', async () => {
      const list = methods('sms', 'email');
      const fetchImpl = backend(list);
      const el = await mount(list, { editing: true, fetchImpl });
      mustButton(el, 'Move up: Email').focus();
      const saved = nextEvent(el, 'tfa-methods-change');
      await sendKeys({ press: 'Enter' });
      const event = await saved;
      expect(listedNames(el)).to.deep.equal(['Email', 'Text message (SMS)']);
      expect(nameOfFocused()).to.equal('Move up: Email');
      expect(document.activeElement!.getAttribute('aria-disabled')).to.equal('true');
      await found(() => announcement(el) === 'Email moved to position 1 of 2. Email is now your primary method.', `announced: "${announcement(el)}"`);
      const put = fetchImpl.calls.find((c) => c.method === 'PUT')!;
      expect(put.path).to.equal('/api/me/methods/order');
      expect(put.body).to.deep.equal({ methodIds: ['m-email', 'm-sms'] });
      expect(put.headers.get('X-TFA-CSRF')).to.equal('1');
      expect(event.methods.map((m) => m.id)).to.deep.equal(['m-email', 'm-sms']);
      expect(text(el.querySelector('li'))).to.contain('Primary method');
    });

    it('moves down with Space and names the new primary method', async () => {
      const el = await mount(methods('pingid', 'sms', 'email'), { editing: true });
      mustButton(el, 'Move down: PingID').focus();
      await sendKeys({ press: 'Space' });
      await found(() => announcement(el));
      expect(listedNames(el)).to.deep.equal(['Text message (SMS)', 'PingID', 'Email']);
      expect(nameOfFocused()).to.equal('Move down: PingID');
      expect(announcement(el)).to.equal('PingID moved to position 2 of 3. Text message (SMS) is now your primary method.');
    });

    it('does nothing on "Move up" of the first method (aria-disabled)', async () => {
      const fetchImpl = backend(methods('sms', 'email'));
      const el = await mount(methods('sms', 'email'), { editing: true, fetchImpl });
      const up = mustButton(el, 'Move up: Text message (SMS)');
      expect(up.getAttribute('aria-disabled')).to.equal('true');
      up.click();
      await aTimeout(50);
      expect(listedNames(el)).to.deep.equal(['Text message (SMS)', 'Email']);
      expect(fetchImpl.calls).to.have.length(0);
    });

    it('offers no move buttons for a single method', async () => {
      const el = await mount(methods('email'), { editing: true });
      expect(button(el, 'Move up: Email')).to.equal(undefined);
      expect(button(el, 'Move down: Email')).to.equal(undefined);
    });

    it('restores the old order and shows the error when saving fails', async () => {
      const fetchImpl = fakeFetch(() => problem(500, 'server_error'));
      const el = await mount(methods('sms', 'email'), { editing: true, fetchImpl });
      mustButton(el, 'Move up: Email').click();
      await found(() => text(el.querySelector('[role="alert"]')), 'no error shown');
      expect(listedNames(el)).to.deep.equal(['Text message (SMS)', 'Email']);
      expect(text(el.querySelector('[role="alert"]'))).to.equal('Your change was not saved. Something went wrong on our side. Try again in a moment.');
    });

    it('restores the old order when the network is down', async () => {
      const fetchImpl = (async () => {
        throw new TypeError('Failed to fetch');
      }) as typeof fetch;
      const el = await mount(methods('sms', 'email'), { editing: true, fetchImpl });
      mustButton(el, 'Move up: Email').click();
      await found(() => text(el.querySelector('[role="alert"]')));
      expect(listedNames(el)).to.deep.equal(['Text message (SMS)', 'Email']);
      expect(text(el.querySelector('[role="alert"]'))).to.contain('No connection');
    });
  });

  describe('reordering by dragging', () => {
    function drag(type: string, target: Element, where: 'top' | 'bottom', dataTransfer: DataTransfer) {
      const rect = target.getBoundingClientRect();
      const clientY = where === 'top' ? rect.top + 2 : rect.bottom - 2;
      target.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, composed: true, dataTransfer, clientY, clientX: rect.left + 5 }));
    }

    it('drops Email above SMS: Email becomes primary and the order is saved', async () => {
      const list = methods('sms', 'email');
      const fetchImpl = backend(list);
      const el = await mount(list, { editing: true, fetchImpl });
      const [first, second] = el.querySelectorAll('li');
      const dt = new DataTransfer();
      drag('dragstart', second, 'top', dt);
      await el.updateComplete;
      expect(second.classList.contains('is-dragging')).to.equal(true);
      drag('dragover', first, 'top', dt);
      await el.updateComplete;
      expect(first.classList.contains('drop-before')).to.equal(true);
      const saved = nextEvent(el, 'tfa-methods-change');
      drag('drop', first, 'top', dt);
      drag('dragend', second, 'top', dt);
      await saved;
      expect(listedNames(el)).to.deep.equal(['Email', 'Text message (SMS)']);
      expect(fetchImpl.calls.find((c) => c.method === 'PUT')!.body).to.deep.equal({ methodIds: ['m-email', 'm-sms'] });
      expect(el.querySelector('.is-dragging')).to.equal(null);
      await found(() => announcement(el).includes('Email is now your primary method.'));
    });

    it('drops PingID below the last method', async () => {
      const el = await mount(methods('pingid', 'sms', 'email'), { editing: true });
      const items = el.querySelectorAll('li');
      const dt = new DataTransfer();
      drag('dragstart', items[0], 'top', dt);
      drag('dragover', items[2], 'bottom', dt);
      drag('drop', items[2], 'bottom', dt);
      await found(() => listedNames(el)[2] === 'PingID');
      expect(listedNames(el)).to.deep.equal(['Text message (SMS)', 'Email', 'PingID']);
    });

    it('ignores a drop onto the same place, and drags when not editing', async () => {
      const fetchImpl = backend(methods('sms', 'email'));
      const el = await mount(methods('sms', 'email'), { editing: true, fetchImpl });
      const items = el.querySelectorAll('li');
      const dt = new DataTransfer();
      drag('dragstart', items[0], 'top', dt);
      drag('drop', items[0], 'top', dt);
      el.editing = false;
      await el.updateComplete;
      drag('dragstart', items[1], 'top', dt);
      drag('dragover', items[0], 'top', dt);
      drag('drop', items[0], 'top', dt);
      await aTimeout(50);
      expect(listedNames(el)).to.deep.equal(['Text message (SMS)', 'Email']);
      expect(fetchImpl.calls).to.have.length(0);
    });
  });

  describe('removing', () => {
    it('asks first, moves focus to the question, and Cancel returns focus to Remove', async () => {
      const fetchImpl = backend(methods('pingid', 'email'));
      const el = await mount(methods('pingid', 'email'), { editing: true, fetchImpl });
      mustButton(el, 'Remove PingID').click();
      await el.updateComplete;
      const group = el.querySelector('[role="group"]')!;
      expect(text(group)).to.contain('Remove PingID? You can no longer use it to log in.');
      expect(document.activeElement).to.equal(group.querySelector('p'));
      expect(button(el, 'Remove PingID')).to.equal(group.querySelector('button'));
      await sendKeys({ press: 'Tab' });
      await sendKeys({ press: 'Tab' });
      expect(text(document.activeElement as Element)).to.equal('Cancel');
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      await aTimeout(0);
      expect(el.querySelector('[role="group"]')).to.equal(null);
      expect(nameOfFocused()).to.equal('Remove PingID');
      expect(fetchImpl.calls).to.have.length(0);
    });

    it('removes after confirmation and announces it', async () => {
      const fetchImpl = backend(methods('pingid', 'sms', 'email'));
      const el = await mount(methods('pingid', 'sms', 'email'), { editing: true, fetchImpl });
      mustButton(el, 'Remove PingID').click();
      await el.updateComplete;
      const changed = nextEvent(el, 'tfa-methods-change');
      (el.querySelector('[role="group"] button') as HTMLButtonElement).click();
      const event = await changed;
      expect(event.reason).to.equal('remove');
      expect(listedNames(el)).to.deep.equal(['Text message (SMS)', 'Email']);
      expect(fetchImpl.calls.find((c) => c.method === 'DELETE')!.path).to.equal('/api/me/methods/m-pingid');
      await found(() => announcement(el) === 'PingID removed.');
      expect(document.activeElement).to.equal(el.querySelector('h3'));
    });

    it('says why email cannot be removed instead of offering a button', async () => {
      const el = await mount(methods('sms', 'email'), { editing: true });
      expect(button(el, 'Remove Email')).to.equal(undefined);
      expect(button(el, 'Remove Text message (SMS)')).to.exist;
      const emailItem = el.querySelectorAll('li')[1];
      expect(text(emailItem)).to.contain('Email cannot be removed. Ask your administrator to change your email.');
    });

    it('says why the last method cannot be removed', async () => {
      const only = [{ ...methods('pingid')[0], removable: false, notRemovableReason: 'last_method' as const }];
      const el = await mount(only, { editing: true });
      expect(button(el, 'Remove PingID')).to.equal(undefined);
      expect(text(el.querySelector('li'))).to.contain('This is your only method, so it cannot be removed. Add another method first.');
    });

    it('shows the server refusal and keeps the method', async () => {
      const fetchImpl = fakeFetch(() => problem(409, 'last_method'));
      const el = await mount(methods('pingid', 'email'), { editing: true, fetchImpl });
      mustButton(el, 'Remove PingID').click();
      await el.updateComplete;
      (el.querySelector('[role="group"] button') as HTMLButtonElement).click();
      await found(() => text(el.querySelector('.tfa-error[role="alert"]')));
      expect(text(el.querySelector('.tfa-error[role="alert"]'))).to.contain('Your last method cannot be removed.');
      expect(listedNames(el)).to.deep.equal(['PingID', 'Email']);
    });
  });

  describe('in Danish', () => {
    it('uses the glossary words', async () => {
      document.documentElement.lang = 'da';
      try {
        const el = await mount(methods('sms', 'email'), { editing: true });
        await found(() => text(el.querySelector('h3')) === 'Mine godkendelsesmetoder', 'not Danish');
        expect(text(el.querySelector('li'))).to.contain('Primær metode');
        expect(button(el, 'Flyt op: E-mail')).to.exist;
        expect(text(button(el, 'Flyt op: E-mail'))).to.contain('Flyt op');
        expect(button(el, 'Fjern Sms')).to.exist;
      } finally {
        document.documentElement.lang = 'en';
        await aTimeout(50);
      }
    });
  });
});

function nameOfFocused(): string {
  const el = document.activeElement as Element;
  return el.getAttribute('aria-label') ?? text(el);
}
