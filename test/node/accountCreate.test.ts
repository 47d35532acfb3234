// Official Account → Create (create_official_account) in the n8n engine against the emulator.
import type { IDataObject } from 'n8n-workflow';

import type { TencentChatEmulator } from '../emulator';
import type { OnError } from '../engine/runNode';
import { bodiesOf, callsOf, COMMAND, everythingStored, expectNoSecrets, runOperation } from './accountFixtures';
import { APP, emulatorWith, jsonOf, pairedIndexes } from './fixtures';

const TAKEN = '@TOA#_taken';
const OWNER = 'owner001';

/** Create with item fields mapped by plain expressions (read straight from the item). */
async function create(emulator: TencentChatEmulator, input: IDataObject[], extra: { onError?: OnError; options?: IDataObject; additionalFields?: IDataObject } = {}) {
	return await runOperation('officialAccount', 'create', {
		emulator,
		input,
		onError: extra.onError,
		parameters: {
			owner: '={{ $json.owner }}',
			name: '={{ $json.name }}',
			customId: '={{ $json.customId }}',
			additionalFields: extra.additionalFields ?? {},
			options: extra.options ?? {},
		},
	});
}

describe('Official Account → Create', () => {
	let emulator: TencentChatEmulator;
	beforeEach(async () => {
		emulator = await emulatorWith({ [TAKEN]: [] });
		emulator.importUsers(APP, [OWNER]);
	});
	afterEach(async () => await emulator.stop());

	it('creates accounts with a custom or an assigned ID and outputs the new ID with the fields sent', async () => {
		const result = await runOperation('officialAccount', 'create', {
			emulator,
			input: [{ id: '@TOA#_news' }, { id: '' }],
			parameters: {
				owner: OWNER,
				name: 'Store News 商店',
				customId: '={{ $json.id }}',
				additionalFields: { introduction: 'Weekly offers', faceUrl: 'https://example.com/a.png', organization: 'Store Ltd', customString: '{"tier":1}', maxSubscribers: 500 },
			},
		});

		expect(result.status).toBe('success');
		const [custom, assigned] = jsonOf(result.outputs[0]);
		const sentFields = { owner: OWNER, name: 'Store News 商店', introduction: 'Weekly offers', faceUrl: 'https://example.com/a.png', organization: 'Store Ltd', customString: '{"tier":1}', maxSubscribers: 500 };
		expect(custom).toEqual({ officialAccount: '@TOA#_news', ...sentFields });
		expect(assigned).toEqual({ officialAccount: expect.stringMatching(/^@TOA#_@TOA#/), ...sentFields });
		expect(pairedIndexes(result.outputs[0])).toEqual([0, 1]);

		expect(emulator.account(APP, '@TOA#_news')).toMatchObject({ Owner_Account: OWNER, Name: 'Store News 商店', Introduction: 'Weekly offers', Organization: 'Store Ltd', MaxSubscriberNum: 500 });
		expect(emulator.account(APP, String(assigned.officialAccount))).toMatchObject({ Name: 'Store News 商店', CustomString: '{"tier":1}' });
		// No custom ID field at all when none was given, and the documented field names otherwise.
		const [withId, withoutId] = bodiesOf(emulator, COMMAND.create).sort((a) => (a.OfficialAccountUserID ? -1 : 1));
		expect(withId.OfficialAccountUserID).toBe('@TOA#_news');
		expect(Object.keys(withoutId).sort()).toEqual(['CustomString', 'FaceUrl', 'Introduction', 'MaxSubscriberNum', 'Name', 'Organization', 'Owner_Account']);
	});

	it('sends only Owner and Name when no optional field is set', async () => {
		const result = await create(emulator, [{ owner: OWNER, name: 'Plain' }]);
		expect(jsonOf(result.outputs[0])).toEqual([{ officialAccount: expect.stringMatching(/^@TOA#_@TOA#/), owner: OWNER, name: 'Plain' }]);
		expect(bodiesOf(emulator, COMMAND.create)).toEqual([{ Owner_Account: OWNER, Name: 'Plain' }]);
	});

	it('runs items concurrently through one client, output in input order', async () => {
		emulator.setLatency(40);
		const input = Array.from({ length: 12 }, (_, i) => ({ owner: OWNER, name: `Account ${i}`, customId: `@TOA#_c${String(i).padStart(2, '0')}` }));
		const result = await create(emulator, input);
		expect(jsonOf(result.outputs[0]).map((json) => json.officialAccount)).toEqual(input.map((item) => item.customId));
		expect(pairedIndexes(result.outputs[0])).toEqual(input.map((_, i) => i));
		const calls = callsOf(emulator, COMMAND.create);
		expect(calls).toHaveLength(12);
		// A later call arrived before an earlier one was answered: the items did not wait for each other.
		expect(calls.some((call, i) => i > 0 && call.atMs < (calls[0].repliedAtMs ?? 0))).toBe(true);
	});

	describe('checks before sending', () => {
		const bad: Array<[string, IDataObject, IDataObject, RegExp, string]> = [
			['an empty Owner', { owner: '', name: 'A' }, {}, /^Owner is empty \[item 1\]$/, 'Owner'],
			['a non-ASCII Owner', { owner: 'usér', name: 'A' }, {}, /Owner "usér" contains characters other than printable ASCII \[item 1\]/, 'Owner'],
			['an empty Name', { owner: OWNER, name: '  ' }, {}, /Name is empty \[item 1\]/, 'Name'],
			// 51 Chinese characters are 51 characters but 153 bytes.
			['a Name over 150 bytes in UTF-8', { owner: OWNER, name: '商'.repeat(51) }, {}, /Name is 153 bytes long in UTF-8; Tencent Chat allows at most 150 bytes.*\[item 1\]/, 'Name'],
			['a Custom ID without the prefix', { owner: OWNER, name: 'A', customId: 'news' }, {}, /Custom ID: Official Account ID "news" does not start with @TOA#_ \[item 1\]/, 'Custom ID'],
			['a Custom ID in the reserved range', { owner: OWNER, name: 'A', customId: '@TOA#_@TOA#abc' }, {}, /Custom ID "@TOA#_@TOA#abc" starts with @TOA#_@TOA#.*\[item 1\]/, 'Custom ID'],
			['a Custom ID that is only the prefix', { owner: OWNER, name: 'A', customId: '@TOA#_' }, {}, /Custom ID needs characters after @TOA#_ \[item 1\]/, 'Custom ID'],
			['a Custom ID over 48 bytes', { owner: OWNER, name: 'A', customId: `@TOA#_${'x'.repeat(43)}` }, {}, /longer than 48 bytes \[item 1\]/, 'Custom ID'],
			['an Introduction over 400 bytes', { owner: OWNER, name: 'A' }, { introduction: 'é'.repeat(201) }, /Additional Fields → Introduction is 402 bytes long in UTF-8; Tencent Chat allows at most 400 bytes.*\[item 1\]/, 'Additional Fields → Introduction'],
			['an Avatar URL over 500 bytes', { owner: OWNER, name: 'A' }, { faceUrl: `https://e.com/${'a'.repeat(487)}` }, /Avatar URL is 501 bytes long.*at most 500 bytes.*\[item 1\]/, 'Additional Fields → Avatar URL'],
			['an Organization over 500 bytes', { owner: OWNER, name: 'A' }, { organization: '组'.repeat(167) }, /Organization is 501 bytes long.*at most 500.*\[item 1\]/, 'Additional Fields → Organization'],
			['a Custom String over 3000 bytes', { owner: OWNER, name: 'A' }, { customString: '😀'.repeat(751) }, /Custom String is 3004 bytes long.*at most 3000.*\[item 1\]/, 'Additional Fields → Custom String'],
			['Max Subscribers of 0', { owner: OWNER, name: 'A' }, { maxSubscribers: 0 }, /Max Subscribers must be a whole number from 1 to 2147483647, not "0" \[item 1\]/, 'Additional Fields → Max Subscribers'],
			['Max Subscribers that is not whole', { owner: OWNER, name: 'A' }, { maxSubscribers: 2.5 }, /Max Subscribers must be a whole number.*\[item 1\]/, 'Additional Fields → Max Subscribers'],
		];

		it.each(bad)('%s is that item\'s error; nothing is sent for it, the good items proceed', async (_label, item, additional, message, field) => {
			// The optional fields come from the item, so only the bad item carries the bad value.
			const additionalFields = Object.fromEntries(Object.keys(additional).map((key) => [key, `={{ $json.extra.${key} }}`]));
			const input = [
				{ owner: OWNER, name: 'Good 0', customId: '@TOA#_good0', extra: { introduction: 'ok', faceUrl: 'ok', organization: 'ok', customString: 'ok', maxSubscribers: 10 } },
				{ customId: '', ...item, extra: additional },
				{ owner: OWNER, name: 'Good 2', customId: '@TOA#_good2', extra: { introduction: 'ok', faceUrl: 'ok', organization: 'ok', customString: 'ok', maxSubscribers: 10 } },
			];
			const result = await create(emulator, input, { onError: 'continueRegularOutput', additionalFields });

			expect(result.status).toBe('success');
			const out = jsonOf(result.outputs[0]);
			expect(out.map((json) => json.officialAccount ?? null)).toEqual(['@TOA#_good0', null, '@TOA#_good2']);
			expect(String(out[1].error)).toMatch(message);
			expect(out[1].field).toBe(field);
			expect(pairedIndexes(result.outputs[0])).toEqual([0, 1, 2]);
			expect(bodiesOf(emulator, COMMAND.create).map((body) => body.Name).sort()).toEqual(['Good 0', 'Good 2']);
		});

		it('without "continue", the first bad item fails the node and no later item is sent', async () => {
			const input = [
				{ owner: OWNER, name: 'Good', customId: '@TOA#_first' },
				{ owner: OWNER, name: '商'.repeat(51) },
				{ owner: OWNER, name: 'Later', customId: '@TOA#_later' },
			];
			const result = await create(emulator, input);
			expect(result.status).toBe('error');
			expect(result.error?.name).toBe('NodeOperationError');
			expect(result.error?.message).toMatch(/^Name is 153 bytes long in UTF-8.*\[item 1\]$/);
			expect(result.error?.description).toMatch(/1 to 150 bytes/);
			expect(result.error?.description).toMatch(/succeeded before the node stopped/);
			// The item before may have gone out already (calls start while items are read); none after it did.
			expect(bodiesOf(emulator, COMMAND.create).map((body) => body.Name)).not.toContain('Later');
			expect(emulator.account(APP, '@TOA#_later')).toBeUndefined();
		});
	});

	describe('Tencent Chat codes', () => {
		const input = [
			{ owner: OWNER, name: 'First', customId: '@TOA#_first' },
			{ owner: OWNER, name: 'Clash', customId: TAKEN },
			{ owner: OWNER, name: 'Third', customId: '@TOA#_third' },
		];

		it('130008 without "continue": "that ID is taken", naming the item', async () => {
			const result = await create(emulator, input);
			expect(result.status).toBe('error');
			expect(result.error?.name).toBe('NodeApiError');
			expect(result.error?.message).toMatch(/^Could not create the official account: That official account ID is taken.*\[item 1\]$/);
			expect(result.error?.description).toMatch(/Choose another Custom ID, or leave it empty/);
			expect((result.error as { httpCode?: string }).httpCode).toBe('130008');
			expect(emulator.account(APP, TAKEN)?.Name).toBe('taken');
		});

		it('130008 with "Continue (using regular output)": the failed item in place, the others created', async () => {
			const result = await create(emulator, input, { onError: 'continueRegularOutput' });
			const out = jsonOf(result.outputs[0]);
			expect(out.map((json) => json.officialAccount ?? null)).toEqual(['@TOA#_first', null, '@TOA#_third']);
			expect(out[1]).toMatchObject({ name: 'Clash', customId: TAKEN, errorCode: '130008', error: expect.stringMatching(/ID is taken.*\[item 1\]/) });
			expect(pairedIndexes(result.outputs[0])).toEqual([0, 1, 2]);
		});

		it('130008 with "Continue (using error output)": the failed item on output 2', async () => {
			const result = await create(emulator, input, { onError: 'continueErrorOutput' });
			expect(jsonOf(result.outputs[0]).map((json) => json.officialAccount)).toEqual(['@TOA#_first', '@TOA#_third']);
			expect(pairedIndexes(result.outputs[0])).toEqual([0, 2]);
			expect(result.outputs[1]).toHaveLength(1);
			expect(result.outputs[1][0].json).toEqual({
				error: expect.stringMatching(/ID is taken.*\[item 1\]/),
				details: expect.objectContaining({ customId: TAKEN, errorCode: '130008' }),
			});
			expect(pairedIndexes(result.outputs[1])).toEqual([1]);
		});

		it('130008 for the ID of a destroyed account too', async () => {
			await runOperation('officialAccount', 'delete', { emulator, input: [{}], parameters: { officialAccount: TAKEN } });
			const result = await create(emulator, [{ owner: OWNER, name: 'Again', customId: TAKEN }], { onError: 'continueRegularOutput' });
			expect(jsonOf(result.outputs[0])[0]).toMatchObject({ errorCode: '130008' });
		});

		it('20006 when the Before Create callback refuses the account', async () => {
			await emulator.stop();
			emulator = await emulatorWith({}, { callbacks: { after: () => undefined, before: async () => ({ ActionStatus: 'OK', ErrorCode: 1, ErrorInfo: 'no' }) } });
			const result = await create(emulator, [{ owner: 'administrator', name: 'Vetoed' }], { onError: 'continueRegularOutput' });
			const [out] = jsonOf(result.outputs[0]);
			expect(out).toMatchObject({ errorCode: '20006', error: expect.stringMatching(/Before Create Official Account callback refused the account.*\[item 0\]$/) });
			expect(emulator.accountIds(APP)).toEqual([]);
		});

		it('an Owner who is not a user of the app is explained as such', async () => {
			const result = await create(emulator, [{ owner: 'stranger', name: 'Nobody' }]);
			expect(result.error?.message).toMatch(/The Owner \(or the admin account\) is not a user of this app.*\[item 0\]$/);
			expect(result.error?.description).toMatch(/Import the Owner first with this node.s User → Import/);
		});

		it('retries a passing failure (HTTP 502, 20005) and creates the account once', async () => {
			emulator.script(COMMAND.create, ['http502', { errorCode: 20005 }]);
			const result = await create(emulator, [{ owner: OWNER, name: 'Retried', customId: '@TOA#_retried' }]);
			expect(result.status).toBe('success');
			expect(jsonOf(result.outputs[0])).toEqual([{ officialAccount: '@TOA#_retried', owner: OWNER, name: 'Retried' }]);
			expect(callsOf(emulator, COMMAND.create).map((call) => call.outcome)).toEqual(['http502', 'error', 'ok']);
			expect(emulator.accountIds(APP)).toEqual(['@TOA#_retried', TAKEN]);
		});

		it('a reply lost after the account was made: the retry\'s 130008 is recognised as this item\'s own account', async () => {
			emulator.script(COMMAND.create, ['lostReply']);
			const result = await create(emulator, [{ owner: OWNER, name: 'Lost once', customId: '@TOA#_lost' }]);
			expect(result.status).toBe('success');
			expect(jsonOf(result.outputs[0])).toEqual([{ officialAccount: '@TOA#_lost', owner: OWNER, name: 'Lost once' }]);
			expect(callsOf(emulator, COMMAND.create).map((call) => call.errorCode ?? call.outcome)).toEqual(['socketReset', 130008]);
			expect(bodiesOf(emulator, COMMAND.getInfo)).toEqual([
				{ OfficialAccountIdList: [{ Official_Account: '@TOA#_lost' }], ResponseFilter: { OfficialAccountBaseInfoFilter: ['Owner_Account', 'Name'] } },
			]);
			expect(emulator.accountIds(APP)).toEqual(['@TOA#_lost', TAKEN]);
		});

		it('after a lost reply, an ID taken by an account with another Name is still "taken"', async () => {
			emulator.script(COMMAND.create, ['socketReset']);
			const result = await create(emulator, [{ owner: OWNER, name: 'Not the same', customId: TAKEN }], { onError: 'continueRegularOutput' });
			expect(jsonOf(result.outputs[0])[0]).toMatchObject({ errorCode: '130008' });
		});

		it('without a Custom ID a lost reply is not retried, so no second account is made, and the item says so', async () => {
			const before = emulator.accountIds(APP).length;
			emulator.script(COMMAND.create, ['lostReply']);
			const result = await create(emulator, [{ owner: OWNER, name: 'Assigned ID' }], { onError: 'continueRegularOutput' });
			expect(callsOf(emulator, COMMAND.create)).toHaveLength(1);
			// Tencent did create it: exactly one new account, and the user is told to look before running again.
			expect(emulator.accountIds(APP)).toHaveLength(before + 1);
			const [out] = jsonOf(result.outputs[0]);
			expect(String(out.error)).toMatch(/^Could not tell whether the official account "Assigned ID" was created: .*\[item 0\]$/);
			expect(out.errorCode).toBe('ECONNRESET');
		});

		it('without a Custom ID a failure Tencent answered (20005) is still retried', async () => {
			emulator.script(COMMAND.create, [{ errorCode: 20005 }]);
			const result = await create(emulator, [{ owner: OWNER, name: 'Retried assigned' }]);
			expect(result.status).toBe('success');
			expect(callsOf(emulator, COMMAND.create)).toHaveLength(2);
		});

		it('does not retry 130008', async () => {
			await create(emulator, [{ owner: OWNER, name: 'Clash', customId: TAKEN }], { onError: 'continueRegularOutput' });
			expect(callsOf(emulator, COMMAND.create)).toHaveLength(1);
		});
	});

	it.each([
		['a successful run', () => undefined],
		['HTTP 502 until retries run out', (e: TencentChatEmulator) => e.script(COMMAND.create, ['http502', 'http502'])],
		['a final code', (e: TencentChatEmulator) => e.script(COMMAND.create, [{ errorCode: 130008 }])],
	])('stores no secret key or UserSig: %s', async (_label, arrange) => {
		for (const onError of ['stopWorkflow', 'continueRegularOutput', 'continueErrorOutput'] as const) {
			arrange(emulator);
			const result = await create(emulator, [{ owner: OWNER, name: 'Secretless' }], { onError, options: { retries: 1 } });
			expectNoSecrets(everythingStored(result));
		}
	});
});
