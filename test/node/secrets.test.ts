import type { IDataObject } from 'n8n-workflow';

import { getUserSig } from '../../nodes/TencentChatOfficialAccount/tencent/userSig';
import { DEFAULT_APP, type TencentChatEmulator } from '../emulator';
import { runDeleteSubscribers } from '../engine/tencentNode';
import { APP, DELETE_COMMAND, emulatorWith, everythingStored } from './fixtures';

const NEWS = '@TOA#_news';

describe('no secret key or UserSig in outputs, errors or stored run data', () => {
	let emulator: TencentChatEmulator;
	beforeEach(async () => {
		emulator = await emulatorWith({ [NEWS]: ['s1'] });
	});
	afterEach(async () => await emulator.stop());

	const userSig = () =>
		getUserSig({ sdkAppId: APP, identifier: DEFAULT_APP.admins[0], secretKey: DEFAULT_APP.secretKey, expireSeconds: 86400 });

	const scenarios: Array<[string, (e: TencentChatEmulator) => void, IDataObject]> = [
		['a successful run', () => undefined, {}],
		['HTTP 502 until retries run out', (e) => e.script(DELETE_COMMAND, ['http502', 'http502']), { retries: 1 }],
		['a socket reset until retries run out', (e) => e.script(DELETE_COMMAND, ['socketReset', 'socketReset']), { retries: 1 }],
		['a final Tencent code', (e) => e.script(DELETE_COMMAND, [{ errorCode: 20001, errorInfo: 'bad packet' }]), {}],
		['a timeout', (e) => e.script(DELETE_COMMAND, [{ latencyMs: 800 }, { latencyMs: 800 }]), { retries: 1, timeout: 200 }],
	];

	it.each(scenarios)('%s', async (_label, arrange, options) => {
		arrange(emulator);
		for (const onError of ['stopWorkflow', 'continueRegularOutput'] as const) {
			const result = await runDeleteSubscribers({ emulator, input: [{ account: NEWS, ids: 's1' }], options, onError });
			const stored = everythingStored(result);
			expect(stored).not.toContain(DEFAULT_APP.secretKey);
			expect(stored).not.toContain(userSig());
			expect(stored.toLowerCase()).not.toContain('usersig=');
			arrange(emulator);
		}
	});

	it('a wrong key is neither echoed in the error nor in the output', async () => {
		const wrongKey = 'a1b2c3d4'.repeat(8);
		const result = await runDeleteSubscribers({
			emulator,
			input: [{ account: NEWS, ids: 's1' }],
			credentials: { secretKey: wrongKey },
			onError: 'continueRegularOutput',
		});
		const stored = everythingStored(result);
		expect(stored).toContain('70009');
		expect(stored).not.toContain(wrongKey);
	});
});
