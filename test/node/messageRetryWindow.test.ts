// Send never retries outside Tencent's duplicate window: a retry that could only go out after it is not sent.
// The window is shortened here (the real one is 5 minutes) by mocking the contract's duplicate window.
import type { TencentChatEmulator } from '../emulator';
import { APP, jsonOf } from './fixtures';
import { emulatorWithAccounts, freshAccount, runSend, SEND_COMMAND, sendCalls } from './messageFixtures';

jest.mock('../../nodes/TencentChatOfficialAccount/tencent/contract', () => {
	const actual = jest.requireActual<typeof import('../../nodes/TencentChatOfficialAccount/tencent/contract')>('../../nodes/TencentChatOfficialAccount/tencent/contract');
	// SEND_RETRY_WINDOW_MS = window - 60 s = 2.5 s.
	return { ...actual, SEND_MESSAGE: { ...actual.SEND_MESSAGE, duplicateWindowMs: 62_500 } };
});

describe('Message → Send: retries stay inside the duplicate window', () => {
	let emulator: TencentChatEmulator;
	let account: string;
	beforeEach(async () => {
		account = freshAccount('d');
		emulator = await emulatorWithAccounts([account]);
	});
	afterEach(async () => await emulator.stop());

	it('stops retrying when the next attempt could only leave after the window, and says the message may be out', async () => {
		// Every reply is lost; paced a second apart, the third attempt would leave after 2.5 s.
		emulator.script(SEND_COMMAND, [{ latencyMs: 1500 }, { latencyMs: 1500 }, { latencyMs: 1500 }, { latencyMs: 1500 }]);
		const result = await runSend(emulator, [{ account, text: 'once' }], { options: { timeout: 400, retries: 5 } }, 'continueRegularOutput');

		expect(sendCalls(emulator)).toHaveLength(2);
		const [out] = jsonOf(result.outputs[0]);
		expect(String(out.error)).toMatch(/may have been delivered/);
		expect(out.delivery).toBe('unknown');
		expect(emulator.deliveryCount(APP, account)).toBe(1);
	});
});
