// Message → Send's safety: a lost reply never delivers twice, one message per second per account across
// runs, the 2-per-run stop, Tencent's limit errors and a refusing BeforeSendMsg callback in every On Error mode.
import type { INodeParameters } from 'n8n-workflow';

import { getUserSig } from '../../nodes/TencentChatOfficialAccount/tencent/userSig';
import { DEFAULT_APP, type TencentChatEmulator } from '../emulator';
import { recordingCallbacks } from '../emulator/testClient';
import type { OnError } from '../engine/runNode';
import { APP, jsonOf } from './fixtures';
import { emulatorWithAccounts, freshAccount, runSend, SEND_COMMAND, seedMessages, sendCalls } from './messageFixtures';

const BEFORE_SEND = 'OfficialAccount.CallbackBeforeSendMsg';

function arrivalGaps(emulator: TencentChatEmulator): number[] {
	const arrivals = sendCalls(emulator).map((call) => call.atMs);
	return arrivals.slice(1).map((at, index) => at - arrivals[index]);
}

describe('Message → Send: a retry after a lost reply delivers once', () => {
	let emulator: TencentChatEmulator;
	let account: string;
	beforeEach(async () => {
		account = freshAccount('r');
		emulator = await emulatorWithAccounts([account]);
	});
	afterEach(async () => await emulator.stop());

	it('the reply comes too late (command done), the retry carries the same Random and is dropped as a duplicate', async () => {
		emulator.script(SEND_COMMAND, [{ latencyMs: 1500 }]);
		const result = await runSend(emulator, [{ account, text: 'digest' }], { options: { timeout: 400 } });

		expect(result.status).toBe('success');
		const calls = sendCalls(emulator);
		expect(calls).toHaveLength(2);
		expect(calls[1].body).toEqual(calls[0].body);
		expect(emulator.deliveryCount(APP, account)).toBe(1);
		const [stored] = emulator.messages(APP, account);
		expect(jsonOf(result.outputs[0])[0]).toMatchObject({ officialAccount: account, msgKey: stored.MsgKey, msgTime: stored.MsgTime });
	});

	it('if Tencent answered the dropped retry with an error (UNCERTAIN), the item says it may have been delivered, not refused', async () => {
		emulator.setMessageLimits({ duplicateReply: 'error' });
		emulator.script(SEND_COMMAND, [{ latencyMs: 1500 }]);
		const result = await runSend(emulator, [{ account, text: 'digest' }], { options: { timeout: 400 } }, 'continueRegularOutput');

		expect(sendCalls(emulator)).toHaveLength(2);
		expect(emulator.deliveryCount(APP, account)).toBe(1);
		const out = jsonOf(result.outputs[0]);
		expect(out).toHaveLength(1);
		expect(out[0]).toMatchObject({ officialAccount: account, delivery: 'unknown' });
		expect(String(out[0].error)).toMatch(/may have been delivered.*did not answer in time, and the retry got: .*code 10024/);
	});

	it('without retries, a lost reply is reported as "may have been delivered", never as not sent', async () => {
		emulator.script(SEND_COMMAND, [{ latencyMs: 1000 }]);
		const result = await runSend(emulator, [{ account, text: 'digest' }], { options: { timeout: 300, retries: 0 } }, 'continueRegularOutput');

		const [out] = jsonOf(result.outputs[0]);
		expect(String(out.error)).toMatch(/may have been delivered.*did not answer in time.*\[item 0\]/);
		expect(out).toMatchObject({ delivery: 'unknown', errorCode: 'TIMEOUT', officialAccount: account });
		expect(emulator.deliveryCount(APP, account)).toBe(1);
	});

	it('a connection reset after the command ran (ECONNRESET, reply lost) is retried and delivers once', async () => {
		emulator.script(SEND_COMMAND, ['lostReply']);
		const result = await runSend(emulator, [{ account, text: 'digest' }]);

		expect(result.status).toBe('success');
		const calls = sendCalls(emulator);
		expect(calls).toHaveLength(2);
		expect(calls[1].body).toEqual(calls[0].body);
		expect(emulator.deliveryCount(APP, account)).toBe(1);
		expect(jsonOf(result.outputs[0])[0].msgKey).toBe(emulator.messages(APP, account)[0].MsgKey);
	});

	it('a socket reset before the command ran is retried with the same Random and delivers once', async () => {
		emulator.script(SEND_COMMAND, ['socketReset']);
		const result = await runSend(emulator, [{ account, text: 'digest' }]);

		expect(result.status).toBe('success');
		const calls = sendCalls(emulator);
		expect(calls.map((call) => call.outcome)).toEqual(['socketReset', 'ok']);
		expect((calls[1].body as { Random: number }).Random).toBe((calls[0].body as { Random: number }).Random);
		expect(emulator.deliveryCount(APP, account)).toBe(1);
	});
});

describe('Message → Send: pacing and the per-hour limit', () => {
	let emulator: TencentChatEmulator;
	let account: string;
	let other: string;
	beforeEach(async () => {
		account = freshAccount('p');
		other = freshAccount('q');
		emulator = await emulatorWithAccounts([account, other]);
	});
	afterEach(async () => await emulator.stop());

	it('3 messages to one account leave at least a second apart and none hits the 1/s limit', async () => {
		emulator.setMessageLimits({ perHour: 0 });
		const input = [1, 2, 3].map((n) => ({ account, text: `part ${n}` }));
		const result = await runSend(emulator, input, { options: { allowMoreThanTwoPerHour: true } });

		expect(result.status).toBe('success');
		expect(sendCalls(emulator).map((call) => call.errorCode ?? 0)).toEqual([0, 0, 0]);
		const gaps = arrivalGaps(emulator);
		expect(gaps).toHaveLength(2);
		for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(1000);
		expect(emulator.messages(APP, account).map((m) => (m.MsgBody[0] as { MsgContent: { Text: string } }).MsgContent.Text)).toEqual(['part 1', 'part 2', 'part 3']);
		expect(jsonOf(result.outputs[0]).map((json) => json.msgKey)).toEqual(emulator.messages(APP, account).map((m) => m.MsgKey));
	});

	it('two runs at the same time to one account share the pacing', async () => {
		const [first, second] = await Promise.all([runSend(emulator, [{ account, text: 'run A' }]), runSend(emulator, [{ account, text: 'run B' }])]);

		expect([first.status, second.status]).toEqual(['success', 'success']);
		expect(arrivalGaps(emulator)[0]).toBeGreaterThanOrEqual(1000);
		expect(emulator.deliveryCount(APP, account)).toBe(2);
	});

	it.each<OnError>(['stopWorkflow', 'continueRegularOutput'])('a run with 3 messages for one account stops before sending any (%s)', async (onError) => {
		const input = [
			{ account: other, text: 'fine' },
			{ account, text: 'one' },
			{ account, text: 'two' },
			{ account, text: 'three' },
		];
		const result = await runSend(emulator, input, {}, onError);

		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(new RegExp(`Nothing was sent: this run would send 3 messages to ${account.replace(/[#$]/g, '\\$&')}, and Tencent Chat allows 2 broadcasts per hour`));
		expect(result.error?.description).toMatch(/Allow More Than 2 per Hour/);
		expect(sendCalls(emulator)).toHaveLength(0);
	});

	it('Tencent\'s 2-per-hour refusal (10023) is retried twice, a second apart, then names the limits and when to try again', async () => {
		await runSend(emulator, [{ account, text: 'one' }, { account, text: 'two' }]);
		emulator.resetCalls();
		// Allowed past the node's own check of the last hour, so Tencent's limit answers.
		const result = await runSend(emulator, [{ account, text: 'three' }], { options: { allowMoreThanTwoPerHour: true } });

		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/1 message per second and 2 broadcasts per hour \(code 10023\).*try again in \d+ seconds.*\[item 0\]/);
		expect(result.error?.description).toMatch(/at most 2 times.*try again one hour after the older of this account's last 2 broadcasts.*tried 3 times/);
		const calls = sendCalls(emulator);
		expect(calls.map((call) => call.errorCode)).toEqual([10023, 10023, 10023]);
		expect(calls.every((call) => JSON.stringify(call.body) === JSON.stringify(calls[0].body))).toBe(true);
		for (const gap of arrivalGaps(emulator)) expect(gap).toBeGreaterThanOrEqual(1000);
		expect(emulator.deliveryCount(APP, account)).toBe(2);
	});

	it('Tencent\'s 1-per-second refusal (10023, another sender) is waited out and retried with the same Random', async () => {
		emulator.script(SEND_COMMAND, [{ errorCode: 10023, errorInfo: 'too frequent' }]);
		const result = await runSend(emulator, [{ account, text: 'one' }]);

		expect(result.status).toBe('success');
		const calls = sendCalls(emulator);
		expect(calls.map((call) => call.errorCode ?? 0)).toEqual([10023, 0]);
		expect(calls[1].body).toEqual(calls[0].body);
		expect(arrivalGaps(emulator)[0]).toBeGreaterThanOrEqual(1000);
		expect(emulator.deliveryCount(APP, account)).toBe(1);
		expect(jsonOf(result.outputs[0])).toHaveLength(1);
	});
});

describe('Message → Send: Tencent refusals in every On Error mode', () => {
	let emulator: TencentChatEmulator | undefined;
	afterEach(async () => await emulator?.stop());

	// [label, start, message, code, calls made for the item, node parameters]
	const refusals: Array<[string, (account: string) => Promise<TencentChatEmulator>, RegExp, string, number, INodeParameters]> = [
		[
			'the BeforeSendMsg callback answers ErrorCode 1 (10016)',
			async (account) => await emulatorWithAccounts([account], { callbacks: recordingCallbacks({ [BEFORE_SEND]: { ActionStatus: 'OK', ErrorCode: 1, ErrorInfo: '' } }).callbacks }),
			/Before Send Message callback refused the message \(code 10016\)/,
			'10016',
			1,
			{},
		],
		[
			'the 2-per-hour limit (10023, retried twice)',
			async (account) => {
				const started = await emulatorWithAccounts([account]);
				// The account has used its 2 broadcasts of the hour; the emulator's own limit answers.
				await seedMessages(started, account, 2);
				return started;
			},
			/2 broadcasts per hour.*try again in \d+ seconds/,
			'10023',
			3,
			// Past the node's own check of the account's last hour, so Tencent's limit answers.
			{ options: { allowMoreThanTwoPerHour: true } },
		],
	];

	describe.each(refusals)('%s', (_label, start, message, code, callCount, parameters) => {
		it('stop: fails the node with the item and code', async () => {
			const account = freshAccount('x');
			emulator = await start(account);
			const before = emulator.deliveryCount(APP, account);
			const result = await runSend(emulator, [{ account, text: 'hi' }], parameters);
			expect(result.status).toBe('error');
			expect(result.error?.message).toMatch(message);
			expect(result.error?.message).toContain('[item 0]');
			expect((result.error as { httpCode?: string }).httpCode).toBe(code);
			expect(sendCalls(emulator)).toHaveLength(callCount);
			expect(emulator.deliveryCount(APP, account)).toBe(before);
		});

		it('continue (regular output): the item carries the error and code, the next item is sent', async () => {
			const account = freshAccount('y');
			const next = freshAccount('z');
			emulator = await start(account);
			const before = emulator.deliveryCount(APP, account);
			emulator.addAccount({ sdkAppId: APP, officialAccount: next, subscribers: ['s1'] });
			const result = await runSend(emulator, [{ account, text: 'hi' }, { account: next, text: 'hi' }], parameters, 'continueRegularOutput');
			const out = jsonOf(result.outputs[0]);
			expect(out[0]).toMatchObject({ officialAccount: account, errorCode: code });
			expect(String(out[0].error)).toMatch(message);
			expect(out[0]).not.toHaveProperty('delivery');
			if (code === '10023') expect(out[1].msgKey).toEqual(expect.stringMatching(/_1_/));
			expect(emulator.deliveryCount(APP, account)).toBe(before);
		});

		it('continue (error output): the failed item goes to output 2', async () => {
			const account = freshAccount('w');
			emulator = await start(account);
			const result = await runSend(emulator, [{ account, text: 'hi' }], parameters, 'continueErrorOutput');
			expect(result.outputs[0]).toHaveLength(0);
			const [failed] = jsonOf(result.outputs[1]);
			expect(String(failed.error)).toMatch(message);
			expect(failed.details).toMatchObject({ officialAccount: account, errorCode: code });
		});
	});
});

describe('Message → Send: no secret in outputs, errors or run data', () => {
	let emulator: TencentChatEmulator;
	let account: string;
	beforeEach(async () => {
		account = freshAccount('k');
		emulator = await emulatorWithAccounts([account], { callbacks: recordingCallbacks({ [BEFORE_SEND]: (body) => (JSON.stringify(body).includes('refuse') ? { ErrorCode: 1 } : undefined) }).callbacks });
	});
	afterEach(async () => await emulator.stop());

	it.each<[string, string, INodeParameters]>([
		['a delivered message', 'hello', {}],
		['a refused message', 'refuse me', {}],
		['a lost reply', 'late', { timeout: 200, retries: 0 }],
	])('%s', async (_label, text, options) => {
		if (text === 'late') emulator.script(SEND_COMMAND, [{ latencyMs: 600 }]);
		const userSig = getUserSig({ sdkAppId: APP, identifier: DEFAULT_APP.admins[0], secretKey: DEFAULT_APP.secretKey, expireSeconds: 86400 });
		for (const onError of ['stopWorkflow', 'continueRegularOutput'] as const) {
			const result = await runSend(emulator, [{ account, text: `${text} ${onError}` }], { options }, onError);
			const error = result.error as unknown as Record<string, unknown> | undefined;
			const stored = JSON.stringify({ run: result.run, error: error && { ...error, message: error.message, description: error.description, stack: error.stack } });
			expect(stored).not.toContain(DEFAULT_APP.secretKey);
			expect(stored).not.toContain(userSig);
			expect(stored.toLowerCase()).not.toContain('usersig=');
			if (text === 'late') emulator.script(SEND_COMMAND, [{ latencyMs: 600 }]);
		}
	});
});
