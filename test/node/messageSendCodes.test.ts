// Message → Send and the codes checked against Tencent's own sources (issue 16): the 8 KB body limit (80002)
// checked before sending, blocked words (80001) not retried, and a duplicate answered OK after a lost reply.
import type { TencentChatEmulator } from '../emulator';
import { APP, jsonOf } from './fixtures';
import { emulatorWithAccounts, freshAccount, runSend, SEND_COMMAND, sendCalls } from './messageFixtures';

/** A text whose MsgBody JSON is exactly `bytes` long in UTF-8 (the node counts it that way). */
function textOfBodyBytes(bytes: number, last = 'x'): string {
	const overhead = JSON.stringify([{ MsgType: 'TIMTextElem', MsgContent: { Text: '' } }]).length;
	return 'x'.repeat(bytes - overhead - Buffer.byteLength(last, 'utf8')) + last;
}

describe('Message → Send: the 8 KB message body limit (80002)', () => {
	let emulator: TencentChatEmulator;
	let account: string;
	let other: string;
	beforeEach(async () => {
		account = freshAccount('b');
		other = freshAccount('o');
		emulator = await emulatorWithAccounts([account, other]);
	});
	afterEach(async () => await emulator.stop());

	it('a body over 8 KB is that item\'s error, naming the size and the limit; no call is made for it, the next item is sent', async () => {
		const input = [
			{ account, text: textOfBodyBytes(8193, 'é') },
			{ account: other, text: textOfBodyBytes(8192) },
		];
		const result = await runSend(emulator, input, {}, 'continueRegularOutput');

		const out = jsonOf(result.outputs[0]);
		expect(out).toHaveLength(2);
		expect(String(out[0].error)).toMatch(/The message is 8193 bytes \(the UTF-8 JSON of its MsgBody\), more than Tencent Chat's limit of 8192 bytes \(8 KB.*80002\).*\[item 0\]/);
		expect(out[0]).not.toHaveProperty('delivery');
		const calls = sendCalls(emulator);
		expect(calls).toHaveLength(1);
		expect((calls[0].body as { Official_Account: string }).Official_Account).toBe(other);
		expect(out[1].msgKey).toEqual(expect.stringMatching(/_1_/));
		expect(emulator.deliveryCount(APP, account)).toBe(0);
	});

	it('stops the node before any call when On Error is Stop', async () => {
		const result = await runSend(emulator, [{ account, text: textOfBodyBytes(9000) }]);

		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/9000 bytes.*8192 bytes/);
		expect(sendCalls(emulator)).toHaveLength(0);
	});

	it('if Tencent still answers 80002 (it counted more), the item fails at once with the fix', async () => {
		emulator.setMessageLimits({ maxBodyBytes: 100 });
		const result = await runSend(emulator, [{ account, text: textOfBodyBytes(200) }], {}, 'continueRegularOutput');

		const [out] = jsonOf(result.outputs[0]);
		expect(out).toMatchObject({ errorCode: '80002' });
		expect(String(out.error)).toMatch(/too long: a message body may have at most 8 KB \(code 80002\)/);
		expect(sendCalls(emulator)).toHaveLength(1);
	});
});

describe('Message → Send: blocked words (80001)', () => {
	let emulator: TencentChatEmulator;
	let account: string;
	beforeEach(async () => {
		account = freshAccount('s');
		emulator = await emulatorWithAccounts([account], { messageLimits: { blockedWords: ['forbidden'] } });
	});
	afterEach(async () => await emulator.stop());

	it('is not retried: one call, the item says what to fix, nothing delivered', async () => {
		const result = await runSend(emulator, [{ account, text: 'a forbidden offer' }], {}, 'continueErrorOutput');

		expect(sendCalls(emulator).map((call) => call.errorCode)).toEqual([80001]);
		expect(result.outputs[0]).toHaveLength(0);
		const [failed] = jsonOf(result.outputs[1]);
		expect(String(failed.error)).toMatch(/blocked the message: its text contains words Tencent's content moderation refuses \(code 80001\)/);
		expect(failed.details).toMatchObject({ officialAccount: account, errorCode: '80001' });
		expect(emulator.deliveryCount(APP, account)).toBe(0);
	});
});

describe('Message → Send: a duplicate answered OK after a lost reply', () => {
	let emulator: TencentChatEmulator;
	let account: string;
	let other: string;
	beforeEach(async () => {
		account = freshAccount('u');
		other = freshAccount('v');
		emulator = await emulatorWithAccounts([account, other]);
	});
	afterEach(async () => await emulator.stop());

	it('gives exactly one delivery and one output item per message, with the first message\'s MsgKey', async () => {
		// The first call runs and its reply is lost; the retry (same body) is dropped as a duplicate and answered OK.
		emulator.script(SEND_COMMAND, ['lostReply']);
		const result = await runSend(emulator, [{ account, text: 'digest' }]);

		expect(result.status).toBe('success');
		const calls = sendCalls(emulator).filter((call) => (call.body as { Official_Account: string }).Official_Account === account);
		// The emulator logs the lost reply as a reset connection: the command ran, no reply came.
		expect(calls.map((call) => call.outcome)).toEqual(['socketReset', 'ok']);
		expect(emulator.messages(APP, account)[0].MsgRandom).toBe((calls[0].body as { Random: number }).Random);
		expect(calls[1].body).toEqual(calls[0].body);
		expect((calls[1].reply as { ErrorCode: number }).ErrorCode).toBe(0);
		expect(emulator.deliveryCount(APP, account)).toBe(1);
		const stored = emulator.messages(APP, account);
		expect(stored).toHaveLength(1);
		const out = jsonOf(result.outputs[0]);
		expect(out).toEqual([expect.objectContaining({ officialAccount: account, msgKey: stored[0].MsgKey, msgTime: stored[0].MsgTime })]);
		expect(out[0]).not.toHaveProperty('delivery');
		expect(out[0]).not.toHaveProperty('error');
	});

	it('with two items to two accounts, each is delivered once and reported once', async () => {
		emulator.script(SEND_COMMAND, ['lostReply']);
		const result = await runSend(emulator, [
			{ account, text: 'digest' },
			{ account: other, text: 'digest' },
		]);

		expect(result.status).toBe('success');
		expect(sendCalls(emulator)).toHaveLength(3);
		expect([emulator.deliveryCount(APP, account), emulator.deliveryCount(APP, other)]).toEqual([1, 1]);
		const out = jsonOf(result.outputs[0]);
		expect(out.map((json) => json.officialAccount)).toEqual([account, other]);
		expect(out.map((json) => json.msgKey)).toEqual([emulator.messages(APP, account)[0].MsgKey, emulator.messages(APP, other)[0].MsgKey]);
	});
});
