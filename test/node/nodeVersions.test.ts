// Node version 2 changed only defaults: each resource opens on an operation that changes nothing. Version 1
// keeps its defaults, because n8n saves only the parameters that differ from them: a version-1 workflow saved
// with the default operation holds no `operation` at all, and must still do what it did.
import { NodeHelpers, type INode, type INodeParameters } from 'n8n-workflow';

import { TencentChatOfficialAccount } from '../../nodes/TencentChatOfficialAccount/TencentChatOfficialAccount.node';
import type { TencentChatEmulator } from '../emulator';
import { runTencentNode } from '../engine/tencentNode';
import { COMMAND as ACCOUNT_COMMAND } from './accountFixtures';
import { APP, COMMAND, DELETE_COMMAND, emulatorWith } from './fixtures';
import { HISTORY_COMMAND, SEND_COMMAND } from './messageFixtures';

const NEWS = '@TOA#_news';
const SHOP = '@TOA#_shop';
const READS = [COMMAND.getSubscriberInfo, ACCOUNT_COMMAND.getInfo, ACCOUNT_COMMAND.getSubscribed, HISTORY_COMMAND];

const nodeType = new TencentChatOfficialAccount();

/** The parameters n8n gives a node of this version that holds only `saved` (what the editor and the engine see). */
function resolvedParameters(typeVersion: number, saved: INodeParameters): INodeParameters {
	const node = { id: 'n', name: 'n', type: 'x', typeVersion, position: [0, 0], parameters: saved } as INode;
	return NodeHelpers.getNodeParameters(nodeType.description.properties, saved, true, false, node, nodeType.description) ?? {};
}

describe('node versions', () => {
	it('offers versions 1 and 2, and new nodes get 2', () => {
		expect(nodeType.description.version).toEqual([1, 2]);
		expect(nodeType.description.defaultVersion).toBe(2);
	});

	it.each([
		['subscriber', 'delete', 'getAll'],
		['officialAccount', 'delete', 'get'],
		['message', 'send', 'getMany'],
		['subscription', 'getMany', 'getMany'],
	])('resource %s defaults to %s in version 1 and to %s in version 2', (resource, version1, version2) => {
		expect(resolvedParameters(1, { resource }).operation).toBe(version1);
		expect(resolvedParameters(2, { resource }).operation).toBe(version2);
	});

	it('a node with no parameters at all opens on Subscriber: Delete in version 1, Get Many in version 2', () => {
		expect(resolvedParameters(1, {})).toMatchObject({ resource: 'subscriber', operation: 'delete' });
		expect(resolvedParameters(2, {})).toMatchObject({ resource: 'subscriber', operation: 'getAll' });
	});

	it('an operation chosen explicitly is kept in either version', () => {
		expect(resolvedParameters(2, { resource: 'subscriber', operation: 'delete' }).operation).toBe('delete');
		expect(resolvedParameters(1, { resource: 'message', operation: 'getMany' }).operation).toBe('getMany');
	});

	it('Image Width and Height default to 1 (their minimum) in version 2; version 1 keeps 0, which is refused before sending', () => {
		const image = { resource: 'message', operation: 'send', messageType: 'image' };
		expect(resolvedParameters(2, image)).toMatchObject({ imageWidth: 1, imageHeight: 1 });
		expect(resolvedParameters(1, image)).toMatchObject({ imageWidth: 0, imageHeight: 0 });
		for (const property of nodeType.description.properties.filter((entry) => entry.name === 'imageWidth' || entry.name === 'imageHeight')) {
			expect(property.typeOptions?.minValue).toBe(1);
		}
	});

	it.each([
		['message', 'send', /broadcasts to every subscriber of the account/],
		['subscriber', 'delete', /unsubscribes/i],
		['officialAccount', 'delete', /deletes the official account/i],
	])('%s → %s shows a notice that says what it does, in both versions', (resource, operation, wording) => {
		for (const typeVersion of [1, 2]) {
			const node = { id: 'n', name: 'n', type: 'x', typeVersion, position: [0, 0], parameters: {} } as INode;
			const values = resolvedParameters(typeVersion, { resource, operation });
			const shown = nodeType.description.properties.filter(
				(property) => property.type === 'notice' && NodeHelpers.displayParameter(values, property, node, nodeType.description),
			);
			expect(shown.map((notice) => notice.displayName).join(' ')).toMatch(wording);
		}
	});
});

describe('version 2 in the n8n engine: no operation parameter runs the read-only operation', () => {
	let emulator: TencentChatEmulator;
	beforeAll(async () => {
		emulator = await emulatorWith({ [NEWS]: ['u1', 'u2', 'u3'], [SHOP]: ['u1'] });
	});
	afterAll(async () => await emulator.stop());
	beforeEach(() => emulator.resetCalls());

	async function runVersion2(parameters: INodeParameters) {
		const result = await runTencentNode({ emulator, parameters, input: [{}], typeVersion: 2 });
		expect(result.error).toBeUndefined();
		expect(result.status).toBe('success');
		// Only reads went out, and nothing changed.
		expect(emulator.calls.length).toBeGreaterThan(0);
		expect(emulator.calls.filter((call) => !READS.includes(call.command))).toEqual([]);
		expect(emulator.subscribers(APP, NEWS).sort()).toEqual(['u1', 'u2', 'u3']);
		expect(emulator.subscribers(APP, SHOP)).toEqual(['u1']);
		return result;
	}

	it('Subscriber → Get Many', async () => {
		const result = await runVersion2({ resource: 'subscriber', officialAccount: NEWS, returnAll: true });
		expect(emulator.calls.map((call) => call.command)).toEqual([COMMAND.getSubscriberInfo]);
		expect(result.outputs[0].map((item) => item.json.subscriberId).sort()).toEqual(['u1', 'u2', 'u3']);
	});

	it('no resource either: Subscriber → Get Many', async () => {
		const result = await runVersion2({ officialAccount: SHOP, returnAll: true });
		expect(emulator.calls.map((call) => call.command)).toEqual([COMMAND.getSubscriberInfo]);
		expect(result.outputs[0].map((item) => item.json.subscriberId)).toEqual(['u1']);
	});

	it('Official Account → Get', async () => {
		const result = await runVersion2({ resource: 'officialAccount', officialAccountIds: NEWS });
		expect(emulator.calls.map((call) => call.command)).toEqual([ACCOUNT_COMMAND.getInfo]);
		expect(result.outputs[0].map((item) => item.json.officialAccount)).toEqual([NEWS]);
		expect(emulator.account(APP, NEWS)).toBeDefined();
	});

	it('Message → Get Many', async () => {
		await runVersion2({ resource: 'message', officialAccount: NEWS, text: 'never sent' });
		expect(emulator.calls.map((call) => call.command)).toEqual([HISTORY_COMMAND]);
		expect(emulator.messages(APP, NEWS)).toEqual([]);
	});

	it('Subscription → Get Many', async () => {
		const result = await runVersion2({ resource: 'subscription', subscriberId: 'u1', returnAll: true });
		expect(emulator.calls.map((call) => call.command)).toEqual([ACCOUNT_COMMAND.getSubscribed]);
		expect(result.outputs[0].map((item) => item.json.officialAccount).sort()).toEqual([NEWS, SHOP]);
	});
});

describe('a saved version-1 workflow that relies on the old defaults still does what it did', () => {
	let emulator: TencentChatEmulator;
	beforeEach(async () => {
		emulator = await emulatorWith({ [NEWS]: ['u1', 'u2', 'u3'], [SHOP]: ['u1'] });
	});
	afterEach(async () => await emulator.stop());

	it('Subscriber with no operation saved: still Delete, still deletes', async () => {
		const result = await runTencentNode({
			emulator,
			parameters: { resource: 'subscriber', officialAccount: NEWS, subscriberIds: 'u1, u2' },
			input: [{}],
			typeVersion: 1,
		});
		expect(result.status).toBe('success');
		expect(emulator.calls.map((call) => call.command)).toEqual([DELETE_COMMAND]);
		expect(result.outputs[0].map((item) => [item.json.subscriberId, item.json.status])).toEqual([
			['u1', 'deleted'],
			['u2', 'deleted'],
		]);
		expect(emulator.subscribers(APP, NEWS)).toEqual(['u3']);
	});

	it('no resource and no operation saved (the node as dropped on the canvas): still Subscriber → Delete', async () => {
		await runTencentNode({ emulator, parameters: { officialAccount: SHOP, subscriberIds: 'u1' }, input: [{}], typeVersion: 1 });
		expect(emulator.calls.map((call) => call.command)).toEqual([DELETE_COMMAND]);
		expect(emulator.subscribers(APP, SHOP)).toEqual([]);
	});

	it('Official Account with no operation saved: still Delete', async () => {
		const result = await runTencentNode({ emulator, parameters: { resource: 'officialAccount', officialAccount: SHOP }, input: [{}], typeVersion: 1 });
		expect(result.status).toBe('success');
		expect(emulator.calls.map((call) => call.command)).toEqual([ACCOUNT_COMMAND.destroy]);
		expect(emulator.account(APP, SHOP)).toBeUndefined();
	});

	it('Message with no operation saved: still Send', async () => {
		const result = await runTencentNode({ emulator, parameters: { resource: 'message', officialAccount: NEWS, text: 'Hello' }, input: [{}], typeVersion: 1 });
		expect(result.status).toBe('success');
		// Send reads the account's last hour first (one page of its messages), then broadcasts once.
		expect(emulator.calls.map((call) => call.command)).toEqual([HISTORY_COMMAND, SEND_COMMAND]);
		expect(emulator.messages(APP, NEWS)).toHaveLength(1);
	});
});
