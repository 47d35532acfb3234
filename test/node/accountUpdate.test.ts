// Official Account → Update (modify_official_account_base_info) in the n8n engine against the emulator.
import type { IDataObject } from 'n8n-workflow';

import type { TencentChatEmulator } from '../emulator';
import type { OnError } from '../engine/runNode';
import { bodiesOf, callsOf, COMMAND, everythingStored, expectNoSecrets, runOperation } from './accountFixtures';
import { APP, jsonOf, pairedIndexes } from './fixtures';
import { startEmulator } from '../emulator';

const NEWS = '@TOA#_news';
const SHOP = '@TOA#_shop';
const MISSING = '@TOA#_missing';

async function update(emulator: TencentChatEmulator, input: IDataObject[], updateFields: IDataObject, extra: { onError?: OnError; options?: IDataObject } = {}) {
	return await runOperation('officialAccount', 'update', {
		emulator,
		input,
		onError: extra.onError,
		parameters: { officialAccount: '={{ $json.account }}', updateFields, options: extra.options ?? {} },
	});
}

describe('Official Account → Update', () => {
	let emulator: TencentChatEmulator;
	beforeEach(async () => {
		emulator = await startEmulator({
			accounts: [
				{ sdkAppId: APP, officialAccount: NEWS, name: 'News', introduction: 'Old intro', organization: 'Old org', customString: 'keep' },
				{ sdkAppId: APP, officialAccount: SHOP, name: 'Shop' },
			],
		});
	});
	afterEach(async () => await emulator.stop());

	it('sends only the fields that are set, under Official_Account, and outputs them', async () => {
		const result = await update(emulator, [{ account: NEWS }], { introduction: 'New intro 新', maxSubscribers: 2000 });

		expect(result.status).toBe('success');
		expect(jsonOf(result.outputs[0])).toEqual([{ officialAccount: NEWS, updated: true, introduction: 'New intro 新', maxSubscribers: 2000 }]);
		expect(bodiesOf(emulator, COMMAND.modify)).toEqual([{ Official_Account: NEWS, Introduction: 'New intro 新', MaxSubscriberNum: 2000 }]);
		expect(emulator.account(APP, NEWS)).toMatchObject({ Name: 'News', Introduction: 'New intro 新', Organization: 'Old org', CustomString: 'keep', MaxSubscriberNum: 2000 });
	});

	it('takes each item\'s values from expressions, one call per item, output in input order', async () => {
		const result = await update(emulator, [{ account: NEWS, name: 'News 2' }, { account: SHOP, name: 'Shop 2' }], { name: '={{ $json.name }}' });
		expect(jsonOf(result.outputs[0])).toEqual([
			{ officialAccount: NEWS, updated: true, name: 'News 2' },
			{ officialAccount: SHOP, updated: true, name: 'Shop 2' },
		]);
		expect(pairedIndexes(result.outputs[0])).toEqual([0, 1]);
		expect(emulator.account(APP, SHOP)?.Name).toBe('Shop 2');
	});

	it('sends an empty text as given (to clear an optional field)', async () => {
		await update(emulator, [{ account: NEWS }], { organization: '' });
		expect(bodiesOf(emulator, COMMAND.modify)).toEqual([{ Official_Account: NEWS, Organization: '' }]);
	});

	describe('checks before sending', () => {
		const bad: Array<[string, IDataObject, IDataObject, RegExp, string]> = [
			['an Official Account ID without the prefix', { account: 'news' }, { name: 'x' }, /Official Account ID "news" does not start with @TOA#_ \[item 1\]/, 'Official Account ID'],
			['an empty Name', { account: NEWS, value: '' }, { name: '={{ $json.value }}' }, /Update Fields → Name is empty \[item 1\]/, 'Update Fields → Name'],
			['a Name over 150 bytes', { account: NEWS, value: '名'.repeat(51) }, { name: '={{ $json.value }}' }, /Name is 153 bytes long in UTF-8.*at most 150.*\[item 1\]/, 'Update Fields → Name'],
			['an Introduction over 400 bytes', { account: NEWS, value: 'é'.repeat(201) }, { introduction: '={{ $json.value }}' }, /Introduction is 402 bytes.*at most 400.*\[item 1\]/, 'Update Fields → Introduction'],
			['an Avatar URL over 500 bytes', { account: NEWS, value: 'a'.repeat(501) }, { faceUrl: '={{ $json.value }}' }, /Avatar URL is 501 bytes.*\[item 1\]/, 'Update Fields → Avatar URL'],
			['an Organization over 500 bytes', { account: NEWS, value: '组'.repeat(167) }, { organization: '={{ $json.value }}' }, /Organization is 501 bytes.*\[item 1\]/, 'Update Fields → Organization'],
			['a Custom String over 3000 bytes', { account: NEWS, value: 'x'.repeat(3001) }, { customString: '={{ $json.value }}' }, /Custom String is 3001 bytes.*at most 3000.*\[item 1\]/, 'Update Fields → Custom String'],
			['Max Subscribers that is not a number', { account: NEWS, value: 'many' }, { maxSubscribers: '={{ $json.value }}' }, /Max Subscribers must be a whole number.*not "many" \[item 1\]/, 'Update Fields → Max Subscribers'],
			['a Name that is an object', { account: NEWS, value: { a: 1 } }, { name: '={{ $json.value }}' }, /Name must be text, not an object \[item 1\]/, 'Update Fields → Name'],
		];

		it.each(bad)('%s is that item\'s error; nothing is sent for it, the good items proceed', async (_label, item, fields, message, field) => {
			// The good items carry a valid value for the same expressions.
			const goodValue = 'maxSubscribers' in fields ? 5 : 'fine';
			const input = [{ account: NEWS, value: goodValue }, item, { account: SHOP, value: goodValue }];
			const run = await update(emulator, input, fields, { onError: 'continueRegularOutput' });

			const out = jsonOf(run.outputs[0]);
			expect(out.map((json) => json.updated ?? false)).toEqual([true, false, true]);
			expect(String(out[1].error)).toMatch(message);
			expect(out[1].field).toBe(field);
			expect(pairedIndexes(run.outputs[0])).toEqual([0, 1, 2]);
			expect(bodiesOf(emulator, COMMAND.modify).map((body) => body.Official_Account).sort()).toEqual([NEWS, SHOP]);
		});

		it('with "continue", an empty Update Fields is each item\'s error and nothing is sent', async () => {
			const result = await update(emulator, [{ account: NEWS }, { account: SHOP }], {}, { onError: 'continueRegularOutput' });
			expect(jsonOf(result.outputs[0])).toEqual([0, 1].map((i) => ({
				error: `Update Fields is empty: there is nothing to change [item ${i}]`,
				field: 'Update Fields',
				reason: 'Update Fields is empty: there is nothing to change',
			})));
			expect(callsOf(emulator, COMMAND.modify)).toHaveLength(0);
		});

		it('without "continue", an empty Update Fields fails the node before any call', async () => {
			const result = await update(emulator, [{ account: NEWS }], {});
			expect(result.status).toBe('error');
			expect(result.error?.message).toBe('Update Fields is empty: there is nothing to change [item 0]');
			expect(result.error?.description).toMatch(/Add at least one field to Update Fields/);
			expect(callsOf(emulator, COMMAND.modify)).toHaveLength(0);
		});
	});

	describe('130004 (no such account, or destroyed)', () => {
		const input = [{ account: NEWS }, { account: MISSING }, { account: SHOP }];
		const fields = { introduction: 'Changed' };

		it('without "continue": fails naming the item and the code', async () => {
			const result = await update(emulator, input, fields);
			expect(result.status).toBe('error');
			expect(result.error?.message).toMatch(/^Could not update the official account: The official account does not exist or was destroyed.*\[item 1\]$/);
			expect(result.error?.description).toMatch(/Check the Official Account ID/);
			expect((result.error as { httpCode?: string }).httpCode).toBe('130004');
		});

		it('"Continue (using regular output)": the failure in place', async () => {
			const result = await update(emulator, input, fields, { onError: 'continueRegularOutput' });
			const out = jsonOf(result.outputs[0]);
			expect(out.map((json) => json.updated ?? false)).toEqual([true, false, true]);
			expect(out[1]).toMatchObject({ officialAccount: MISSING, errorCode: '130004', error: expect.stringMatching(/does not exist.*\[item 1\]$/) });
			expect(emulator.account(APP, SHOP)?.Introduction).toBe('Changed');
		});

		it('"Continue (using error output)": the failure on output 2, paired with its item', async () => {
			await runOperation('officialAccount', 'delete', { emulator, input: [{}], parameters: { officialAccount: SHOP } });
			const result = await update(emulator, input, fields, { onError: 'continueErrorOutput' });
			expect(jsonOf(result.outputs[0])).toEqual([{ officialAccount: NEWS, updated: true, introduction: 'Changed' }]);
			expect(jsonOf(result.outputs[1]).map((json) => (json.details as IDataObject).officialAccount)).toEqual([MISSING, SHOP]);
			expect(jsonOf(result.outputs[1]).map((json) => (json.details as IDataObject).errorCode)).toEqual(['130004', '130004']);
			expect(pairedIndexes(result.outputs[1])).toEqual([1, 2]);
		});
	});

	it('retries a throttled call and a socket reset, then succeeds', async () => {
		emulator.script(COMMAND.modify, [{ errorCode: 60007 }, 'socketReset']);
		const result = await update(emulator, [{ account: NEWS }], { name: 'Retried' });
		expect(result.status).toBe('success');
		expect(callsOf(emulator, COMMAND.modify).map((call) => call.outcome)).toEqual(['error', 'socketReset', 'ok']);
		expect(emulator.account(APP, NEWS)?.Name).toBe('Retried');
	});

	it('stores no secret key or UserSig, also when calls fail', async () => {
		for (const onError of ['stopWorkflow', 'continueRegularOutput', 'continueErrorOutput'] as const) {
			emulator.script(COMMAND.modify, ['http502', 'http502']);
			const result = await update(emulator, [{ account: NEWS }, { account: MISSING }], { name: 'x' }, { onError, options: { retries: 1 } });
			expectNoSecrets(everythingStored(result));
		}
	});
});
