/**
 * The mock backend behind MSW's service worker for a browser test file: started once for the
 * `describe` it is called in, reset to the demo users before every test, stopped after.
 *
 *   describe('…', () => {
 *     const control = useMockWorker();
 *     it('…', async () => { … await control.lastCode() … });
 *   });
 */
import { startMockWorker, type MockWorker, type StartMockWorkerOptions } from '../../mock-server/browser.js';
import { mockControl, type MockControl } from '../../mock-server/control-client.js';

export function useMockWorker(options: StartMockWorkerOptions = { persist: false }): MockControl {
  const control = mockControl();
  let worker: MockWorker | undefined;
  before(async () => {
    worker = await startMockWorker(options);
  });
  after(async () => {
    await worker?.stop();
  });
  beforeEach(async () => {
    await control.reset();
  });
  return control;
}
