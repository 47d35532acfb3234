import { getUserSig } from '../../nodes/TencentChatOfficialAccount/tencent/userSig';
import { DEFAULT_APP, type ScriptedFault, type TencentChatEmulator } from '../emulator';
import { runDeleteSubscribers } from '../engine/tencentNode';
import { APP, DELETE_COMMAND, deleteCalls, emulatorWith, jsonOf } from './fixtures';

const NEWS = '@TOA#_news';

describe('retries through the transport policy', () => {
	let emulator: TencentChatEmulator;
	beforeEach(async () => {
		emulator = await emulatorWith({ [NEWS]: ['t1', 't2'] });
	});
	afterEach(async () => await emulator.stop());

	const transient: Array<[string, ScriptedFault[], string[]]> = [
		['HTTP 502', ['http502', 'http502'], ['http502', 'http502', 'ok']],
		['a socket reset', ['socketReset'], ['socketReset', 'ok']],
		['code 20005', [{ errorCode: 20005 }, { errorCode: 20005 }], ['error', 'error', 'ok']],
		['code 60007 (throttled)', [{ errorCode: 60007 }], ['error', 'ok']],
		['code 10004 once', [{ errorCode: 10004 }], ['error', 'ok']],
	];

	it.each(transient)('retries %s to success', async (_label, faults, outcomes) => {
		emulator.script(DELETE_COMMAND, faults);
		const result = await runDeleteSubscribers({ emulator, input: [{ account: NEWS, ids: 't1, t2' }] });
		expect(result.status).toBe('success');
		expect(jsonOf(result.outputs[0]).map((json) => json.status)).toEqual(['deleted', 'deleted']);
		expect(deleteCalls(emulator).map((call) => call.outcome)).toEqual(outcomes);
	});

	it('a call throttled a second time waits at least half a rate window before its next try', async () => {
		// The first retry waits only for the rate limiter (which holds it until the app's window can have room).
		emulator.script(DELETE_COMMAND, [{ errorCode: 60011 }, { errorCode: 60011 }]);
		const result = await runDeleteSubscribers({ emulator, input: [{ account: NEWS, ids: 't1' }] });
		expect(result.status).toBe('success');
		const [, second, third] = deleteCalls(emulator);
		expect(third.atMs - second.atMs).toBeGreaterThanOrEqual(480);
	});

	it('gives up after the configured number of retries and says how often it tried', async () => {
		emulator.script(DELETE_COMMAND, ['http502', 'http502', 'http502', 'http502']);
		const result = await runDeleteSubscribers({ emulator, input: [{ account: NEWS, ids: 't1' }], options: { retries: 2 } });
		expect(result.status).toBe('error');
		expect(deleteCalls(emulator)).toHaveLength(3);
		expect(result.error?.description).toMatch(/tried 3 times/);
		expect(result.error?.message).toMatch(/"t1" \[item 0\]/);
	});

	it('does not retry a final code such as 130004', async () => {
		const result = await runDeleteSubscribers({ emulator, input: [{ account: '@TOA#_unknown', ids: 't1' }] });
		expect(result.status).toBe('error');
		expect(deleteCalls(emulator)).toHaveLength(1);
	});

	it('fails fast on 70050 and tells the user to wait one minute', async () => {
		emulator.script(DELETE_COMMAND, [{ errorCode: 70050 }]);
		const result = await runDeleteSubscribers({ emulator, input: [{ account: NEWS, ids: 't1' }] });
		expect(deleteCalls(emulator)).toHaveLength(1);
		expect(result.error?.description).toMatch(/Wait one minute/);
		expect((result.error as { failure?: { cause: string } }).failure?.cause).toBe('credential-invalid');
	});

	it('re-signs once when Tencent says the UserSig expired (70001), with a really expired signature', async () => {
		const validity = 1000;
		const credential = { sdkAppId: APP, identifier: DEFAULT_APP.admins[0], secretKey: DEFAULT_APP.secretKey, expireSeconds: validity };
		// Cache a signature issued 400 s ago: the node still considers it fresh (renewal at 500 s) ...
		const stale = getUserSig(credential, Date.now() - 400_000);
		await emulator.stop();
		// ... while the server's clock runs 800 s ahead, so for it that signature has expired and a new one has not.
		emulator = await emulatorWith({ [NEWS]: ['t1'] }, { nowMs: () => Date.now() + 800_000 });

		const result = await runDeleteSubscribers({
			emulator,
			input: [{ account: NEWS, ids: 't1' }],
			credentials: { userSigValiditySeconds: validity },
		});

		expect(result.status).toBe('success');
		expect(deleteCalls(emulator).map((call) => call.errorCode)).toEqual([70001, 0]);
		expect(getUserSig(credential)).not.toBe(stale);
	});

	it('re-signs only once: a second 70001 is final', async () => {
		emulator.script(DELETE_COMMAND, ['expired70001', 'expired70001', 'ok']);
		const result = await runDeleteSubscribers({ emulator, input: [{ account: NEWS, ids: 't1' }] });
		expect(result.status).toBe('error');
		expect(deleteCalls(emulator)).toHaveLength(2);
		expect((result.error as { httpCode?: string }).httpCode).toBe('70001');
	});

	it('retries a call that timed out (Request Timeout option)', async () => {
		emulator.script(DELETE_COMMAND, [{ latencyMs: 1500 }]);
		const result = await runDeleteSubscribers({ emulator, input: [{ account: NEWS, ids: 't1' }], options: { timeout: 300 } });
		expect(result.status).toBe('success');
		expect(deleteCalls(emulator)).toHaveLength(2);
	});
});

describe('authentication against the emulator', () => {
	let emulator: TencentChatEmulator;
	beforeEach(async () => {
		emulator = await emulatorWith({ [NEWS]: ['t1'] });
	});
	afterEach(async () => await emulator.stop());

	it('is accepted with the right key and rejected (70009, not retried) with a wrong one', async () => {
		const wrong = await runDeleteSubscribers({
			emulator,
			input: [{ account: NEWS, ids: 't1' }],
			credentials: { secretKey: 'f'.repeat(64) },
		});
		expect(wrong.status).toBe('error');
		expect((wrong.error as { httpCode?: string }).httpCode).toBe('70009');
		expect(wrong.error?.description).toMatch(/secret key/i);
		expect(emulator.calls).toHaveLength(1);

		const right = await runDeleteSubscribers({ emulator, input: [{ account: NEWS, ids: 't1' }] });
		expect(right.status).toBe('success');
		expect(emulator.subscribers(APP, NEWS)).toEqual([]);
	});

	it('explains a non-admin identifier (60010)', async () => {
		const result = await runDeleteSubscribers({ emulator, input: [{ account: NEWS, ids: 't1' }], credentials: { adminIdentifier: 'someone' } });
		expect((result.error as { httpCode?: string }).httpCode).toBe('60010');
		expect(result.error?.description).toMatch(/App admin/);
	});

	it('rejects a custom Base URL that is not http(s) before calling anything', async () => {
		const result = await runDeleteSubscribers({ emulator, input: [{ account: NEWS, ids: 't1' }], credentials: { baseUrl: 'ftp://example' } });
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/Base URL/);
		expect(emulator.calls).toHaveLength(0);
	});
});
