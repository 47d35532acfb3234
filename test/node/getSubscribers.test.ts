import type { IDataObject } from 'n8n-workflow';

import type { CallRecord, ScriptedFault, TencentChatEmulator } from '../emulator';
import { emulatorClient } from '../emulator/testClient';
import { APP, callsOf, COMMAND, emulatorWith, expectNoSecretsEitherWay, ids, jsonOf, operationRunner, pairedIndexes, SECRET_SCENARIOS } from './fixtures';

const NEWS = '@TOA#_news';
const SPORTS = '@TOA#_sports';
const GONE = '@TOA#_destroyed';

/** Subscriber → Get Many; the account comes from each item's `account` unless overridden. */
const runList = operationRunner('subscriber', 'getAll', { officialAccount: '={{ $json.account }}' }, [{ account: NEWS }]);

const listCalls = (emulator: TencentChatEmulator) => callsOf(emulator, COMMAND.getSubscriberInfo);
const bodyOf = (call: CallRecord) => call.body as IDataObject;

describe('Subscriber → Get Many: paging', () => {
	let emulator: TencentChatEmulator;
	afterEach(async () => await emulator.stop());

	it('Return All follows Next over 3 pages of at most 200 and outputs every subscriber once, in order', async () => {
		const all = ids('u', 450);
		emulator = await emulatorWith({ [NEWS]: all });

		const result = await runList({ emulator, parameters: { returnAll: true } });

		expect(result.status).toBe('success');
		const calls = listCalls(emulator);
		expect(calls.map((call) => bodyOf(call).Limit)).toEqual([200, 200, 200]);
		expect(bodyOf(calls[0])).toEqual({ Official_Account: NEWS, Limit: 200, Next: '' });
		// Each later page passes back the cursor the previous reply gave; the last reply ends the list with "".
		for (let page = 1; page < calls.length; page++) {
			expect(bodyOf(calls[page]).Next).toBe((calls[page - 1].reply as IDataObject).Next);
			expect(bodyOf(calls[page]).Next).not.toBe('');
		}
		expect((calls[2].reply as IDataObject).Next).toBe('');
		expect(jsonOf(result.outputs[0]).map((json) => json.subscriberId)).toEqual(all);
		expect(pairedIndexes(result.outputs[0])).toEqual(Array(450).fill(0));
	});

	it('Limit stops after that many across 3 pages, asking only for what is still wanted', async () => {
		emulator = await emulatorWith({ [NEWS]: ids('u', 1000) });
		const result = await runList({ emulator, parameters: { returnAll: false, limit: 450 } });
		expect(listCalls(emulator).map((call) => bodyOf(call).Limit)).toEqual([200, 200, 50]);
		expect(jsonOf(result.outputs[0]).map((json) => json.subscriberId)).toEqual(ids('u', 450));
	});

	it('a small Limit makes one call for just that many', async () => {
		emulator = await emulatorWith({ [NEWS]: ids('u', 30) });
		const result = await runList({ emulator, parameters: { returnAll: false, limit: 5 } });
		expect(listCalls(emulator).map((call) => bodyOf(call).Limit)).toEqual([5]);
		expect(result.outputs[0]).toHaveLength(5);
	});

	it('Return All on an account with exactly one full page stops at the empty cursor', async () => {
		emulator = await emulatorWith({ [NEWS]: ids('u', 200) });
		const result = await runList({ emulator, parameters: { returnAll: true } });
		expect(listCalls(emulator)).toHaveLength(1);
		expect(result.outputs[0]).toHaveLength(200);
	});

	it('lists each subscriber once while users join and leave between pages', async () => {
		const all = ids('u', 500);
		emulator = await emulatorWith({ [NEWS]: all });
		const client = emulatorClient(() => emulator.url, () => Math.floor(Date.now() / 1000));
		// The first page is read when it arrives and answered late: the changes below land before page 2 is asked for.
		emulator.script(COMMAND.getSubscriberInfo, [{ latencyMs: 800 }]);
		try {
			const running = runList({ emulator, parameters: { returnAll: true } });
			while (listCalls(emulator).length === 0) await new Promise((done) => setTimeout(done, 5));
			// Leaves: one already read (u0010) and one not yet read (u0300). Joins: one before the cursor, one after it.
			await client.oa('delete_subscriber', { Official_Account: NEWS, SubscriberToDel_Account: ['u0010', 'u0300'] });
			await client.oa('add_subscriber', { Official_Account: NEWS, SubscriberList: [{ Subscriber_Account: 'u0000a' }, { Subscriber_Account: 'u9999' }] });
			const result = await running;

			expect(result.status).toBe('success');
			expect(listCalls(emulator)[0].repliedAtMs).toBeGreaterThan(callsOf(emulator, COMMAND.addSubscriber)[0].repliedAtMs ?? Infinity);
			const listed = jsonOf(result.outputs[0]).map((json) => String(json.subscriberId));
			expect(listed).toEqual([...all.filter((id) => id !== 'u0300'), 'u9999']);
			expect(listCalls(emulator)).toHaveLength(3);
		} finally {
			await client.close();
		}
	});
});

describe('Subscriber → Get Many: output', () => {
	let emulator: TencentChatEmulator;
	afterEach(async () => await emulator.stop());

	it('outputs camelCase fields with the subscribe time in seconds and as an ISO date', async () => {
		emulator = await emulatorWith({ [NEWS]: ['alice', 'bob'] });
		emulator.setSubscriberInfo(APP, NEWS, 'bob', { CustomString: '{"tier":"gold"}', MsgFlag: 'Discard' });
		const stored = emulator.subscriberDetails(APP, NEWS);

		const result = await runList({ emulator, parameters: { returnAll: true } });

		expect(jsonOf(result.outputs[0])).toEqual(
			stored.map((subscriber) => ({
				officialAccount: NEWS,
				subscriberId: subscriber.Subscriber_Account,
				subscribeTime: subscriber.SubscribeTime,
				subscribeTimeIso: new Date(subscriber.SubscribeTime * 1000).toISOString(),
				customString: subscriber.CustomString,
				msgFlag: subscriber.MsgFlag,
				lastSendMessageTime: 0,
				lastSendMessageTimeIso: null,
			})),
		);
		expect(jsonOf(result.outputs[0])[1]).toMatchObject({ customString: '{"tier":"gold"}', msgFlag: 'Discard' });
		expect(typeof jsonOf(result.outputs[0])[0].subscribeTime).toBe('number');
		expect(String(jsonOf(result.outputs[0])[0].subscribeTimeIso)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/);
	});

	it('lists one account per item, each item with its own Limit, paired with its item; an empty account outputs nothing', async () => {
		emulator = await emulatorWith({ [NEWS]: ids('n', 7), [SPORTS]: ids('s', 3), '@TOA#_empty': [] });
		const result = await runList({
			emulator,
			input: [
				{ account: NEWS, limit: 4 },
				{ account: '@TOA#_empty', limit: 10 },
				{ account: SPORTS, limit: 10 },
			],
			parameters: { returnAll: false, limit: '={{ $json.limit }}' },
		});
		expect(result.status).toBe('success');
		expect(jsonOf(result.outputs[0]).map((json) => [json.officialAccount, json.subscriberId])).toEqual([
			...ids('n', 4).map((id) => [NEWS, id]),
			...ids('s', 3).map((id) => [SPORTS, id]),
		]);
		expect(pairedIndexes(result.outputs[0])).toEqual([0, 0, 0, 0, 2, 2, 2]);
	});
});

describe('Subscriber → Get Many: failures and On Error', () => {
	let emulator: TencentChatEmulator;
	beforeEach(async () => {
		emulator = await emulatorWith({ [NEWS]: ids('u', 450), [SPORTS]: ['s1'] });
	});
	afterEach(async () => await emulator.stop());

	const mixedInput = [{ account: SPORTS }, { account: GONE }, { account: SPORTS }];

	it('130004 with "Stop Workflow" fails the node naming the item, the account and the fix', async () => {
		const result = await runList({ emulator, input: mixedInput, parameters: { returnAll: true } });
		expect(result.status).toBe('error');
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toMatch(/Page 1 of the subscribers could not be read after 0 subscribers were read: .*does not exist.* \[item 1\]/);
		expect(result.error?.description).toMatch(/Official Account ID/);
		expect((result.error as { httpCode?: string }).httpCode).toBe('130004');
		expect(listCalls(emulator).filter((call) => bodyOf(call).Official_Account === GONE)).toHaveLength(1);
	});

	it('130004 with "Continue (using regular output)" gives that item an error item and lists the others', async () => {
		const result = await runList({ emulator, input: mixedInput, parameters: { returnAll: true }, onError: 'continueRegularOutput' });
		expect(result.status).toBe('success');
		const out = jsonOf(result.outputs[0]);
		expect(out.map((json) => json.subscriberId ?? 'error')).toEqual(['s1', 'error', 's1']);
		expect(out[1]).toMatchObject({ officialAccount: GONE, errorCode: '130004', readSoFar: 0, page: 1 });
		expect(String(out[1].error)).toMatch(/does not exist.*\[item 1\]/);
		expect(pairedIndexes(result.outputs[0])).toEqual([0, 1, 2]);
	});

	it('130004 with "Continue (using error output)" routes that item to output 2', async () => {
		const result = await runList({ emulator, input: mixedInput, parameters: { returnAll: true }, onError: 'continueErrorOutput' });
		expect(result.status).toBe('success');
		expect(jsonOf(result.outputs[0]).map((json) => json.subscriberId)).toEqual(['s1', 's1']);
		expect(pairedIndexes(result.outputs[0])).toEqual([0, 2]);
		expect(result.outputs[1]).toHaveLength(1);
		expect(result.outputs[1][0].json.details).toMatchObject({ officialAccount: GONE, errorCode: '130004' });
		expect(pairedIndexes(result.outputs[1])).toEqual([1]);
	});

	it('a page that fails midway fails the item saying how much was read, in each On Error mode', async () => {
		for (const onError of ['stopWorkflow', 'continueRegularOutput', 'continueErrorOutput'] as const) {
			emulator.resetCalls();
			emulator.script(COMMAND.getSubscriberInfo, ['ok', { errorCode: 20001 }]);
			const result = await runList({ emulator, parameters: { returnAll: true }, onError });
			const message = /Page 2 of the subscribers could not be read after 200 subscribers were read.*\[item 0\]/;
			expect(listCalls(emulator)).toHaveLength(2);
			if (onError === 'stopWorkflow') {
				expect(result.status).toBe('error');
				expect(result.error?.message).toMatch(message);
				expect(result.error?.description).toMatch(/read the list from the start/);
			} else {
				const failed = onError === 'continueRegularOutput' ? result.outputs[0] : result.outputs[1];
				expect(failed).toHaveLength(1);
				expect(String(failed[0].json.error)).toMatch(message);
				// What was read is not passed on as if it were the whole list.
				expect(result.outputs[0].every((item) => item.json.subscriberId === undefined)).toBe(true);
			}
		}
	});

	it('retries a page that failed for a passing reason and still lists everything once', async () => {
		emulator.script(COMMAND.getSubscriberInfo, ['ok', 'http502', { errorCode: 20005 }, 'ok', 'socketReset']);
		const result = await runList({ emulator, parameters: { returnAll: true } });
		expect(result.status).toBe('success');
		expect(listCalls(emulator).map((call) => call.outcome)).toEqual(['ok', 'http502', 'error', 'ok', 'socketReset', 'ok']);
		expect(jsonOf(result.outputs[0]).map((json) => json.subscriberId)).toEqual(ids('u', 450));
	});

	it('an invalid Official Account ID is that item\'s error; nothing is sent for it and the others are listed', async () => {
		const result = await runList({
			emulator,
			input: [{ account: SPORTS }, { account: 'sports' }, { account: '' }, { account: `@TOA#_${'a'.repeat(43)}` }],
			parameters: { returnAll: true },
			onError: 'continueRegularOutput',
		});
		const out = jsonOf(result.outputs[0]);
		expect(out[0]).toMatchObject({ subscriberId: 's1' });
		expect(out[1]).toEqual({
			error: 'Official Account ID "sports" does not start with @TOA#_ [item 1]',
			field: 'Official Account ID',
			reason: 'Official Account ID "sports" does not start with @TOA#_',
		});
		expect(out[2].error).toBe('Official Account ID is empty [item 2]');
		expect(String(out[3].error)).toMatch(/longer than 48 bytes \[item 3\]/);
		expect(listCalls(emulator).map((call) => bodyOf(call).Official_Account)).toEqual([SPORTS]);
	});

	it('without "continue", an invalid ID fails the node before anything is sent', async () => {
		const result = await runList({ emulator, input: [{ account: 'sports' }, { account: SPORTS }], parameters: { returnAll: true } });
		expect(result.status).toBe('error');
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toBe('Official Account ID "sports" does not start with @TOA#_ [item 0]');
		expect(listCalls(emulator)).toHaveLength(0);
	});

	it.each([...SECRET_SCENARIOS, ['a later page failing until retries run out', ['ok', 'http502', 'http502'] as ScriptedFault[]] as [string, ScriptedFault[]]])('no secret key or UserSig in anything %s leaves behind', async (_label, faults) => {
		await expectNoSecretsEitherWay(emulator, COMMAND.getSubscriberInfo, faults, async (onError) => await runList({ emulator, parameters: { returnAll: true }, options: { retries: 1 }, onError }));
	});
});
