// ItemParameterReader beside n8n's own evaluation: the fast paths must give exactly what getNodeParameter gives.
import {
	NodeConnectionTypes,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { ItemParameterReader, parameterSource } from '../../nodes/TencentChatOfficialAccount/engine/itemParameters';
import { runNode } from '../engine/runNode';

/** A node that reads its `value` parameter both ways for every item and reports both. */
class ReaderProbe implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Reader Probe',
		name: 'readerProbe',
		group: ['transform'],
		version: 1,
		description: 'Test node',
		defaults: { name: 'Reader Probe' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [
			{ displayName: 'Value', name: 'value', type: 'string', default: '' },
			{ displayName: 'Fixed', name: 'fixed', type: 'string', default: 'fixed default' },
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		let n8nCalls = 0;
		const original = this.getNodeParameter.bind(this) as (...args: unknown[]) => unknown;
		const counted = (...args: unknown[]) => {
			n8nCalls++;
			return original(...args);
		};
		const ctx = Object.assign(Object.create(this) as IExecuteFunctions, { getNodeParameter: counted });
		const reader = new ItemParameterReader(ctx);
		const out: INodeExecutionData[] = this.getInputData().map((_, itemIndex) => {
			const fast = attempt(() => reader.read('value', itemIndex));
			const before = n8nCalls;
			const n8n = attempt(() => original('value', itemIndex));
			n8nCalls = before;
			const fixed = reader.read('fixed', itemIndex);
			return { json: { fast, n8n, fixed } as IDataObject, pairedItem: { item: itemIndex } };
		});
		out.push({ json: { n8nCalls, expressionReads: reader.expressionReads }, pairedItem: { item: 0 } });
		return [out];
	}
}

function attempt(read: () => unknown): IDataObject {
	try {
		const value = read();
		return { threw: false, value: value === undefined ? '<undefined>' : (value as IDataObject) };
	} catch (error) {
		return { threw: true, message: (error as Error).message };
	}
}

async function probe(value: string, items: IDataObject[], fixed?: string) {
	const result = await runNode({
		nodeType: new ReaderProbe(),
		typeName: 'test.readerProbe',
		credentialTypes: {},
		credentials: {},
		parameters: fixed === undefined ? { value } : { value, fixed },
		input: items.map((json) => ({ json })),
	});
	expect(result.status).toBe('success');
	const rows = result.outputs[0].map((item) => item.json);
	return { rows: rows.slice(0, -1), stats: rows[rows.length - 1] as { n8nCalls: number; expressionReads: number } };
}

const VALUES: IDataObject[keyof IDataObject][] = ['abc', ' padded ', '', '=looks like an expression', 123, 0, -5, 1.5, 2 ** 60, true, false, ['a', 'b'], [1, 2], []];
const FALLBACK_VALUES: IDataObject[keyof IDataObject][] = [null, { a: 1 }, ['a', { x: 1 }], [null], [['nested']]];

describe('ItemParameterReader gives what n8n gives', () => {
	it.each([
		['={{ $json.userId }}', (v: IDataObject[keyof IDataObject]): IDataObject => ({ userId: v })],
		['={{$json.userId}}', (v: IDataObject[keyof IDataObject]): IDataObject => ({ userId: v })],
		['={{ $json.contact.imUserId }}', (v: IDataObject[keyof IDataObject]): IDataObject => ({ contact: { imUserId: v } })],
		['={{ $json["user id"] }}', (v: IDataObject[keyof IDataObject]): IDataObject => ({ 'user id': v })],
		["={{ $json['a'].b }}", (v: IDataObject[keyof IDataObject]): IDataObject => ({ a: { b: v } })],
	])('%s: plain values straight from the item, equal to n8n', async (expression, make) => {
		const { rows, stats } = await probe(expression, VALUES.map(make));
		for (const row of rows) expect(row.fast).toEqual(row.n8n);
		expect(stats.expressionReads).toBe(0);
	});

	it('other values (null, objects, mixed lists) and missing fields are left to n8n, with its result', async () => {
		const items = [...FALLBACK_VALUES.map((v) => ({ userId: v })), { other: 1 }, { contact: 'not an object' }];
		const { rows, stats } = await probe('={{ $json.userId }}', items);
		for (const row of rows) expect(row.fast).toEqual(row.n8n);
		expect(stats.expressionReads).toBe(items.length);
		const nested = await probe('={{ $json.contact.id }}', [{ contact: 'text' }, {}, { contact: { id: 'x' } }]);
		for (const row of nested.rows) expect(row.fast).toEqual(row.n8n);
		expect(nested.stats.expressionReads).toBe(2);
	});

	it.each(['={{ $json.constructor }}', '={{ $json.__proto__ }}', '={{ $json.a.prototype }}'])(
		'%s is left to n8n, which refuses it for security, as it would without the fast path',
		async (expression) => {
			const { rows, stats } = await probe(expression, [{ a: { prototype: 'p' } }, { constructor: 'own', __proto__: 'x' }]);
			for (const row of rows) expect(row.fast).toEqual(row.n8n);
			expect(rows.every((row) => (row.fast as IDataObject).threw === true)).toBe(true);
			expect(stats.expressionReads).toBe(2);
		},
	);

	it.each([
		'={{ $json.userId + "" }}',
		'={{ $json.userId.toUpperCase() }}',
		'=id-{{ $json.userId }}',
		'={{ $json.userId }} ',
		'={{ $input.item.json.userId }}',
		'={{ $json.ids[0] }}',
	])('%s is evaluated by n8n for every item', async (expression) => {
		const items = [{ userId: 'abc', ids: ['x'] }, { userId: 'def', ids: ['y'] }];
		const { rows, stats } = await probe(expression, items);
		for (const row of rows) expect(row.fast).toEqual(row.n8n);
		expect(stats.expressionReads).toBe(items.length);
	});

	it('a parameter without an expression is read once per run, however many items', async () => {
		const items = Array.from({ length: 50 }, (_, i) => ({ userId: `u${i}` }));
		const { rows, stats } = await probe('user1, user2', items, 'fixed text');
		expect(rows.every((row) => (row.fast as IDataObject).value === 'user1, user2')).toBe(true);
		expect(rows.every((row) => row.fixed === 'fixed text')).toBe(true);
		// One read of `value` and one of `fixed`, for 50 items.
		expect(stats.n8nCalls).toBe(2);
	});

	it('a default value (not set in the workflow) is read once too', async () => {
		const { rows, stats } = await probe('={{ $json.userId }}', [{ userId: 'a' }, { userId: 'b' }, { userId: 'c' }]);
		expect(rows.map((row) => row.fixed)).toEqual(['fixed default', 'fixed default', 'fixed default']);
		expect(stats.n8nCalls).toBe(1);
	});
});

describe('parameterSource', () => {
	it('classifies raw parameter values', () => {
		expect(parameterSource('plain')).toEqual({ kind: 'unread' });
		expect(parameterSource(42)).toEqual({ kind: 'unread' });
		expect(parameterSource({ a: 'x', b: ['y'] })).toEqual({ kind: 'unread' });
		expect(parameterSource({ a: '={{ 1 }}' })).toEqual({ kind: 'expression' });
		expect(parameterSource('={{ $json.a.b }}')).toEqual({ kind: 'jsonPath', segments: ['a', 'b'] });
		expect(parameterSource('={{ $json["a.b"] }}')).toEqual({ kind: 'jsonPath', segments: ['a.b'] });
		expect(parameterSource('={{ $json }}')).toEqual({ kind: 'expression' });
		expect(parameterSource('={{ $json.a }}{{ $json.b }}')).toEqual({ kind: 'expression' });
	});
});
