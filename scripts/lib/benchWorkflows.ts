// Workflows for the real-n8n benchmark (scripts/benchN8n.ts): a Manual Trigger, a Code node that makes
// the input items, then either our node or the ways an n8n user deletes subscribers without it: a Code
// node that signs a UserSig, then the HTTP Request node; or the HTTP Request node alone, signed by our
// credential (Authentication: Predefined Credential Type → Tencent Chat API). Subscriber IDs are the
// emulator's generated ones (s0000000, s0000001 …, test/emulator/process generatedSubscriberIds), made in the Code node.

export const PACKAGE_NODE_TYPE = 'n8n-nodes-tencent-chat.tencentChatOfficialAccount';
export const OUR_NODE = 'Delete Subscribers';
export const SYNC_NODE = 'Sync Subscribers';
export const SIGN_NODE = 'Sign UserSig';
export const HTTP_NODE = 'HTTP Request';
export const PROBE_FIXED_NODE = 'Edit Fields (fixed)';
export const PROBE_EXPRESSION_NODE = 'Edit Fields ({{ $json.userId }})';
/** n8n's own HTTP Request node setting in the issue: 200 items per batch, 1000 ms between batches. */
export const HTTP_REQUEST_BATCHING = { batchSize: 200, batchInterval: 1000 };

interface WorkflowNode {
	id: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
}

export interface BenchWorkflow {
	id: string;
	name: string;
	active: false;
	settings: { executionOrder: 'v1' };
	nodes: WorkflowNode[];
	connections: Record<string, { main: Array<Array<{ node: string; type: 'main'; index: number }>> }>;
	pinData: Record<string, never>;
}

export interface Credential {
	id: string;
	name: string;
}

export interface Api {
	baseUrl: string;
	sdkAppId: number;
	secretKey: string;
	admin: string;
}

/** Input items: `count` IDs from `offset`, `idsPerItem` per item (1 → { userId }, else { ids: [...] }). */
export function inputCode(count: number, idsPerItem: number, offset = 0): string {
	return [
		`const id = (n) => 's' + String(n + ${offset}).padStart(7, '0');`,
		'const items = [];',
		`for (let start = 0; start < ${count}; start += ${idsPerItem}) {`,
		idsPerItem === 1
			? '  items.push({ json: { userId: id(start) } });'
			: `  const ids = []; for (let n = start; n < Math.min(${count}, start + ${idsPerItem}); n++) ids.push(id(n));\n  items.push({ json: { ids } });`,
		'}',
		'return items;',
	].join('\n');
}

/** TLSSigAPIv2 in a Code node, as a user without our node writes it (needs NODE_FUNCTION_ALLOW_BUILTIN=crypto,zlib). */
function userSigCode(api: Api): string {
	return [
		"const crypto = require('crypto');",
		"const zlib = require('zlib');",
		`const sdkappid = ${api.sdkAppId}, identifier = ${JSON.stringify(api.admin)}, key = ${JSON.stringify(api.secretKey)};`,
		'const time = Math.floor(Date.now() / 1000), expire = 86400;',
		'const content = `TLS.identifier:${identifier}\\nTLS.sdkappid:${sdkappid}\\nTLS.time:${time}\\nTLS.expire:${expire}\\n`;',
		"const sig = crypto.createHmac('sha256', key).update(content).digest('base64');",
		"const doc = { 'TLS.ver': '2.0', 'TLS.identifier': identifier, 'TLS.sdkappid': sdkappid, 'TLS.time': time, 'TLS.expire': expire, 'TLS.sig': sig };",
		"const userSig = zlib.deflateSync(Buffer.from(JSON.stringify(doc))).toString('base64').replace(/\\+/g, '*').replace(/\\//g, '-').replace(/=/g, '_');",
	].join('\n');
}

function node(name: string, type: string, typeVersion: number, index: number, parameters: Record<string, unknown>): WorkflowNode {
	return { id: `b3c4e000-0000-4000-8000-${String(index).padStart(12, '0')}`, name, type, typeVersion, position: [index * 220, 0], parameters };
}

/** A chain Manual Trigger → Code (input) → …rest, one after another. */
function chain(id: string, name: string, input: string, rest: WorkflowNode[]): BenchWorkflow {
	const nodes = [node('Manual Trigger', 'n8n-nodes-base.manualTrigger', 1, 0, {}), node('Input Items', 'n8n-nodes-base.code', 2, 1, { jsCode: input })];
	rest.forEach((entry, index) => nodes.push({ ...entry, id: node('', '', 0, index + 2, {}).id, position: [(index + 2) * 220, 0] }));
	const connections: BenchWorkflow['connections'] = {};
	for (let index = 0; index + 1 < nodes.length; index++) connections[nodes[index].name] = { main: [[{ node: nodes[index + 1].name, type: 'main', index: 0 }]] };
	return { id, name, active: false, settings: { executionOrder: 'v1' }, nodes, connections, pinData: {} };
}

export type SubscriberIdsSource = { from: 'defineBelow'; expression: string } | { from: 'inputField'; field: string };

export function ourNode(officialAccount: string, source: SubscriberIdsSource, credential: Credential): WorkflowNode {
	const ids =
		source.from === 'defineBelow'
			? { subscriberIdsFrom: 'defineBelow', subscriberIds: source.expression }
			: { subscriberIdsFrom: 'inputField', subscriberIdField: source.field };
	return {
		...node(OUR_NODE, PACKAGE_NODE_TYPE, 1, 0, { resource: 'subscriber', operation: 'delete', officialAccount, ...ids, options: {} }),
		credentials: { tencentChatApi: credential },
	};
}

function editFields(name: string, value: string): WorkflowNode {
	return node(name, 'n8n-nodes-base.set', 3.4, 0, {
		mode: 'manual',
		assignments: { assignments: [{ id: 'b3c4e000-aaaa-4000-8000-000000000001', name: 'probe', value, type: 'string' }] },
		includeOtherFields: true,
		options: {},
	});
}

export interface OurCase {
	id: string;
	officialAccount: string;
	subscribers: number;
	idsPerItem: number;
	source: SubscriberIdsSource;
	credential: Credential;
	/** Edit Fields nodes with a fixed value and with `{{ $json.userId }}` in front of ours: one expression's cost, measured. */
	expressionProbe?: boolean;
}

export function ourWorkflow(spec: OurCase): BenchWorkflow {
	const probes = spec.expressionProbe ? [editFields(PROBE_FIXED_NODE, 'x'), editFields(PROBE_EXPRESSION_NODE, '={{ $json.userId }}')] : [];
	return chain(spec.id, `bench: ${spec.id}`, inputCode(spec.subscribers, spec.idsPerItem), [...probes, ourNode(spec.officialAccount, spec.source, spec.credential)]);
}

/** How the HTTP Request node's calls are signed: query parameters from a Code node's UserSig, or our credential. */
type HttpSigning = { by: 'codeNode'; api: Api } | { by: 'credential'; baseUrl: string; credential: Credential };

function httpRequestNode(signing: HttpSigning, officialAccount: string, idsExpression: string): WorkflowNode {
	const baseUrl = signing.by === 'codeNode' ? signing.api.baseUrl : signing.baseUrl;
	const auth =
		signing.by === 'codeNode'
			? {
					sendQuery: true,
					queryParameters: {
						parameters: [
							{ name: 'sdkappid', value: String(signing.api.sdkAppId) },
							{ name: 'identifier', value: signing.api.admin },
							{ name: 'usersig', value: '={{ $json.userSig }}' },
							{ name: 'random', value: '={{ Math.floor(Math.random() * 4294967295) }}' },
							{ name: 'contenttype', value: 'json' },
						],
					},
				}
			: { authentication: 'predefinedCredentialType', nodeCredentialType: 'tencentChatApi' };
	const http = node(HTTP_NODE, 'n8n-nodes-base.httpRequest', 4.2, 0, {
		method: 'POST',
		url: `${baseUrl}/v4/official_account_open_http_svc/delete_subscriber`,
		...auth,
		sendBody: true,
		specifyBody: 'json',
		jsonBody: `={{ JSON.stringify({ Official_Account: ${JSON.stringify(officialAccount)}, SubscriberToDel_Account: ${idsExpression} }) }}`,
		options: { batching: { batch: HTTP_REQUEST_BATCHING } },
	});
	return signing.by === 'credential' ? { ...http, credentials: { tencentChatApi: signing.credential } } : http;
}

/** (i) one ID per item: a Code node adds the UserSig to every item, the HTTP Request node sends one call per item. */
export function httpRequestPerIdWorkflow(id: string, api: Api, officialAccount: string, subscribers: number): BenchWorkflow {
	const sign = node(SIGN_NODE, 'n8n-nodes-base.code', 2, 0, {
		jsCode: `${userSigCode(api)}\nreturn $input.all().map((item) => ({ json: { ...item.json, userSig } }));`,
	});
	return chain(id, `bench: ${id}`, inputCode(subscribers, 1), [sign, httpRequestNode({ by: 'codeNode', api }, officialAccount, '[$json.userId]')]);
}

/**
 * (iii) what a user picks for a command our node lacks: one ID per item, the HTTP Request node alone with
 * Authentication: Predefined Credential Type → Tencent Chat API (the credential signs each call), Batching on.
 */
export function httpRequestCredentialWorkflow(id: string, baseUrl: string, officialAccount: string, subscribers: number, credential: Credential): BenchWorkflow {
	return chain(id, `bench: ${id}`, inputCode(subscribers, 1), [httpRequestNode({ by: 'credential', baseUrl, credential }, officialAccount, '[$json.userId]')]);
}

/** (ii) a Code node groups 100 IDs per item and signs, the HTTP Request node sends one call per group. */
export function httpRequestChunkedWorkflow(id: string, api: Api, officialAccount: string, subscribers: number, idsPerCall: number): BenchWorkflow {
	const group = node(SIGN_NODE, 'n8n-nodes-base.code', 2, 0, {
		jsCode: [
			userSigCode(api),
			'const ids = $input.all().map((item) => item.json.userId);',
			'const groups = [];',
			`for (let start = 0; start < ids.length; start += ${idsPerCall}) groups.push({ json: { ids: ids.slice(start, start + ${idsPerCall}), userSig } });`,
			'return groups;',
		].join('\n'),
	});
	return chain(id, `bench: ${id}`, inputCode(subscribers, 1), [group, httpRequestNode({ by: 'codeNode', api }, officialAccount, '$json.ids')]);
}

/**
 * The webhook shape, `runs` times in one execution: Loop Over Items (batch size 1) hands our node one item
 * with one ID per run, so each run is one item, one ID, in a warm process (as in a long-running n8n).
 */
export function webhookLoopWorkflow(id: string, officialAccount: string, runs: number, credential: Credential): BenchWorkflow {
	const loop = node('Loop Over Items', 'n8n-nodes-base.splitInBatches', 3, 2, { batchSize: 1, options: {} });
	const ours = { ...ourNode(officialAccount, { from: 'defineBelow', expression: '={{ $json.userId }}' }, credential), id: node('', '', 0, 3, {}).id, position: [660, 0] as [number, number] };
	const base = chain(id, `bench: ${id}`, inputCode(runs, 1), []);
	base.nodes.push(loop, ours);
	base.connections['Input Items'] = { main: [[{ node: loop.name, type: 'main', index: 0 }]] };
	base.connections[loop.name] = { main: [[], [{ node: OUR_NODE, type: 'main', index: 0 }]] };
	base.connections[OUR_NODE] = { main: [[{ node: loop.name, type: 'main', index: 0 }]] };
	return base;
}

/**
 * Subscriber → Sync, one item per wanted contact (Input Field `userId`): the wanted IDs are `wanted` generated
 * IDs from `offset`, so against `current` generated subscribers from 0 the sync adds `offset` and removes `offset`.
 */
export function syncWorkflow(id: string, officialAccount: string, wanted: number, offset: number, credential: Credential): BenchWorkflow {
	const sync = {
		...node(SYNC_NODE, PACKAGE_NODE_TYPE, 1, 0, {
			resource: 'subscriber',
			operation: 'sync',
			officialAccount,
			subscriberIdsFrom: 'inputField',
			subscriberIdField: 'userId',
			mode: 'addAndRemove',
			options: { output: 'summary' },
		}),
		credentials: { tencentChatApi: credential },
	};
	return chain(id, `bench: ${id}`, inputCode(wanted, 1, offset), [sync]);
}
