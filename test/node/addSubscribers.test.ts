import type { IDataObject } from 'n8n-workflow';

import type { ScriptedFault, TencentChatEmulator } from '../emulator';
import { APP, callsOf, COMMAND, emulatorWith, expectNoSecretsEitherWay, ids, jsonOf, operationRunner, pairedIndexes, SECRET_SCENARIOS, sentAddIds } from './fixtures';

const NEWS = '@TOA#_news';
const SPORTS = '@TOA#_sports';
const GONE = '@TOA#_destroyed';

/** Subscriber → Add with the account and IDs taken from each item's `account` and `ids` unless overridden. */
const runAdd = operationRunner('subscriber', 'add', { officialAccount: '={{ $json.account }}', subscriberIds: '={{ $json.ids }}' });

const addCalls = (emulator: TencentChatEmulator) => callsOf(emulator, COMMAND.addSubscriber);

describe('Subscriber → Add: grouping and results', () => {
	let emulator: TencentChatEmulator;
	afterEach(async () => await emulator.stop());

	it('sends 250 IDs from 3 items in 3 calls of at most 100 in Tencent\'s body shape, and subscribes them all', async () => {
		emulator = await emulatorWith({ [NEWS]: [] });
		const all = ids('u', 250);
		const input = [all.slice(0, 90), all.slice(90, 170), all.slice(170)].map((chunk) => ({ account: NEWS, ids: chunk }));

		const result = await runAdd({ emulator, input });

		expect(result.status).toBe('success');
		const calls = addCalls(emulator);
		expect(calls).toHaveLength(3);
		for (const call of calls) {
			expect(Object.keys(call.body as IDataObject).sort()).toEqual(['Official_Account', 'SubscriberList']);
			expect((call.body as IDataObject).Official_Account).toBe(NEWS);
			expect(sentAddIds(call).length).toBeLessThanOrEqual(100);
		}
		expect(calls.flatMap(sentAddIds).sort()).toEqual(all);
		expect(jsonOf(result.outputs[0])[0]).toEqual({ officialAccount: NEWS, subscriberId: 'u0001', result: 1, status: 'added' });
		expect(jsonOf(result.outputs[0]).every((json) => json.status === 'added')).toBe(true);
		expect(pairedIndexes(result.outputs[0])).toEqual([...Array(90).fill(0), ...Array(80).fill(1), ...Array(80).fill(2)]);
		expect(emulator.subscribers(APP, NEWS)).toEqual(all);
	});

	it('honours a smaller Batch Size and groups per official account', async () => {
		emulator = await emulatorWith({ [NEWS]: [], [SPORTS]: [] });
		const result = await runAdd({
			emulator,
			input: [
				{ account: NEWS, ids: ids('n', 25) },
				{ account: SPORTS, ids: ids('s', 5) },
			],
			options: { batchSize: 10 },
		});
		expect(result.status).toBe('success');
		const byAccount = addCalls(emulator).map((call) => [(call.body as IDataObject).Official_Account, sentAddIds(call).length]);
		expect(byAccount).toEqual(expect.arrayContaining([[NEWS, 10], [NEWS, 10], [NEWS, 5], [SPORTS, 5]]));
		expect(byAccount).toHaveLength(4);
		expect(emulator.subscribers(APP, SPORTS)).toEqual(ids('s', 5));
	});

	it('maps Result 1, 2 and 0 to added, alreadySubscribed and failed', async () => {
		emulator = await emulatorWith({ [NEWS]: ['old'] });
		emulator.script(COMMAND.addSubscriber, [{ resultZero: ['refused'] }]);
		const result = await runAdd({ emulator, input: [{ account: NEWS, ids: 'new, old, refused' }], onError: 'continueRegularOutput' });

		expect(result.status).toBe('success');
		const out = jsonOf(result.outputs[0]);
		expect(out.map((json) => [json.subscriberId, json.result, json.status])).toEqual([
			['new', 1, 'added'],
			['old', 2, 'alreadySubscribed'],
			['refused', 0, 'failed'],
		]);
		expect(String(out[2].error)).toMatch(/"refused".*Result 0.*\[item 0\]/);
		expect(out[2].errorCode).toBe('RESULT_0');
		expect(emulator.subscribers(APP, NEWS)).toEqual(['new', 'old']);
	});

	it('sends an ID repeated across items once and reports it to each item', async () => {
		emulator = await emulatorWith({ [NEWS]: [] });
		const result = await runAdd({
			emulator,
			input: [
				{ account: NEWS, ids: ['dup', 'a'] },
				{ account: NEWS, ids: ['b', 'dup'] },
			],
		});
		expect(addCalls(emulator).flatMap(sentAddIds).filter((id) => id === 'dup')).toHaveLength(1);
		expect(jsonOf(result.outputs[0]).map((json) => [json.subscriberId, json.status])).toEqual([
			['dup', 'added'],
			['a', 'added'],
			['b', 'added'],
			['dup', 'added'],
		]);
		expect(pairedIndexes(result.outputs[0])).toEqual([0, 0, 1, 1]);
	});

	it('reports an ID the reply is silent about as failed instead of dropping it', async () => {
		emulator = await emulatorWith({ [NEWS]: [] });
		emulator.script(COMMAND.addSubscriber, [{ omitResults: ['m2'] }]);
		const result = await runAdd({ emulator, input: [{ account: NEWS, ids: 'm1, m2' }], onError: 'continueRegularOutput' });
		const out = jsonOf(result.outputs[0]);
		expect(out.map((json) => [json.subscriberId, json.status])).toEqual([
			['m1', 'added'],
			['m2', 'failed'],
		]);
		expect(out[1].errorCode).toBe('NO_RESULT');
	});

	it('reads one ID per item in Input Field mode (nested field), 150 items in 2 calls', async () => {
		emulator = await emulatorWith({ [NEWS]: [] });
		const users = ids('f', 150);
		const result = await runAdd({
			emulator,
			input: users.map((id) => ({ contact: { imUserId: id } })),
			parameters: { officialAccount: NEWS, subscriberIds: '', subscriberIdsFrom: 'inputField', subscriberIdField: 'contact.imUserId' },
		});
		expect(result.status).toBe('success');
		expect(addCalls(emulator).map((call) => sentAddIds(call).length)).toEqual([100, 50]);
		expect(jsonOf(result.outputs[0]).map((json) => json.subscriberId)).toEqual(users);
		expect(pairedIndexes(result.outputs[0])).toEqual(users.map((_, index) => index));
		expect(emulator.subscribers(APP, NEWS)).toEqual(users);
	});

	it('Input Field mode names a missing field with its item', async () => {
		emulator = await emulatorWith({ [NEWS]: [] });
		const result = await runAdd({
			emulator,
			input: [{ contact: { imUserId: 'ok1' } }, { contact: {} }],
			parameters: { officialAccount: NEWS, subscriberIds: '', subscriberIdsFrom: 'inputField', subscriberIdField: 'contact.imUserId' },
			onError: 'continueRegularOutput',
		});
		const out = jsonOf(result.outputs[0]);
		expect(out[0]).toMatchObject({ subscriberId: 'ok1', status: 'added' });
		expect(String(out[1].error)).toMatch(/contact\.imUserId.*\[item 1\]/);
		expect(addCalls(emulator).flatMap(sentAddIds)).toEqual(['ok1']);
	});

	it('summary output gives one item per input item with added, alreadySubscribed and failed counts', async () => {
		emulator = await emulatorWith({ [NEWS]: ['old'] });
		emulator.script(COMMAND.addSubscriber, [{ resultZero: ['refused'] }]);
		const result = await runAdd({
			emulator,
			input: [{ account: NEWS, ids: 'new, old, refused' }, { account: GONE, ids: 'g1' }],
			options: { output: 'summary' },
			onError: 'continueRegularOutput',
		});
		expect(jsonOf(result.outputs[0])).toEqual([
			{
				officialAccount: NEWS,
				requested: 3,
				added: 1,
				alreadySubscribed: 1,
				failed: 1,
				failures: [{ subscriberId: 'refused', reason: expect.stringMatching(/Result 0/), errorCode: 'RESULT_0' }],
			},
			{
				officialAccount: GONE,
				requested: 1,
				added: 0,
				alreadySubscribed: 0,
				failed: 1,
				failures: [{ subscriberId: 'g1', reason: expect.stringMatching(/does not exist/), errorCode: '130004' }],
			},
		]);
		expect(pairedIndexes(result.outputs[0])).toEqual([0, 1]);
	});
});

describe('Subscriber → Add: 130004 and the On Error setting', () => {
	let emulator: TencentChatEmulator;
	beforeEach(async () => {
		emulator = await emulatorWith({ [NEWS]: [] });
	});
	afterEach(async () => await emulator.stop());

	const mixedInput = [
		{ account: NEWS, ids: ['n1', 'n2'] },
		{ account: GONE, ids: ['g1'] },
		{ account: NEWS, ids: ['n3'] },
	];

	it('"Stop Workflow" fails naming the subscriber, the account, the item and the code', async () => {
		const result = await runAdd({ emulator, input: mixedInput });
		expect(result.status).toBe('error');
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toMatch(/"g1".*\[item 1\]/);
		expect(result.error?.message).toContain(GONE);
		expect(result.error?.description).toMatch(/does not exist/);
		expect((result.error as { httpCode?: string }).httpCode).toBe('130004');
		// 130004 is final: the call for the missing account was made once.
		expect(addCalls(emulator).filter((call) => (call.body as IDataObject).Official_Account === GONE)).toHaveLength(1);
	});

	it('"Continue (using regular output)" keeps the good items and reports the failed subscriber in place', async () => {
		const result = await runAdd({ emulator, input: mixedInput, onError: 'continueRegularOutput' });
		expect(result.status).toBe('success');
		const out = jsonOf(result.outputs[0]);
		expect(out.map((json) => [json.subscriberId, json.status])).toEqual([
			['n1', 'added'],
			['n2', 'added'],
			['g1', 'failed'],
			['n3', 'added'],
		]);
		expect(out[2]).toMatchObject({ officialAccount: GONE, result: null, errorCode: '130004' });
		expect(String(out[2].error)).toMatch(/Subscriber "g1" was not added to @TOA#_destroyed: The official account does not exist.*\[item 1\]/);
		expect(pairedIndexes(result.outputs[0])).toEqual([0, 0, 1, 2]);
		expect(emulator.subscribers(APP, NEWS)).toEqual(['n1', 'n2', 'n3']);
	});

	it('"Continue (using error output)" puts the failed subscriber on output 2', async () => {
		const result = await runAdd({ emulator, input: mixedInput, onError: 'continueErrorOutput' });
		expect(result.status).toBe('success');
		expect(jsonOf(result.outputs[0]).map((json) => json.subscriberId)).toEqual(['n1', 'n2', 'n3']);
		expect(pairedIndexes(result.outputs[0])).toEqual([0, 0, 2]);
		expect(result.outputs[1]).toHaveLength(1);
		expect(result.outputs[1][0].json.details).toMatchObject({ officialAccount: GONE, subscriberId: 'g1', status: 'failed', errorCode: '130004' });
		expect(pairedIndexes(result.outputs[1])).toEqual([1]);
	});

	it('a Result 0 without "continue" fails the node after the calls complete', async () => {
		emulator.script(COMMAND.addSubscriber, [{ resultZero: ['n2'] }]);
		const result = await runAdd({ emulator, input: [{ account: NEWS, ids: 'n1, n2' }] });
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/1 subscriber could not be added to .*"n2" \[item 0\]/);
		expect(result.error?.description).toMatch(/1 added/);
		expect(emulator.subscribers(APP, NEWS)).toEqual(['n1']);
	});
});

describe('Subscriber → Add: bad input', () => {
	let emulator: TencentChatEmulator;
	beforeEach(async () => {
		emulator = await emulatorWith({ [NEWS]: [] });
	});
	afterEach(async () => await emulator.stop());

	const badInput = [
		{ account: NEWS, ids: ['ok1'] },
		{ account: NEWS, ids: '' },
		{ account: NEWS, ids: ['ok2', 'caf\u00e9'] },
		{ account: NEWS, ids: ['x'.repeat(33)] },
		{ account: 'news', ids: ['ok3'] },
	];

	it('with "continue", names item and field for each bad value and sends only the good IDs', async () => {
		const result = await runAdd({ emulator, input: badInput, onError: 'continueRegularOutput' });
		expect(result.status).toBe('success');
		const out = jsonOf(result.outputs[0]);
		const paired = pairedIndexes(result.outputs[0]);
		const byItem = (index: number) => out.filter((_, i) => paired[i] === index);

		expect(byItem(0)).toEqual([{ officialAccount: NEWS, subscriberId: 'ok1', result: 1, status: 'added' }]);
		expect(byItem(1)).toEqual([{ error: 'Subscriber IDs is empty [item 1]', field: 'Subscriber IDs', reason: 'Subscriber IDs is empty' }]);
		expect(byItem(2).map((json) => json.status)).toEqual(['added', 'failed']);
		expect(String(byItem(2)[1].error)).toMatch(/subscriber ID "caf.*printable ASCII \[item 2\]/);
		expect(String(byItem(3)[0].error)).toMatch(/longer than 32 bytes.*\[item 3\]/);
		expect(byItem(4)[0]).toMatchObject({ field: 'Official Account ID' });
		expect(String(byItem(4)[0].error)).toMatch(/Official Account ID "news" does not start with @TOA#_ \[item 4\]/);

		expect(addCalls(emulator).flatMap(sentAddIds)).toEqual(['ok1', 'ok2']);
		expect(emulator.subscribers(APP, NEWS)).toEqual(['ok1', 'ok2']);
	});

	it('without "continue", fails on the first bad item and sends nothing', async () => {
		const result = await runAdd({ emulator, input: badInput });
		expect(result.status).toBe('error');
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toBe('Subscriber IDs is empty [item 1]');
		expect(addCalls(emulator)).toHaveLength(0);
	});
});

describe('Subscriber → Add: retries and secrets', () => {
	let emulator: TencentChatEmulator;
	beforeEach(async () => {
		emulator = await emulatorWith({ [NEWS]: [] });
	});
	afterEach(async () => await emulator.stop());

	const transient: Array<[string, ScriptedFault[], string[]]> = [
		['HTTP 502', ['http502'], ['http502', 'ok']],
		['a socket reset', ['socketReset'], ['socketReset', 'ok']],
		['code 20005 twice', [{ errorCode: 20005 }, { errorCode: 20005 }], ['error', 'error', 'ok']],
		['code 60007 (throttled)', [{ errorCode: 60007 }], ['error', 'ok']],
	];

	it.each(transient)('retries %s to success without adding anyone twice', async (_label, faults, outcomes) => {
		emulator.script(COMMAND.addSubscriber, faults);
		const result = await runAdd({ emulator, input: [{ account: NEWS, ids: 't1, t2' }] });
		expect(result.status).toBe('success');
		expect(jsonOf(result.outputs[0]).map((json) => json.status)).toEqual(['added', 'added']);
		expect(addCalls(emulator).map((call) => call.outcome)).toEqual(outcomes);
		expect(emulator.subscribers(APP, NEWS)).toEqual(['t1', 't2']);
	});

	it('a lost reply is retried: the user added by the first call comes back as alreadySubscribed, subscribed once', async () => {
		emulator.script(COMMAND.addSubscriber, ['lostReply']);
		const result = await runAdd({ emulator, input: [{ account: NEWS, ids: 'lost1' }] });
		expect(result.status).toBe('success');
		expect(addCalls(emulator)).toHaveLength(2);
		expect(jsonOf(result.outputs[0])).toEqual([{ officialAccount: NEWS, subscriberId: 'lost1', result: 2, status: 'alreadySubscribed' }]);
		expect(emulator.subscribers(APP, NEWS)).toEqual(['lost1']);
	});

	it('gives up after the configured retries and says how often it tried', async () => {
		emulator.script(COMMAND.addSubscriber, ['http502', 'http502', 'http502']);
		const result = await runAdd({ emulator, input: [{ account: NEWS, ids: 't1' }], options: { retries: 1 } });
		expect(result.status).toBe('error');
		expect(addCalls(emulator)).toHaveLength(2);
		expect(result.error?.description).toMatch(/tried 2 times/);
	});

	it.each([...SECRET_SCENARIOS])('no secret key or UserSig in anything %s leaves behind', async (_label, faults) => {
		await expectNoSecretsEitherWay(emulator, COMMAND.addSubscriber, faults, async (onError) => await runAdd({ emulator, input: [{ account: NEWS, ids: 's1' }], options: { retries: 1 }, onError }));
	});
});
