// Official Account → Get (get_official_account_info) in the n8n engine against the emulator: the bulk engine
// with its own contract (no target, at most 50 IDs per call, one output item per account).
import type { IDataObject } from 'n8n-workflow';

import { startEmulator, type TencentChatEmulator } from '../emulator';
import type { OnError } from '../engine/runNode';
import { bodiesOf, callsOf, COMMAND, everythingStored, expectNoSecrets, runOperation } from './accountFixtures';
import { APP, ids, jsonOf, pairedIndexes } from './fixtures';

const ACCOUNTS = ids('@TOA#_a', 120);
const MISSING = '@TOA#_missing';

function sentIdsOf(body: IDataObject): string[] {
	return (body.OfficialAccountIdList as IDataObject[]).map((entry) => String(entry.Official_Account));
}

async function get(emulator: TencentChatEmulator, input: IDataObject[], extra: { onError?: OnError; options?: IDataObject; parameters?: IDataObject } = {}) {
	return await runOperation('officialAccount', 'get', {
		emulator,
		input,
		onError: extra.onError,
		parameters: { officialAccountIds: '={{ $json.ids }}', options: extra.options ?? {}, ...extra.parameters },
	});
}

describe('Official Account → Get', () => {
	let emulator: TencentChatEmulator;
	beforeAll(async () => {
		emulator = await startEmulator({
			accounts: ACCOUNTS.map((officialAccount, i) => ({
				sdkAppId: APP,
				officialAccount,
				subscribers: i === 0 ? ['u1', 'u2'] : [],
				introduction: `Intro ${i}`,
				organization: 'Org',
				customString: 'cs',
				faceUrl: 'https://example.com/f.png',
			})),
		});
	});
	afterAll(async () => await emulator.stop());
	beforeEach(() => {
		emulator.resetCalls();
		emulator.clearFaults();
	});

	it('groups 120 IDs from 3 items into 3 calls of at most 50, one output item per account paired with its item', async () => {
		const input = [{ ids: ACCOUNTS.slice(0, 40) }, { ids: ACCOUNTS.slice(40, 80) }, { ids: ACCOUNTS.slice(80).join(', ') }];
		const result = await get(emulator, input);

		expect(result.status).toBe('success');
		const calls = bodiesOf(emulator, COMMAND.getInfo);
		expect(calls.map((body) => sentIdsOf(body).length)).toEqual([50, 50, 20]);
		expect(calls.flatMap(sentIdsOf)).toEqual(ACCOUNTS);
		expect(calls.every((body) => body.ResponseFilter === undefined)).toBe(true);

		const out = jsonOf(result.outputs[0]);
		expect(out.map((json) => json.officialAccount)).toEqual(ACCOUNTS);
		expect(pairedIndexes(result.outputs[0])).toEqual([...Array(40).fill(0), ...Array(40).fill(1), ...Array(40).fill(2)]);
		const created = emulator.account(APP, ACCOUNTS[0])?.CreateTime as number;
		expect(out[0]).toEqual({
			officialAccount: ACCOUNTS[0],
			name: 'a0001',
			owner: 'administrator',
			introduction: 'Intro 0',
			faceUrl: 'https://example.com/f.png',
			organization: 'Org',
			customString: 'cs',
			subscriberCount: 2,
			createTime: created,
			createTimeIso: new Date(created * 1000).toISOString(),
			lastMessageTime: 0,
			lastMessageTimeIso: null,
		});
	});

	it('sends the Fields filter as ResponseFilter and returns only those fields', async () => {
		const result = await get(emulator, [{ ids: ACCOUNTS.slice(0, 2) }], { parameters: { fields: ['SubscriberNum', 'Name'] } });
		expect(bodiesOf(emulator, COMMAND.getInfo)[0].ResponseFilter).toEqual({ OfficialAccountBaseInfoFilter: ['Name', 'SubscriberNum'] });
		expect(jsonOf(result.outputs[0])).toEqual([
			{ officialAccount: ACCOUNTS[0], name: 'a0001', subscriberCount: 2 },
			{ officialAccount: ACCOUNTS[1], name: 'a0002', subscriberCount: 0 },
		]);
	});

	it('reads the IDs from an input field (Input Field mode) and honours Batch Size', async () => {
		const input = ACCOUNTS.slice(0, 12).map((officialAccount) => ({ account: { id: officialAccount } }));
		const result = await runOperation('officialAccount', 'get', {
			emulator,
			input,
			parameters: { officialAccountIdsFrom: 'inputField', officialAccountIdField: 'account.id', fields: ['Name'], options: { batchSize: 5 } },
		});
		expect(bodiesOf(emulator, COMMAND.getInfo).map((body) => sentIdsOf(body).length)).toEqual([5, 5, 2]);
		expect(jsonOf(result.outputs[0]).map((json) => json.name)).toEqual(ids('a', 12));
		expect(pairedIndexes(result.outputs[0])).toEqual(input.map((_, i) => i));
	});

	it('asks once for an ID repeated across items, and gives each item its account', async () => {
		const result = await get(emulator, [{ ids: [ACCOUNTS[0], ACCOUNTS[1]] }, { ids: ACCOUNTS[0] }], { parameters: { fields: ['Name'] } });
		expect(bodiesOf(emulator, COMMAND.getInfo).flatMap(sentIdsOf)).toEqual([ACCOUNTS[0], ACCOUNTS[1]]);
		expect(jsonOf(result.outputs[0]).map((json) => json.officialAccount)).toEqual([ACCOUNTS[0], ACCOUNTS[1], ACCOUNTS[0]]);
		expect(pairedIndexes(result.outputs[0])).toEqual([0, 0, 1]);
	});

	describe('an unknown ID is that item\'s error (per-entry 130004)', () => {
		const input = [{ ids: ACCOUNTS[0] }, { ids: [ACCOUNTS[1], MISSING] }, { ids: ACCOUNTS[2] }];

		it('without "continue": the node fails naming the ID and the item', async () => {
			const result = await get(emulator, input);
			expect(result.status).toBe('error');
			expect(result.error?.message).toBe(`1 official account could not be read: "${MISSING}" [item 1]`);
			expect(result.error?.description).toMatch(/does not exist or was destroyed/);
			expect(result.error?.description).toMatch(/3 found before the node stopped/);
			expect((result.error as { httpCode?: string }).httpCode).toBe('130004');
		});

		it('"Continue (using regular output)": the failed ID in place, with its code', async () => {
			const result = await get(emulator, input, { onError: 'continueRegularOutput', parameters: { fields: ['Name'] } });
			const out = jsonOf(result.outputs[0]);
			expect(out.map((json) => json.officialAccount)).toEqual([ACCOUNTS[0], ACCOUNTS[1], MISSING, ACCOUNTS[2]]);
			expect(out[2]).toEqual({
				officialAccount: MISSING,
				result: 130004,
				status: 'failed',
				errorCode: '130004',
				reason: 'The official account does not exist or was destroyed',
				error: `Official account "${MISSING}" could not be read: The official account does not exist or was destroyed [item 1]`,
			});
			expect(pairedIndexes(result.outputs[0])).toEqual([0, 1, 1, 2]);
		});

		it('"Continue (using error output)": the failed ID on output 2; a destroyed account fails the same way', async () => {
			const gone = '@TOA#_gone';
			emulator.addAccount({ sdkAppId: APP, officialAccount: gone });
			await runOperation('officialAccount', 'delete', { emulator, input: [{}], parameters: { officialAccount: gone } });
			const result = await get(emulator, [...input, { ids: gone }], { onError: 'continueErrorOutput', parameters: { fields: ['Name'] } });
			expect(jsonOf(result.outputs[0]).map((json) => json.officialAccount)).toEqual([ACCOUNTS[0], ACCOUNTS[1], ACCOUNTS[2]]);
			expect(pairedIndexes(result.outputs[0])).toEqual([0, 1, 2]);
			expect(jsonOf(result.outputs[1]).map((json) => (json.details as IDataObject).officialAccount)).toEqual([MISSING, gone]);
			expect(jsonOf(result.outputs[1]).map((json) => (json.details as IDataObject).errorCode)).toEqual(['130004', '130004']);
			expect(pairedIndexes(result.outputs[1])).toEqual([1, 3]);
		});
	});

	it('checks IDs before sending: bad entries and empty lists fail without a call, the good IDs proceed', async () => {
		const result = await get(emulator, [{ ids: [ACCOUNTS[0], 'news', '@TOA#_é'] }, { ids: '' }, { ids: { id: 1 } }], { onError: 'continueRegularOutput', parameters: { fields: ['Name'] } });
		const out = jsonOf(result.outputs[0]);
		expect(out[0]).toEqual({ officialAccount: ACCOUNTS[0], name: 'a0001' });
		expect(out[1]).toMatchObject({ officialAccount: 'news', errorCode: 'INVALID_ID', error: expect.stringMatching(/Official Account IDs: Official Account ID "news" does not start with @TOA#_ \[item 0\]/) });
		expect(out[2]).toMatchObject({ errorCode: 'INVALID_ID', error: expect.stringMatching(/printable ASCII \[item 0\]/) });
		expect(out[3]).toEqual({ error: 'Official Account IDs is empty [item 1]', field: 'Official Account IDs', reason: 'Official Account IDs is empty' });
		expect(out[4]).toMatchObject({ field: 'Official Account IDs', error: 'Official Account IDs must be text or a list, not an object [item 2]' });
		expect(bodiesOf(emulator, COMMAND.getInfo).flatMap(sentIdsOf)).toEqual([ACCOUNTS[0]]);
	});

	it('without "continue", a bad entry fails the node before any call', async () => {
		const result = await get(emulator, [{ ids: [ACCOUNTS[0], 'news'] }]);
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toBe('Official Account IDs: Official Account ID "news" does not start with @TOA#_ [item 0]');
		expect(callsOf(emulator, COMMAND.getInfo)).toHaveLength(0);
	});

	it('retries 20005 and HTTP 502 to success', async () => {
		emulator.script(COMMAND.getInfo, [{ errorCode: 20005 }, 'http502']);
		const result = await get(emulator, [{ ids: ACCOUNTS.slice(0, 3) }], { parameters: { fields: ['Name'] } });
		expect(result.status).toBe('success');
		expect(jsonOf(result.outputs[0])).toHaveLength(3);
		expect(callsOf(emulator, COMMAND.getInfo).map((call) => call.outcome)).toEqual(['error', 'http502', 'ok']);
	});

	it('a call that fails for good fails all its IDs, with the catalogue\'s fix', async () => {
		emulator.script(COMMAND.getInfo, [{ errorCode: 131000 }]);
		const result = await get(emulator, [{ ids: ACCOUNTS.slice(0, 2) }]);
		expect(result.error?.message).toBe(`2 official accounts could not be read: "${ACCOUNTS[0]}", "${ACCOUNTS[1]}" [item 0]`);
		expect(result.error?.description).toMatch(/Enable official accounts for the app/);
		expect(callsOf(emulator, COMMAND.getInfo)).toHaveLength(1);
	});

	it('rejects a Fields value Tencent does not know, before any call', async () => {
		const result = await get(emulator, [{ ids: ACCOUNTS[0] }], { parameters: { fields: ['Name', 'Password'] } });
		expect(result.error?.message).toBe('Fields has values Tencent Chat does not know: "Password"');
		expect(callsOf(emulator, COMMAND.getInfo)).toHaveLength(0);
	});

	it('stores no secret key or UserSig, also when calls fail', async () => {
		for (const onError of ['stopWorkflow', 'continueRegularOutput', 'continueErrorOutput'] as const) {
			emulator.script(COMMAND.getInfo, ['http502', 'http502']);
			const result = await get(emulator, [{ ids: [ACCOUNTS[0], MISSING] }], { onError, options: { retries: 1 } });
			expectNoSecrets(everythingStored(result));
		}
	});
});
