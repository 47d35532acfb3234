// Message → Recall (grouped, 10 keys per call) and Message → Get Many (history pages) against the emulator.
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { TencentChatEmulator } from '../emulator';
import { runTencentNode } from '../engine/tencentNode';
import type { OnError } from '../engine/runNode';
import { APP, jsonOf, pairedIndexes } from './fixtures';
import { callsOf, emulatorWithAccounts, freshAccount, HISTORY_COMMAND, RECALL_COMMAND, seedMessages } from './messageFixtures';

async function runRecall(emulator: TencentChatEmulator, input: IDataObject[], extra: INodeParameters = {}, onError?: OnError) {
	return await runTencentNode({
		emulator,
		parameters: { resource: 'message', operation: 'recall', officialAccount: '={{ $json.account }}', msgKeysFrom: 'inputField', msgKeyField: 'msgKey', ...extra },
		input,
		onError,
	});
}

async function runHistory(emulator: TencentChatEmulator, account: string, extra: INodeParameters = {}) {
	return await runTencentNode({
		emulator,
		parameters: { resource: 'message', operation: 'getMany', officialAccount: account, ...extra },
		input: [{}],
	});
}

describe('Message → Recall', () => {
	let emulator: TencentChatEmulator;
	let account: string;
	beforeEach(async () => {
		account = freshAccount('c');
		emulator = await emulatorWithAccounts([account]);
	});
	afterEach(async () => await emulator.stop());

	it('recalls 25 keys (one per item) in 3 calls of at most 10, one output item per key with its RetCode', async () => {
		const keys = await seedMessages(emulator, account, 24);
		// Key 3 recalled before (UNCERTAIN code: the emulator answers 10030), key 7 fails inside Tencent (10002), one unknown key (10030).
		await runRecall(emulator, [{ account, msgKey: keys[2] }]);
		emulator.resetCalls();
		const wanted = [...keys, '999_1_1700000000'];
		emulator.script(RECALL_COMMAND, [{ resultZero: [keys[6]] }]);
		const result = await runRecall(emulator, wanted.map((msgKey) => ({ account, msgKey })), { options: { reason: 'Sent by mistake' } }, 'continueRegularOutput');

		const calls = callsOf(emulator, RECALL_COMMAND);
		expect(calls.map((call) => (call.body as { MsgKeyList: string[] }).MsgKeyList.length)).toEqual([10, 10, 5]);
		expect(calls.every((call) => (call.body as { Reason?: string }).Reason === 'Sent by mistake')).toBe(true);
		const out = jsonOf(result.outputs[0]);
		expect(out).toHaveLength(25);
		expect(out.map((json) => json.msgKey)).toEqual(wanted);
		expect(pairedIndexes(result.outputs[0])).toEqual(wanted.map((_, index) => index));
		const byStatus = (status: string) => out.filter((json) => json.status === status).map((json) => json.msgKey);
		expect(byStatus('recalled')).toHaveLength(22);
		expect(out[2]).toMatchObject({ status: 'failed', result: 10030, officialAccount: account });
		expect(String(out[2].reason)).toMatch(/no such message.*not recalled before/);
		expect(out[6]).toMatchObject({ status: 'failed', result: 10002 });
		expect(String(out[6].error)).toMatch(/could not recall it right now.*\[item 6\]/);
		expect(out[24]).toMatchObject({ status: 'failed', result: 10030 });
		expect(String(out[24].reason)).toMatch(/no such message/);
		expect(emulator.messages(APP, account).filter((m) => m.recalled)).toHaveLength(23);
	});

	it('RetCode 10031 says the recall time limit has passed, not "already recalled"', async () => {
		await emulator.stop();
		let offsetMs = 0;
		emulator = await emulatorWithAccounts([account], { nowMs: () => Date.now() + offsetMs, messageLimits: { recallTimeLimitSeconds: 120 } });
		const keys = await seedMessages(emulator, account, 2);
		offsetMs = 121_000;
		const result = await runRecall(emulator, keys.map((msgKey) => ({ account, msgKey })), {}, 'continueRegularOutput');

		const out = jsonOf(result.outputs[0]);
		expect(out.map((json) => [json.status, json.result])).toEqual([
			['failed', 10031],
			['failed', 10031],
		]);
		expect(String(out[0].reason)).toMatch(/recall time limit has passed for this message \(RetCode 10031\)/);
		expect(String(out[0].reason)).not.toMatch(/already recalled/);
		expect(emulator.messages(APP, account).filter((m) => m.recalled)).toHaveLength(0);
	});

	it('Define Below: a list of keys in one item, and a Reason over 100 bytes is refused before any call', async () => {
		const keys = await seedMessages(emulator, account, 2);
		const tooLong = await runRecall(emulator, [{ account }], { msgKeysFrom: 'defineBelow', msgKeys: keys.join(', '), options: { reason: '撤'.repeat(34) } });
		expect(tooLong.status).toBe('error');
		expect(tooLong.error?.message).toMatch(/Reason is 102 bytes long in UTF-8; Tencent Chat allows at most 100 bytes.*nothing was recalled/);
		expect(callsOf(emulator, RECALL_COMMAND)).toHaveLength(0);

		const result = await runRecall(emulator, [{ account }], { msgKeysFrom: 'defineBelow', msgKeys: keys.join(', ') });
		expect(jsonOf(result.outputs[0]).map((json) => [json.msgKey, json.status])).toEqual(keys.map((key) => [key, 'recalled']));
	});

	it('an unknown account goes to the error output saying it does not exist', async () => {
		const result = await runRecall(emulator, [{ account: '@TOA#_nobody', msgKey: '1_1_1' }], {}, 'continueErrorOutput');
		const [failed] = jsonOf(result.outputs[1]);
		expect(String(failed.error)).toMatch(/does not exist/);
	});
});

describe('Message → Get Many', () => {
	let emulator: TencentChatEmulator;
	let account: string;
	beforeEach(async () => {
		account = freshAccount('l');
		emulator = await emulatorWithAccounts([account]);
	});
	afterEach(async () => await emulator.stop());

	it('Return All reads the history newest first across 3 pages, following LastMsgKey', async () => {
		const keys = await seedMessages(emulator, account, 45);
		const result = await runHistory(emulator, account, { returnAll: true });

		expect(result.status).toBe('success');
		const out = jsonOf(result.outputs[0]);
		expect(out.map((json) => json.msgKey)).toEqual([...keys].reverse());
		const calls = callsOf(emulator, HISTORY_COMMAND);
		expect(calls).toHaveLength(3);
		expect(calls.map((call) => (call.body as { LastMsgKey?: string }).LastMsgKey)).toEqual([undefined, keys[25], keys[5]]);
		expect(out[0]).toMatchObject({ officialAccount: account, text: 'message 45', recalled: false, elements: [{ type: 'text', text: 'message 45' }] });
		expect(out[0].msgTimeIso).toBe(new Date((out[0].msgTime as number) * 1000).toISOString());
	});

	it('Limit stops early and asks only for what it needs; recalled messages only with Include Recalled', async () => {
		const keys = await seedMessages(emulator, account, 5);
		await runRecall(emulator, [{ account, msgKey: keys[4] }]);
		emulator.resetCalls();

		const limited = await runHistory(emulator, account, { returnAll: false, limit: 3 });
		expect(jsonOf(limited.outputs[0]).map((json) => json.msgKey)).toEqual([keys[3], keys[2], keys[1]]);
		expect(callsOf(emulator, HISTORY_COMMAND).map((call) => (call.body as { ReqMsgNumber: number }).ReqMsgNumber)).toEqual([3]);

		const withRecalled = await runHistory(emulator, account, { returnAll: true, options: { includeRecalled: true } });
		const [newest] = jsonOf(withRecalled.outputs[0]);
		expect(newest).toMatchObject({ msgKey: keys[4], recalled: true, text: null, elements: [] });
	});

	it('decodes custom and image elements into readable fields', async () => {
		const url = 'https://cdn.example.com/a.jpg';
		await runTencentNode({
			emulator,
			parameters: {
				resource: 'message',
				operation: 'send',
				officialAccount: account,
				messageType: 'elements',
				elements: JSON.stringify([
					{ MsgType: 'TIMCustomElem', MsgContent: { Data: 'd', Desc: 'push text' } },
					{ MsgType: 'TIMImageElem', MsgContent: { UUID: 'img1', ImageFormat: 1, ImageInfoArray: [{ Type: 1, URL: url, Width: 4, Height: 3, Size: 99 }] } },
				]),
			},
			input: [{}],
		});
		const [message] = jsonOf((await runHistory(emulator, account, { returnAll: true })).outputs[0]);
		expect(message.text).toBeNull();
		expect(message.elements).toEqual([
			{ type: 'custom', data: 'd', desc: 'push text', ext: null, sound: null },
			{ type: 'image', url, width: 4, height: 3, size: 99, format: 'jpg', uuid: 'img1' },
		]);
	});
});
