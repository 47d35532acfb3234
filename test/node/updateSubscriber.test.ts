import type { IDataObject } from 'n8n-workflow';

import type { ScriptedFault, TencentChatEmulator } from '../emulator';
import { APP, callsOf, COMMAND, emulatorWith, expectNoSecretsEitherWay, jsonOf, operationRunner, pairedIndexes, SECRET_SCENARIOS } from './fixtures';

const NEWS = '@TOA#_news';
const GONE = '@TOA#_destroyed';

/** Subscriber → Update with account, subscriber and custom string from each item's `account`, `user` and `custom`. */
const runUpdate = operationRunner('subscriber', 'update', {
	officialAccount: '={{ $json.account }}',
	subscriberId: '={{ $json.user }}',
	customString: '={{ $json.custom }}',
});

const modifyCalls = (emulator: TencentChatEmulator) => callsOf(emulator, COMMAND.modifySubscriber);
const customOf = (emulator: TencentChatEmulator, id: string) =>
	emulator.subscriberDetails(APP, NEWS).find((subscriber) => subscriber.Subscriber_Account === id)?.CustomString;

describe('Subscriber → Update', () => {
	let emulator: TencentChatEmulator;
	beforeEach(async () => {
		emulator = await emulatorWith({ [NEWS]: ['alice', 'bob', 'carol'] });
	});
	afterEach(async () => await emulator.stop());

	it('sets each item\'s subscriber CustomString with one call per item, output in input order', async () => {
		emulator.script(COMMAND.modifySubscriber, [{ latencyMs: 200 }]);
		const result = await runUpdate({
			emulator,
			input: [
				{ account: NEWS, user: 'alice', custom: '{"tier":"gold"}' },
				{ account: NEWS, user: 'bob', custom: '中'.repeat(1000) },
			],
		});
		expect(result.status).toBe('success');
		expect(jsonOf(result.outputs[0])).toEqual([
			{ officialAccount: NEWS, subscriberId: 'alice', customString: '{"tier":"gold"}', updated: true },
			{ officialAccount: NEWS, subscriberId: 'bob', customString: '中'.repeat(1000), updated: true },
		]);
		expect(pairedIndexes(result.outputs[0])).toEqual([0, 1]);
		expect(modifyCalls(emulator).map((call) => call.body)).toEqual(
			expect.arrayContaining([
				{ Official_Account: NEWS, Subscriber_Account: 'alice', CustomString: '{"tier":"gold"}' },
				{ Official_Account: NEWS, Subscriber_Account: 'bob', CustomString: '中'.repeat(1000) },
			]),
		);
		// The slow first call did not hold up the second: both were under way at once.
		const [first, second] = modifyCalls(emulator);
		expect(second.atMs).toBeLessThan(first.repliedAtMs ?? 0);
		expect(customOf(emulator, 'alice')).toBe('{"tier":"gold"}');
		expect(customOf(emulator, 'bob')).toBe('中'.repeat(1000));
	});

	it('clears the CustomString when it is empty; a typed value works as well as an expression', async () => {
		emulator.setSubscriberInfo(APP, NEWS, 'carol', { CustomString: 'old' });
		const result = await runUpdate({
			emulator,
			input: [{}],
			parameters: { officialAccount: NEWS, subscriberId: 'carol', customString: '' },
		});
		expect(jsonOf(result.outputs[0])).toEqual([{ officialAccount: NEWS, subscriberId: 'carol', customString: '', updated: true }]);
		expect(customOf(emulator, 'carol')).toBe('');
	});

	it('checks every field before sending: limit and actual size in UTF-8, IDs, item number; good items proceed', async () => {
		const result = await runUpdate({
			emulator,
			input: [
				{ account: NEWS, user: 'alice', custom: 'fine' },
				{ account: NEWS, user: 'bob', custom: '中'.repeat(1001) },
				{ account: NEWS, user: '', custom: 'x' },
				{ account: NEWS, user: 'caf\u00e9', custom: 'x' },
				{ account: 'news', user: 'carol', custom: 'x' },
				{ account: NEWS, user: 'carol', custom: { not: 'text' } },
				{ account: NEWS, user: 'u'.repeat(33), custom: 'x' },
			],
			onError: 'continueRegularOutput',
		});
		expect(result.status).toBe('success');
		const out = jsonOf(result.outputs[0]);
		expect(out[0]).toMatchObject({ subscriberId: 'alice', updated: true });
		expect(out[1]).toEqual({
			error: 'Custom String is 3003 bytes long in UTF-8; Tencent Chat allows at most 3000 bytes (a Chinese character counts as 3) [item 1]',
			field: 'Custom String',
			reason: 'Custom String is 3003 bytes long in UTF-8; Tencent Chat allows at most 3000 bytes (a Chinese character counts as 3)',
		});
		expect(out[2]).toMatchObject({ field: 'Subscriber ID', error: 'Subscriber ID is empty [item 2]' });
		expect(String(out[3].error)).toMatch(/Subscriber ID "caf.*printable ASCII \[item 3\]/);
		expect(out[4]).toMatchObject({ field: 'Official Account ID' });
		expect(String(out[4].error)).toMatch(/does not start with @TOA#_ \[item 4\]/);
		expect(out[5]).toMatchObject({ field: 'Custom String', error: 'Custom String must be text, not an object [item 5]' });
		expect(String(out[6].error)).toMatch(/longer than 32 bytes \[item 6\]/);
		expect(pairedIndexes(result.outputs[0])).toEqual([0, 1, 2, 3, 4, 5, 6]);
		expect(modifyCalls(emulator).map((call) => (call.body as IDataObject).Subscriber_Account)).toEqual(['alice']);
		expect(customOf(emulator, 'bob')).toBe('');
	});

	it('without "continue", a bad value fails the node with the fix and sends nothing', async () => {
		const result = await runUpdate({ emulator, input: [{ account: NEWS, user: 'bob', custom: 'é'.repeat(1501) }] });
		expect(result.status).toBe('error');
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toBe(
			'Custom String is 3002 bytes long in UTF-8; Tencent Chat allows at most 3000 bytes (a Chinese character counts as 3) [item 0]',
		);
		expect(result.error?.description).toMatch(/Shorten Custom String to at most 3000 bytes/);
		expect(modifyCalls(emulator)).toHaveLength(0);
	});

	it('explains a user who does not subscribe (the emulator answers 6017) with this command\'s fix', async () => {
		const input = [{ account: NEWS, user: 'stranger', custom: 'x' }];
		const continued = await runUpdate({ emulator, input, onError: 'continueRegularOutput' });
		const out = jsonOf(continued.outputs[0]);
		expect(out[0]).toMatchObject({ officialAccount: NEWS, subscriberId: 'stranger', errorCode: '6017' });
		expect(String(out[0].error)).toMatch(/^Could not update the subscriber: .*\[item 0\]$/);
		const stopped = await runUpdate({ emulator, input });
		expect(stopped.error?.description).toMatch(/the user must be subscribed/);
		expect(modifyCalls(emulator)).toHaveLength(2);
	});
});

describe('Subscriber → Update: 130004 and the On Error setting', () => {
	let emulator: TencentChatEmulator;
	beforeEach(async () => {
		emulator = await emulatorWith({ [NEWS]: ['alice', 'bob'] });
	});
	afterEach(async () => await emulator.stop());

	const mixedInput = [
		{ account: NEWS, user: 'alice', custom: 'a' },
		{ account: GONE, user: 'alice', custom: 'g' },
		{ account: NEWS, user: 'bob', custom: 'b' },
	];

	it('"Stop Workflow" fails the node naming the item, the code and the fix', async () => {
		const result = await runUpdate({ emulator, input: mixedInput });
		expect(result.status).toBe('error');
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toMatch(/^Could not update the subscriber: The official account does not exist.*\[item 1\]$/);
		expect(result.error?.description).toMatch(/Official Account ID/);
		expect(result.error?.description).toMatch(/set the node setting On Error to "Continue"/);
		expect((result.error as { httpCode?: string }).httpCode).toBe('130004');
		expect(modifyCalls(emulator).filter((call) => (call.body as IDataObject).Official_Account === GONE)).toHaveLength(1);
	});

	it('"Continue (using regular output)" outputs the failure in its place', async () => {
		const result = await runUpdate({ emulator, input: mixedInput, onError: 'continueRegularOutput' });
		const out = jsonOf(result.outputs[0]);
		expect(out.map((json) => json.updated ?? json.errorCode)).toEqual([true, '130004', true]);
		expect(out[1]).toMatchObject({ officialAccount: GONE, subscriberId: 'alice' });
		expect(String(out[1].error)).toMatch(/does not exist.*\[item 1\]/);
		expect(pairedIndexes(result.outputs[0])).toEqual([0, 1, 2]);
		expect(customOf(emulator, 'bob')).toBe('b');
	});

	it('"Continue (using error output)" routes the failure to output 2', async () => {
		const result = await runUpdate({ emulator, input: mixedInput, onError: 'continueErrorOutput' });
		expect(jsonOf(result.outputs[0]).map((json) => json.subscriberId)).toEqual(['alice', 'bob']);
		expect(pairedIndexes(result.outputs[0])).toEqual([0, 2]);
		expect(result.outputs[1]).toHaveLength(1);
		expect(result.outputs[1][0].json.details).toMatchObject({ officialAccount: GONE, subscriberId: 'alice', errorCode: '130004' });
		expect(pairedIndexes(result.outputs[1])).toEqual([1]);
	});
});

describe('Subscriber → Update: retries and secrets', () => {
	let emulator: TencentChatEmulator;
	beforeEach(async () => {
		emulator = await emulatorWith({ [NEWS]: ['alice'] });
	});
	afterEach(async () => await emulator.stop());

	const transient: Array<[string, ScriptedFault[], string[]]> = [
		['HTTP 502', ['http502'], ['http502', 'ok']],
		['a socket reset', ['socketReset'], ['socketReset', 'ok']],
		['code 20005', [{ errorCode: 20005 }], ['error', 'ok']],
		['code 60007 (throttled)', [{ errorCode: 60007 }], ['error', 'ok']],
	];

	it.each(transient)('retries %s to success', async (_label, faults, outcomes) => {
		emulator.script(COMMAND.modifySubscriber, faults);
		const result = await runUpdate({ emulator, input: [{ account: NEWS, user: 'alice', custom: 'retried' }] });
		expect(result.status).toBe('success');
		expect(modifyCalls(emulator).map((call) => call.outcome)).toEqual(outcomes);
		expect(customOf(emulator, 'alice')).toBe('retried');
	});

	it('a lost reply is retried and the value is set once', async () => {
		emulator.script(COMMAND.modifySubscriber, ['lostReply']);
		const result = await runUpdate({ emulator, input: [{ account: NEWS, user: 'alice', custom: 'after lost reply' }] });
		expect(result.status).toBe('success');
		expect(modifyCalls(emulator)).toHaveLength(2);
		expect(customOf(emulator, 'alice')).toBe('after lost reply');
	});

	it('does not retry a final code such as 20001', async () => {
		emulator.script(COMMAND.modifySubscriber, [{ errorCode: 20001 }]);
		const result = await runUpdate({ emulator, input: [{ account: NEWS, user: 'alice', custom: 'x' }] });
		expect(result.status).toBe('error');
		expect(modifyCalls(emulator)).toHaveLength(1);
	});

	it.each([...SECRET_SCENARIOS])('no secret key or UserSig in anything %s leaves behind', async (_label, faults) => {
		await expectNoSecretsEitherWay(emulator, COMMAND.modifySubscriber, faults, async (onError) => await runUpdate({ emulator, input: [{ account: NEWS, user: 'alice', custom: 's' }], options: { retries: 1 }, onError }));
	});
});
