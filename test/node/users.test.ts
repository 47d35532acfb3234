// User → Import (multiaccount_import) and User → Check (account_check) in the n8n engine against the emulator.
import type { IDataObject } from 'n8n-workflow';

import type { TencentChatEmulator } from '../emulator';
import { APP, callsOf, COMMAND, emulatorWith, expectNoSecretsEitherWay, ids, jsonOf, operationRunner, pairedIndexes, SECRET_SCENARIOS } from './fixtures';

const IMPORT = 'im_open_login_svc/multiaccount_import';
const CHECK = 'im_open_login_svc/account_check';
const NEWS = '@TOA#_news';

/** User → Import / Check with the IDs taken from each item's `ids` unless overridden. */
const runImport = operationRunner('user', 'import', { userIds: '={{ $json.ids }}' });
const runCheck = operationRunner('user', 'check', { userIds: '={{ $json.ids }}' });
const runAdd = operationRunner('subscriber', 'add', { officialAccount: NEWS, subscriberIds: '={{ $json.ids }}' });

/** The AccountList entries of every import call, call by call. */
function accountLists(emulator: TencentChatEmulator): IDataObject[][] {
	return callsOf(emulator, IMPORT).map((call) => ((call.body as IDataObject).AccountList as IDataObject[]) ?? []);
}

describe('User → Import', () => {
	let emulator: TencentChatEmulator;
	beforeEach(async () => {
		emulator = await emulatorWith({ [NEWS]: [] }, { failingImports: ['refused'] });
	});
	afterEach(async () => await emulator.stop());

	it("groups 250 IDs from 3 items into 3 calls of at most 100 in Tencent's new body form, one item per UserID", async () => {
		const all = ids('u', 250);
		const input = [all.slice(0, 90), all.slice(90, 170), all.slice(170)].map((chunk) => ({ ids: chunk }));
		const result = await runImport({ emulator, input });

		expect(result.status).toBe('success');
		const lists = accountLists(emulator);
		expect(lists.map((list) => list.length)).toEqual([100, 100, 50]);
		for (const call of callsOf(emulator, IMPORT)) expect(Object.keys(call.body as IDataObject)).toEqual(['AccountList']);
		expect(lists.flat()).toEqual(all.map((UserID) => ({ UserID })));
		expect(jsonOf(result.outputs[0])[0]).toEqual({ userId: 'u0001', status: 'imported' });
		expect(jsonOf(result.outputs[0]).every((json) => json.status === 'imported')).toBe(true);
		expect(pairedIndexes(result.outputs[0])).toEqual([...Array(90).fill(0), ...Array(80).fill(1), ...Array(80).fill(2)]);
		expect(all.every((id) => emulator.isImported(APP, id))).toBe(true);
	});

	it('honours a smaller Batch Size, and sends an ID named by two items once', async () => {
		const result = await runImport({ emulator, input: [{ ids: ids('b', 25) }, { ids: ['b0001', 'extra'] }], options: { batchSize: 10 } });
		expect(result.status).toBe('success');
		expect(accountLists(emulator).map((list) => list.length)).toEqual([10, 10, 6]);
		expect(jsonOf(result.outputs[0]).slice(-2)).toEqual([
			{ userId: 'b0001', status: 'imported' },
			{ userId: 'extra', status: 'imported' },
		]);
	});

	it('reads one UserID per item from an Input Field, with a Nickname and Avatar URL per item', async () => {
		const input = ids('f', 150).map((id) => ({ contact: { id }, name: `Name of ${id}`, photo: `https://example.com/${id}.png` }));
		const result = await runImport({
			emulator,
			input,
			parameters: { userIdsFrom: 'inputField', userIdField: 'contact.id', nickname: '={{ $json.name }}', faceUrl: '={{ $json.photo }}' },
		});
		expect(result.status).toBe('success');
		const lists = accountLists(emulator);
		expect(lists.map((list) => list.length)).toEqual([100, 50]);
		expect(lists[0][0]).toEqual({ UserID: 'f0001', Nick: 'Name of f0001', FaceUrl: 'https://example.com/f0001.png' });
		expect(emulator.userProfile(APP, 'f0150')).toEqual({ Nick: 'Name of f0150', FaceUrl: 'https://example.com/f0150.png' });
		expect(result.outputs[0]).toHaveLength(150);
		expect(pairedIndexes(result.outputs[0])).toEqual(input.map((_, i) => i));
	});

	it('imports a UserID that is already a user as a success, replacing its nickname', async () => {
		emulator.importUsers(APP, ['known']);
		const result = await runImport({ emulator, input: [{ ids: 'known' }], parameters: { nickname: 'Renamed' } });
		expect(result.status).toBe('success');
		expect(jsonOf(result.outputs[0])).toEqual([{ userId: 'known', status: 'imported' }]);
		expect(emulator.userProfile(APP, 'known')).toEqual({ Nick: 'Renamed' });
	});

	describe('Nickname and Avatar URL need an item with one UserID', () => {
		const input = [{ ids: 'solo', nick: 'Solo' }, { ids: 'p1, p2', nick: 'Pair' }, { ids: 'p3, p4', nick: '' }];

		it('without "continue": the item with two UserIDs and a nickname is a clear error', async () => {
			const result = await runImport({ emulator, input, parameters: { nickname: '={{ $json.nick }}' } });
			expect(result.status).toBe('error');
			expect(result.error?.name).toBe('NodeOperationError');
			expect(result.error?.message).toBe('Nickname applies to one user, but this item holds 2 UserIDs [item 1]');
			expect(result.error?.description).toMatch(/one UserID per item/);
			expect(emulator.isImported(APP, 'p1')).toBe(false);
		});

		it('with "continue": that item fails in place, the others are imported (an empty nickname does not count)', async () => {
			const result = await runImport({ emulator, input, parameters: { nickname: '={{ $json.nick }}' }, onError: 'continueRegularOutput' });
			expect(result.status).toBe('success');
			const out = jsonOf(result.outputs[0]);
			expect(out.map((json) => json.userId ?? json.field)).toEqual(['solo', 'Nickname', 'p3', 'p4']);
			expect(out[1].error).toBe('Nickname applies to one user, but this item holds 2 UserIDs [item 1]');
			expect(pairedIndexes(result.outputs[0])).toEqual([0, 1, 2, 2]);
			expect(accountLists(emulator).flat()).toEqual([{ UserID: 'solo', Nick: 'Solo' }, { UserID: 'p3' }, { UserID: 'p4' }]);
			expect(emulator.isImported(APP, 'p1')).toBe(false);
		});

		it('a Nickname that is not text is that item\'s error; a number is taken as text', async () => {
			const result = await runImport({
				emulator,
				input: [{ ids: 'o1', nick: { first: 'O' } }, { ids: 'n1', nick: 42 }],
				parameters: { nickname: '={{ $json.nick }}' },
				onError: 'continueRegularOutput',
			});
			const out = jsonOf(result.outputs[0]);
			expect(out[0]).toMatchObject({ field: 'Nickname', error: 'Nickname must be text, not an object [item 0]' });
			expect(out[1]).toEqual({ userId: 'n1', status: 'imported' });
			expect(accountLists(emulator).flat()).toEqual([{ UserID: 'n1', Nick: '42' }]);
		});

		it('Avatar URL alone follows the same rule', async () => {
			const result = await runImport({ emulator, input: [{ ids: 'a, b' }], parameters: { faceUrl: 'https://example.com/x.png' }, onError: 'continueRegularOutput' });
			expect(jsonOf(result.outputs[0])[0].error).toBe('Avatar URL applies to one user, but this item holds 2 UserIDs [item 0]');
			expect(callsOf(emulator, IMPORT)).toHaveLength(0);
		});
	});

	describe('FailAccounts and the three On Error modes', () => {
		const input = [{ ids: 'ok1, refused' }, { ids: 'ok2' }];

		it('stop: the node fails naming the UserID FailAccounts listed, after importing the rest', async () => {
			const result = await runImport({ emulator, input });
			expect(result.status).toBe('error');
			expect(result.error?.name).toBe('NodeApiError');
			expect(result.error?.message).toBe('1 user could not be imported: "refused" [item 0]');
			expect(result.error?.description).toMatch(/FailAccounts/);
			expect(result.error?.description).toMatch(/2 imported before the node stopped/);
			expect(emulator.isImported(APP, 'ok1')).toBe(true);
		});

		it('continue (regular output): the failure in place with its reason and code', async () => {
			const result = await runImport({ emulator, input, onError: 'continueRegularOutput' });
			expect(result.status).toBe('success');
			const out = jsonOf(result.outputs[0]);
			expect(out.map((json) => [json.userId, json.status])).toEqual([
				['ok1', 'imported'],
				['refused', 'failed'],
				['ok2', 'imported'],
			]);
			expect(out[1]).toMatchObject({ errorCode: 'FAIL_ACCOUNTS', error: expect.stringMatching(/^User "refused" was not imported: .*FailAccounts.*\[item 0\]$/) });
			expect(out[1]).not.toHaveProperty('result');
		});

		it('continue (error output): the failure on output 2, linked to its item', async () => {
			const result = await runImport({ emulator, input, onError: 'continueErrorOutput' });
			expect(result.status).toBe('success');
			expect(jsonOf(result.outputs[0]).map((json) => json.userId)).toEqual(['ok1', 'ok2']);
			expect(pairedIndexes(result.outputs[0])).toEqual([0, 1]);
			expect(result.outputs[1]).toHaveLength(1);
			expect(result.outputs[1][0].json.details).toMatchObject({ userId: 'refused', status: 'failed', errorCode: 'FAIL_ACCOUNTS' });
			expect(pairedIndexes(result.outputs[1])).toEqual([0]);
		});

		it('the summary output counts imported and failed per input item', async () => {
			const result = await runImport({ emulator, input, options: { output: 'summary' }, onError: 'continueRegularOutput' });
			expect(jsonOf(result.outputs[0])).toEqual([
				{ requested: 2, imported: 1, failed: 1, failures: [{ userId: 'refused', reason: expect.stringMatching(/FailAccounts/), errorCode: 'FAIL_ACCOUNTS' }] },
				{ requested: 1, imported: 1, failed: 0, failures: [] },
			]);
		});
	});

	it.each(SECRET_SCENARIOS)('leaves no secret behind: %s', async (_, faults) => {
		await expectNoSecretsEitherWay(emulator, IMPORT, faults, async (onError) => await runImport({ emulator, input: [{ ids: 's1, s2' }], onError, options: { retries: 1 } }));
	});
});

describe('User → Check', () => {
	let emulator: TencentChatEmulator;
	afterEach(async () => await emulator.stop());

	it('answers { userId, imported } per UserID, grouping 250 IDs into calls of at most 100', async () => {
		emulator = await emulatorWith({});
		const all = ids('c', 250);
		emulator.importUsers(APP, all.filter((_, i) => i % 2 === 0));
		const result = await runCheck({ emulator, input: [{ ids: all.slice(0, 120) }, { ids: all.slice(120) }] });

		expect(result.status).toBe('success');
		const calls = callsOf(emulator, CHECK);
		expect(calls.map((call) => ((call.body as IDataObject).CheckItem as IDataObject[]).length)).toEqual([100, 100, 50]);
		expect((calls[0].body as IDataObject).CheckItem).toEqual(all.slice(0, 100).map((UserID) => ({ UserID })));
		const out = jsonOf(result.outputs[0]);
		expect(out).toHaveLength(250);
		expect(out.slice(0, 2)).toEqual([
			{ userId: 'c0001', imported: true },
			{ userId: 'c0002', imported: false },
		]);
		expect(out.filter((json) => json.imported === true)).toHaveLength(125);
		expect(pairedIndexes(result.outputs[0])).toEqual([...Array(120).fill(0), ...Array(130).fill(1)]);
	});

	it('reads an Input Field, and reports an invalid UserID without a call for it', async () => {
		emulator = await emulatorWith({});
		const result = await runCheck({
			emulator,
			input: [{ user: 'administrator' }, { user: 'x'.repeat(33) }, { user: 'stranger' }],
			parameters: { userIdsFrom: 'inputField', userIdField: 'user' },
			onError: 'continueRegularOutput',
		});
		const out = jsonOf(result.outputs[0]);
		expect(out[0]).toEqual({ userId: 'administrator', imported: true });
		expect(out[1]).toMatchObject({ errorCode: 'INVALID_ID', error: expect.stringMatching(/longer than 32 bytes/) });
		expect(out[2]).toEqual({ userId: 'stranger', imported: false });
		expect(callsOf(emulator, CHECK).flatMap((call) => (call.body as IDataObject).CheckItem as IDataObject[])).toEqual([{ UserID: 'administrator' }, { UserID: 'stranger' }]);
	});
});

describe('Add needs an imported user: Add, then Import, then Add', () => {
	let emulator: TencentChatEmulator;
	afterEach(async () => await emulator.stop());

	it('a never-imported UserID fails to subscribe with advice to import, and subscribes once imported', async () => {
		emulator = await emulatorWith({ [NEWS]: [] }, { subscribersMustBeImported: true });
		const first = await runAdd({ emulator, input: [{ ids: 'newcomer' }] });
		expect(first.status).toBe('error');
		expect(first.error?.message).toMatch(/"newcomer"/);
		expect(first.error?.description).toMatch(/User → Import/);

		const imported = await runImport({ emulator, input: [{ ids: 'newcomer' }] });
		expect(jsonOf(imported.outputs[0])).toEqual([{ userId: 'newcomer', status: 'imported' }]);

		const second = await runAdd({ emulator, input: [{ ids: 'newcomer' }] });
		expect(second.status).toBe('success');
		expect(jsonOf(second.outputs[0])).toEqual([{ officialAccount: NEWS, subscriberId: 'newcomer', result: 1, status: 'added' }]);
		expect(emulator.subscribers(APP, NEWS)).toEqual(['newcomer']);
		expect(callsOf(emulator, COMMAND.addSubscriber)).toHaveLength(2);
	});
});
