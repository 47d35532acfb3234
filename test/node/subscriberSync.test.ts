// Subscriber → Sync in the n8n engine against the emulator: the difference, made once; the safety rules;
// the modes; Input Field; a subscriber who joins mid-read; per-ID failures in every On Error mode; a failing page.
import type { IDataObject } from 'n8n-workflow';

import type { TencentChatEmulator } from '../emulator';
import { APP, callsOf, COMMAND, DELETE_COMMAND, ids, jsonOf, pairedIndexes } from './fixtures';
import { addedIds, changes, emulatorSeededEarlier, pageCalls, removedIds, runSync, sorted } from './syncFixtures';

const NEWS = '@TOA#_news';
const SPORTS = '@TOA#_sports';

/** 300 current c0001…c0300; the list keeps c0101…c0300 and brings n0001…n0100: 100 in, 100 out. */
const CURRENT = ids('c', 300);
const KEPT = CURRENT.slice(100);
const NEW = ids('n', 100);
const WANTED = [...KEPT, ...NEW];
const wantedInput = (account = NEWS) => [
	{ account, ids: WANTED.slice(0, 100) },
	{ account, ids: WANTED.slice(100, 200) },
	{ account, ids: WANTED.slice(200) },
];

describe('Subscriber → Sync: the difference', () => {
	let emulator: TencentChatEmulator;
	afterEach(async () => await emulator.stop());

	it('300 current and 300 wanted, 100 in and 100 out: exactly the wanted set, each change made once', async () => {
		emulator = await emulatorSeededEarlier({ [NEWS]: CURRENT });
		const result = await runSync({ emulator, input: wantedInput() });

		expect(result.status).toBe('success');
		expect(emulator.subscribers(APP, NEWS)).toEqual(sorted(WANTED));
		expect(sorted(addedIds(emulator))).toEqual(NEW);
		expect(sorted(removedIds(emulator))).toEqual(CURRENT.slice(0, 100));
		expect(pageCalls(emulator)).toHaveLength(2);
		for (const call of [...emulator.calls].filter((c) => c.command === COMMAND.addSubscriber || c.command === DELETE_COMMAND)) {
			expect((call.body as IDataObject).Official_Account).toBe(NEWS);
		}
		const out = jsonOf(result.outputs[0]);
		expect(out).toHaveLength(200);
		expect(out[0]).toEqual({ officialAccount: NEWS, subscriberId: 'n0001', action: 'add', status: 'added' });
		expect(out[100]).toEqual({ officialAccount: NEWS, subscriberId: 'c0001', action: 'remove', status: 'deleted' });
		// An add pairs with the item that named the ID (n… are in items 2 and 3), a removal with the account's first item.
		expect(pairedIndexes(result.outputs[0])).toEqual([...Array(100).fill(2), ...Array(100).fill(0)]);
	});

	it('a dry run changes nothing and reports the plan the real run then carries out', async () => {
		emulator = await emulatorSeededEarlier({ [NEWS]: CURRENT });
		const dry = await runSync({ emulator, input: wantedInput(), options: { dryRun: true } });

		expect(dry.status).toBe('success');
		expect(addedIds(emulator)).toEqual([]);
		expect(removedIds(emulator)).toEqual([]);
		expect(emulator.subscribers(APP, NEWS)).toEqual(CURRENT);
		const planned = jsonOf(dry.outputs[0]);
		expect(planned.every((json) => json.status === 'planned')).toBe(true);

		const real = await runSync({ emulator, input: wantedInput() });
		expect(jsonOf(real.outputs[0]).map((json) => [json.subscriberId, json.action])).toEqual(planned.map((json) => [json.subscriberId, json.action]));
		expect(emulator.subscribers(APP, NEWS)).toEqual(sorted(WANTED));
	});

	it('Summary per Account counts the plan and what was done; a dry run says so', async () => {
		emulator = await emulatorSeededEarlier({ [NEWS]: CURRENT });
		const dry = await runSync({ emulator, input: wantedInput(), options: { output: 'summary', dryRun: true } });
		expect(jsonOf(dry.outputs[0])).toEqual([
			{ officialAccount: NEWS, before: 300, wanted: 300, toAdd: 100, toRemove: 100, added: 0, removed: 0, failed: 0, dryRun: true, failures: [] },
		]);
		const real = await runSync({ emulator, input: wantedInput(), options: { output: 'summary' } });
		expect(jsonOf(real.outputs[0])).toEqual([
			{ officialAccount: NEWS, before: 300, wanted: 300, toAdd: 100, toRemove: 100, added: 100, removed: 100, failed: 0, dryRun: false, failures: [] },
		]);
		expect(pairedIndexes(real.outputs[0])).toEqual([0]);
	});

	it('syncs each account named by the items with its own list; a second run changes nothing', async () => {
		emulator = await emulatorSeededEarlier({ [NEWS]: ['a', 'b'], [SPORTS]: ['x', 'y'] });
		const input = [
			{ account: NEWS, ids: 'a, c' },
			{ account: SPORTS, ids: 'y' },
			{ account: NEWS, ids: 'd' },
		];
		const result = await runSync({ emulator, input });

		expect(result.status).toBe('success');
		expect(emulator.subscribers(APP, NEWS)).toEqual(['a', 'c', 'd']);
		expect(emulator.subscribers(APP, SPORTS)).toEqual(['y']);
		expect(changes(result.outputs[0])).toEqual([
			['c', 'add', 'added'],
			['d', 'add', 'added'],
			['b', 'remove', 'deleted'],
			['x', 'remove', 'deleted'],
		]);
		expect(pairedIndexes(result.outputs[0])).toEqual([0, 2, 0, 1]);

		emulator.resetCalls();
		const again = await runSync({ emulator, input });
		expect(again.outputs[0]).toEqual([]);
		expect([...addedIds(emulator), ...removedIds(emulator)]).toEqual([]);
	});
});

describe('Subscriber → Sync: safety before any change', () => {
	let emulator: TencentChatEmulator;
	afterEach(async () => await emulator.stop());

	it.each(['stopWorkflow', 'continueRegularOutput'] as const)('an empty wanted list is refused whatever the options say (%s)', async (onError) => {
		emulator = await emulatorSeededEarlier({ [NEWS]: CURRENT });
		const result = await runSync({ emulator, input: [{ account: NEWS, ids: [] }], onError, options: { maxRemovals: 100000 }, parameters: { mode: 'removeOnly' } });

		expect(addedIds(emulator)).toEqual([]);
		expect(removedIds(emulator)).toEqual([]);
		expect(emulator.subscribers(APP, NEWS)).toEqual(CURRENT);
		const message = onError === 'stopWorkflow' ? String(result.error?.message) : String(jsonOf(result.outputs[0])[0].error);
		expect(message).toMatch(/Nothing was changed on @TOA#_news: its list of wanted subscribers is empty \[item 0\]/);
		if (onError === 'stopWorkflow') {
			expect(result.status).toBe('error');
			expect(String((result.error as { description?: string }).description)).toMatch(/Subscriber > Delete/);
		}
	});

	it('a list of only invalid IDs counts as empty', async () => {
		emulator = await emulatorSeededEarlier({ [NEWS]: CURRENT });
		const result = await runSync({ emulator, input: [{ account: NEWS, ids: ['x'.repeat(40)] }], onError: 'continueRegularOutput' });
		expect(removedIds(emulator)).toEqual([]);
		expect(String(jsonOf(result.outputs[0])[0].error)).toMatch(/list of wanted subscribers is empty/);
	});

	it('a sync over Max Removals changes nothing (not even its adds) and says how many and how to raise it', async () => {
		emulator = await emulatorSeededEarlier({ [NEWS]: CURRENT });
		const result = await runSync({ emulator, input: wantedInput(), options: { maxRemovals: 99 } });

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('Nothing was changed on @TOA#_news: the sync would remove 100 subscribers, more than Max Removals (99) [item 0]');
		expect(String((result.error as { description?: string }).description)).toMatch(/set Options > Max Removals to 100 or more/);
		expect(addedIds(emulator)).toEqual([]);
		expect(removedIds(emulator)).toEqual([]);
		expect(emulator.subscribers(APP, NEWS)).toEqual(CURRENT);
	});

	it('with "continue", the account over Max Removals is refused and the other account is synced', async () => {
		emulator = await emulatorSeededEarlier({ [NEWS]: CURRENT, [SPORTS]: ['x', 'y'] });
		const input = [...wantedInput(), { account: SPORTS, ids: 'y, z' }];
		const result = await runSync({ emulator, input, options: { maxRemovals: 99 }, onError: 'continueRegularOutput' });

		expect(result.status).toBe('success');
		expect(emulator.subscribers(APP, NEWS)).toEqual(CURRENT);
		expect(emulator.subscribers(APP, SPORTS)).toEqual(['y', 'z']);
		const out = jsonOf(result.outputs[0]);
		expect(out[0]).toMatchObject({ officialAccount: NEWS, status: 'refused' });
		expect(String(out[0].error)).toMatch(/would remove 100 subscribers/);
		expect(changes(result.outputs[0]).slice(1)).toEqual([
			['z', 'add', 'added'],
			['x', 'remove', 'deleted'],
		]);
	});

	it('an item whose IDs cannot be read stops the sync of its account before any change', async () => {
		emulator = await emulatorSeededEarlier({ [NEWS]: CURRENT });
		const result = await runSync({ emulator, input: [...wantedInput(), { account: NEWS, ids: { not: 'a list' } }], onError: 'continueRegularOutput' });
		expect(removedIds(emulator)).toEqual([]);
		expect(addedIds(emulator)).toEqual([]);
		expect(String(jsonOf(result.outputs[0])[0].error)).toMatch(/Nothing was changed on @TOA#_news: the subscriber IDs of an item could not be read.*\[item 3\]/);
	});
});

describe('Subscriber → Sync: modes and input', () => {
	let emulator: TencentChatEmulator;
	afterEach(async () => await emulator.stop());

	it('Add Missing Only adds and removes no one', async () => {
		emulator = await emulatorSeededEarlier({ [NEWS]: CURRENT });
		const result = await runSync({ emulator, input: wantedInput(), parameters: { mode: 'addOnly' } });
		expect(result.status).toBe('success');
		expect(removedIds(emulator)).toEqual([]);
		expect(sorted(addedIds(emulator))).toEqual(NEW);
		expect(emulator.subscribers(APP, NEWS)).toEqual(sorted([...CURRENT, ...NEW]));
	});

	it('Remove Others Only removes and adds no one', async () => {
		emulator = await emulatorSeededEarlier({ [NEWS]: CURRENT });
		const result = await runSync({ emulator, input: wantedInput(), parameters: { mode: 'removeOnly' } });
		expect(result.status).toBe('success');
		expect(addedIds(emulator)).toEqual([]);
		expect(sorted(removedIds(emulator))).toEqual(CURRENT.slice(0, 100));
		expect(emulator.subscribers(APP, NEWS)).toEqual(KEPT);
	});

	it('Input Field with 5 000 one-ID items: reads every page, adds 300, removes 100, each once', async () => {
		const current = ids('u', 4800);
		const wanted = [...current.slice(100), ...ids('v', 300)];
		emulator = await emulatorSeededEarlier({ [NEWS]: current });
		const result = await runSync({
			emulator,
			input: wanted.map((id) => ({ account: NEWS, contact: { imUserId: id } })),
			parameters: { subscriberIdsFrom: 'inputField', subscriberIdField: 'contact.imUserId' },
		});

		expect(result.status).toBe('success');
		expect(emulator.subscribers(APP, NEWS)).toEqual(sorted(wanted));
		expect(sorted(addedIds(emulator))).toEqual(ids('v', 300));
		expect(sorted(removedIds(emulator))).toEqual(current.slice(0, 100));
		expect(pageCalls(emulator)).toHaveLength(24);
		const out = jsonOf(result.outputs[0]);
		expect(out).toHaveLength(400);
		expect(pairedIndexes(result.outputs[0]).slice(0, 3)).toEqual([4700, 4701, 4702]);
	});

	it('a subscriber who joins between two pages of the read is not removed', async () => {
		let late: (() => void) | undefined;
		emulator = await emulatorSeededEarlier(
			{ [NEWS]: CURRENT },
			{ onCall: (call) => call.command === COMMAND.getSubscriberInfo && late?.() },
		);
		late = () => {
			late = undefined;
			emulator.addSubscribers(APP, NEWS, ['zz-late']);
		};
		const result = await runSync({ emulator, input: wantedInput() });

		expect(result.status).toBe('success');
		// The read saw the newcomer on its second page, and the sync left it alone.
		const secondPage = (pageCalls(emulator)[1].reply as IDataObject).SubscriberList as IDataObject[];
		expect(secondPage.map((entry) => entry.Subscriber_Account)).toContain('zz-late');
		expect(removedIds(emulator)).not.toContain('zz-late');
		expect(emulator.subscribers(APP, NEWS)).toEqual(sorted([...WANTED, 'zz-late']));
	});
});

describe('Subscriber → Sync: failures', () => {
	let emulator: TencentChatEmulator;
	afterEach(async () => await emulator.stop());

	const scriptFailures = () => {
		emulator.script(COMMAND.addSubscriber, [{ resultZero: ['n0005'] }]);
		emulator.script(DELETE_COMMAND, [{ resultZero: ['c0003'] }]);
	};

	it('without "continue", a failed add or removal fails the node naming it, after the rest was done', async () => {
		emulator = await emulatorSeededEarlier({ [NEWS]: CURRENT });
		scriptFailures();
		const result = await runSync({ emulator, input: wantedInput() });

		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/^2 subscriber changes failed on @TOA#_news: "n0005" \(add\), "c0003" \(remove\) \[item 2\]$/);
		expect(String((result.error as { description?: string }).description)).toMatch(/99 added and 99 removed before the node stopped.*Run the sync again/);
		expect(emulator.subscribers(APP, NEWS)).toEqual(sorted([...WANTED.filter((id) => id !== 'n0005'), 'c0003']));
	});

	it('with "Continue (using regular output)", failed changes are items with their error, beside the rest', async () => {
		emulator = await emulatorSeededEarlier({ [NEWS]: CURRENT });
		scriptFailures();
		const result = await runSync({ emulator, input: wantedInput(), onError: 'continueRegularOutput' });

		expect(result.status).toBe('success');
		const out = jsonOf(result.outputs[0]);
		expect(out).toHaveLength(200);
		const failed = out.filter((json) => json.status === 'failed');
		expect(failed.map((json) => [json.subscriberId, json.action, json.errorCode])).toEqual([
			['n0005', 'add', 'RESULT_0'],
			['c0003', 'remove', 'RESULT_0'],
		]);
		expect(String(failed[0].error)).toMatch(/Subscriber "n0005" was not added to @TOA#_news: .*\[item 2\]/);
		expect(String(failed[1].error)).toMatch(/Subscriber "c0003" was not removed from @TOA#_news: .*\[item 0\]/);
	});

	it('with "Continue (using error output)", failed changes go to the error output', async () => {
		emulator = await emulatorSeededEarlier({ [NEWS]: CURRENT });
		scriptFailures();
		const result = await runSync({ emulator, input: wantedInput(), onError: 'continueErrorOutput' });

		expect(result.status).toBe('success');
		expect(result.outputs[0]).toHaveLength(198);
		const errors = jsonOf(result.outputs[1]);
		expect(errors.map((json) => (json.details as IDataObject).subscriberId)).toEqual(['n0005', 'c0003']);
		expect(errors[0]).toMatchObject({ details: { officialAccount: NEWS, action: 'add', status: 'failed', errorCode: 'RESULT_0' } });
	});

	it('a page that still fails after its retries stops the sync of that account before any change', async () => {
		emulator = await emulatorSeededEarlier({ [NEWS]: CURRENT });
		emulator.script(COMMAND.getSubscriberInfo, ['ok', { errorCode: 20001, errorInfo: 'bad request' }]);
		const result = await runSync({ emulator, input: wantedInput(), options: { retries: 0 } });

		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/^Nothing was changed on @TOA#_news: Page 2 of the subscribers could not be read after 200 subscribers were read: .*\[item 0\]$/);
		expect([...addedIds(emulator), ...removedIds(emulator)]).toEqual([]);
		expect(emulator.subscribers(APP, NEWS)).toEqual(CURRENT);
	});

	it('with "continue", an account whose read fails is refused and the other account syncs', async () => {
		emulator = await emulatorSeededEarlier({ [SPORTS]: ['x'] });
		const input = [{ account: '@TOA#_missing', ids: 'a, b' }, { account: SPORTS, ids: 'y' }];
		const result = await runSync({ emulator, input, onError: 'continueRegularOutput' });

		expect(result.status).toBe('success');
		expect(emulator.subscribers(APP, SPORTS)).toEqual(['y']);
		expect(callsOf(emulator, COMMAND.addSubscriber).map((call) => (call.body as IDataObject).Official_Account)).toEqual([SPORTS]);
		const out = jsonOf(result.outputs[0]);
		expect(out[0]).toMatchObject({ officialAccount: '@TOA#_missing', status: 'refused' });
		expect(String(out[0].error)).toMatch(/^Nothing was changed on @TOA#_missing: Page 1 of the subscribers could not be read/);
		expect(changes(result.outputs[0]).slice(1)).toEqual([
			['y', 'add', 'added'],
			['x', 'remove', 'deleted'],
		]);
	});
});
