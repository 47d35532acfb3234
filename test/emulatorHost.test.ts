// The emulator's listen address: loopback by default, every interface on request (n8n in Docker), and in both
// cases a URL that a client on this machine can use. 127.0.0.2 stands for "another address of this machine"
// (Linux routes all of 127.0.0.0/8 to the loopback interface): only a wildcard listener answers there.
import { startEmulator, type TencentChatEmulator } from './emulator';

let emulator: TencentChatEmulator | undefined;

afterEach(async () => {
  await emulator?.stop();
  emulator = undefined;
});

async function status(url: string): Promise<number | string> {
  try {
    const response = await fetch(`${url}/v4/im_open_login_svc/account_check`, { method: 'GET' });
    await response.text();
    return response.status;
  } catch (error) {
    return String((error as { cause?: { code?: string } }).cause?.code ?? error);
  }
}

it('listens on 127.0.0.1 only by default', async () => {
  emulator = await startEmulator({ port: 0 });
  expect(emulator.url).toBe(`http://127.0.0.1:${emulator.port}`);
  expect(await status(emulator.url)).toBe(200);
  expect(await status(`http://127.0.0.2:${emulator.port}`)).toBe('ECONNREFUSED');
});

it('with host 0.0.0.0 it answers on every address and its URL stays the loopback one', async () => {
  emulator = await startEmulator({ port: 0, host: '0.0.0.0' });
  expect(emulator.url).toBe(`http://127.0.0.1:${emulator.port}`);
  expect(await status(emulator.url)).toBe(200);
  expect(await status(`http://127.0.0.2:${emulator.port}`)).toBe(200);
});
