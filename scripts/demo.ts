// npm run demo: runs the Subscriber operations of the built node against a local emulator:
// Add (the form example's sample submissions), Get Many, Update, and Delete (the delete example).
// No Tencent account and no network needed. The npm script builds dist/ first.
//
// 1. starts the Tencent Chat REST emulator on a free loopback port with the demo seed
//    (SDKAppID 1400000000, admin "administrator", @TOA#_demo_news with user001..user100);
// 2. loads the BUILT package from dist/ with n8n-core's PackageDirectoryLoader, as n8n loads an
//    installed community package (package.json n8n.nodes / n8n.credentials);
// 3. runs each step's node inside n8n-core's real WorkflowExecute (test/engine/runNode.ts); the Add and
//    Delete steps take the node's parameters, On Error setting and input items from examples/*.workflow.json
//    (the Code node's jsCode is evaluated here), so they run exactly what a user imports;
// 4. prints each step's output and checks it against the emulator's state.
// Exit code 0 when every step succeeded and the emulator agrees with the outputs, 1 otherwise.
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';

import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { DEFAULT_APP, DEMO_SEED, startEmulator, type TencentChatEmulator } from '../test/emulator';
import { emulatorCredentials } from '../test/engine/emulatorCredentials';
import type { OnError, RunNodeResult } from '../test/engine/runNode';
import { readExampleWorkflow, type ExampleRun } from './lib/exampleWorkflow';
import { loadCommunityPackage, useTempN8nUserFolder, type LoadedPackage } from './lib/n8nPackage';
import { formatTable, type Cell } from './lib/table';

const REPO_ROOT = resolve(__dirname, '..');
const ADD_EXAMPLE = 'examples/add-subscribers-form.workflow.json';
const DELETE_EXAMPLE = 'examples/delete-subscribers.workflow.json';
const APP = DEFAULT_APP.sdkAppId;
const UPDATED_USER = 'user201';
const CUSTOM_STRING = '{"tier":"gold","source":"demo"}';

function section(step: string, lines: string[]): void {
	const [first, ...rest] = lines;
	console.log(`${step.padEnd(13)}${first ?? ''}`);
	for (const line of rest) console.log(`${' '.repeat(13)}${line}`);
}

function pairedIndex(item: INodeExecutionData): number | undefined {
	const paired = Array.isArray(item.pairedItem) ? item.pairedItem[0] : item.pairedItem;
	return typeof paired === 'number' ? paired : paired?.item;
}

async function stopQuietly(emulator: TencentChatEmulator): Promise<void> {
	// Bounded: a keep-alive socket must not keep the demo waiting.
	await Promise.race([emulator.stop(), new Promise((done) => setTimeout(done, 2000).unref())]);
}

function printTable(headers: string[], rows: Cell[][]): void {
	if (rows.length === 0) return;
	console.log(formatTable(headers, rows, 100));
	console.log('');
}

interface Demo {
	emulator: TencentChatEmulator;
	pkg: LoadedPackage;
	nodeName: string;
	credentialName: string;
	runNode: typeof import('../test/engine/runNode').runNode;
	problems: string[];
}

/** Runs the package's node once and prints what it did; a run that did not succeed is a problem. */
async function runStep(demo: Demo, label: string, parameters: INodeParameters, input: Array<{ json: IDataObject }>, onError?: OnError): Promise<INodeExecutionData[]> {
	const nodeType = demo.pkg.nodeTypes[demo.nodeName];
	const callsBefore = demo.emulator.calls.length;
	const started = performance.now();
	const result: RunNodeResult = await demo.runNode({
		nodeType,
		typeName: demo.pkg.typeName(demo.nodeName),
		credentialTypes: demo.pkg.credentialTypes,
		credentials: { [demo.credentialName]: emulatorCredentials(demo.emulator) },
		parameters,
		input,
		onError,
	});
	const tookMs = Math.round(performance.now() - started);
	const items = result.outputs[0] ?? [];
	const calls = demo.emulator.calls.length - callsBefore;
	console.log(`  → status "${result.status}" in ${tookMs} ms: ${items.length} output item(s), ${calls} API call(s)\n`);
	if (result.status !== 'success') demo.problems.push(`${label}: the run ended with status "${result.status}": ${result.error?.message ?? 'no error message'}`);
	return items;
}

function example(demo: Demo, file: string): ExampleRun {
	const run = readExampleWorkflow(resolve(REPO_ROOT, file), demo.pkg.packageName);
	if (run.node.type !== demo.pkg.typeName(demo.nodeName)) throw new Error(`${file}: unexpected node type ${run.node.type}`);
	return run;
}

async function addStep(demo: Demo, account: string): Promise<void> {
	const run = example(demo, ADD_EXAMPLE);
	section('3. Add', [
		`${ADD_EXAMPLE}, node "${run.node.name}" (Subscriber → Add, Subscriber IDs From: Input Field "${String(run.parameters.subscriberIdField)}")`,
		`input: the sample form submissions of "${run.codeNode.name}":`,
		...run.input.map((item, index) => `  [${index}] ${JSON.stringify(item.json)}`),
	]);
	const items = await runStep(demo, 'Add', run.parameters, run.input, run.onError);
	printTable(
		['item', 'subscriber', 'status', 'result'],
		items.map((item) => [pairedIndex(item), item.json.subscriberId as string, item.json.status as string, item.json.result as number]),
	);
	const subscribed = new Set(demo.emulator.subscribers(APP, account));
	for (const item of items) {
		if (item.json.status !== 'added' && item.json.status !== 'alreadySubscribed') demo.problems.push(`Add: unexpected status for ${String(item.json.subscriberId)}: ${String(item.json.error ?? item.json.status)}`);
		else if (!subscribed.has(String(item.json.subscriberId))) demo.problems.push(`Add: ${String(item.json.subscriberId)} was reported subscribed but the emulator does not have it`);
	}
}

async function listStep(demo: Demo, account: string): Promise<void> {
	section('4. Get Many', [`Subscriber → Get Many of ${account}, Return All (pages of 200 through the Next cursor)`]);
	const items = await runStep(demo, 'Get Many', { resource: 'subscriber', operation: 'getAll', officialAccount: account, returnAll: true, options: {} }, [{ json: {} }]);
	const shown = items.slice(-4);
	console.log(`The last ${shown.length} of ${items.length} subscribers:`);
	printTable(
		['subscriber', 'subscribeTimeIso', 'subscribeTime', 'msgFlag', 'customString'],
		shown.map((item) => [item.json.subscriberId as string, item.json.subscribeTimeIso as string, item.json.subscribeTime as number, item.json.msgFlag as string, item.json.customString as string]),
	);
	const listed = items.map((item) => String(item.json.subscriberId));
	const stored = demo.emulator.subscribers(APP, account);
	if (JSON.stringify(listed) !== JSON.stringify(stored)) demo.problems.push(`Get Many listed ${listed.length} subscribers, the emulator has ${stored.length} (or in another order)`);
}

async function updateStep(demo: Demo, account: string): Promise<void> {
	section('5. Update', [`Subscriber → Update: Custom String of ${UPDATED_USER} on ${account} set to ${CUSTOM_STRING}`]);
	const items = await runStep(
		demo,
		'Update',
		{ resource: 'subscriber', operation: 'update', officialAccount: account, subscriberId: UPDATED_USER, customString: CUSTOM_STRING, options: {} },
		[{ json: {} }],
	);
	printTable(['subscriber', 'updated', 'customString'], items.map((item) => [item.json.subscriberId as string, String(item.json.updated), item.json.customString as string]));
	const stored = demo.emulator.subscriberDetails(APP, account).find((subscriber) => subscriber.Subscriber_Account === UPDATED_USER);
	if (stored?.CustomString !== CUSTOM_STRING) demo.problems.push(`Update: the emulator holds ${JSON.stringify(stored?.CustomString)} for ${UPDATED_USER}`);
}

async function deleteStep(demo: Demo, account: string): Promise<void> {
	const run = example(demo, DELETE_EXAMPLE);
	section('6. Delete', [
		`${DELETE_EXAMPLE}, node "${run.node.name}" (Subscriber → Delete), On Error ${run.onError ?? 'stopWorkflow'}`,
		`input items returned by the Code node "${run.codeNode.name}":`,
		...run.input.map((item, index) => `  [${index}] ${JSON.stringify(item.json)}`),
	]);
	const before = demo.emulator.subscribers(APP, account);
	const items = await runStep(demo, 'Delete', run.parameters, run.input, run.onError);
	const after = demo.emulator.subscribers(APP, account);
	printTable(
		['item', 'subscriber', 'status', 'result', 'error'],
		items.map((item) => {
			const json = item.json;
			return [
				pairedIndex(item),
				json.subscriberId as string,
				json.status as string,
				json.result === null || json.result === undefined ? '—' : String(json.result),
				(json.reason as string | undefined) ?? (json.error as string | undefined) ?? '',
			];
		}),
	);
	const failed = items.filter((item) => item.json.status === 'failed');
	if (failed.length > 0) {
		console.log('Failed items carry an `error` message (what the next node sees):');
		for (const item of failed) console.log(`  - ${String(item.json.error)}`);
		console.log('');
	}
	const deleted = items.filter((item) => item.json.status === 'deleted').map((item) => String(item.json.subscriberId));
	const afterSet = new Set(after);
	// The emulator's state must agree with what the node reported.
	if (before.length - after.length !== deleted.length) {
		demo.problems.push(`Delete: the emulator lost ${before.length - after.length} subscribers but the node reported ${deleted.length} deletions`);
	}
	for (const id of deleted) if (afterSet.has(id)) demo.problems.push(`Delete: ${id} was reported deleted but is still subscribed`);
	if (items.length === 0 && run.input.length > 0) demo.problems.push('Delete: the node returned no items');
	for (const item of failed) {
		const code = item.json.errorCode;
		if (code !== 'INVALID_ID') demo.problems.push(`Delete: unexpected failure (${String(code)}): ${String(item.json.error)}`);
	}
}

async function main(): Promise<number> {
	const userFolder = useTempN8nUserFolder('tencent-chat-demo-');
	const problems: string[] = [];
	console.log('Tencent Chat Official Account node: demo of the Subscriber operations Add, Get Many, Update and Delete (local emulator, no Tencent account)\n');

	const seedAccount = DEMO_SEED.accounts[0];
	const account = seedAccount.officialAccount;
	const emulator = await startEmulator({ port: 0, apps: DEMO_SEED.apps, accounts: DEMO_SEED.accounts });
	try {
		section('1. Emulator', [
			`Tencent Chat REST emulator listening on ${emulator.url}`,
			`SDKAppID ${APP}, admin "${DEFAULT_APP.admins[0]}", ${account} with ${seedAccount.subscribers?.length ?? 0} subscribers (user001 … user100)`,
		]);

		const pkg = await loadCommunityPackage(REPO_ROOT);
		const nodeName = Object.keys(pkg.nodeTypes).find((name) => name === 'tencentChatOfficialAccount');
		if (!nodeName) throw new Error(`The built package has no node "tencentChatOfficialAccount" (loaded: ${Object.keys(pkg.nodeTypes).join(', ')})`);
		const credentialName = 'tencentChatApi';
		if (!pkg.credentialTypes[credentialName]) throw new Error(`The built package has no credential type "${credentialName}"`);
		section('2. Package', [
			`${pkg.packageName} loaded from dist/ by n8n-core's PackageDirectoryLoader`,
			`node ${pkg.typeName(nodeName)}, credential ${Object.keys(pkg.credentialTypes).join(', ')}`,
		]);
		console.log('');

		// Imported only now: n8n-core must see N8N_USER_FOLDER (set above) when it is first loaded.
		const { runNode } = await import('../test/engine/runNode');
		const demo: Demo = { emulator, pkg, nodeName, credentialName, runNode, problems };
		const start = emulator.subscribers(APP, account).length;
		await addStep(demo, account);
		await listStep(demo, account);
		await updateStep(demo, account);
		await deleteStep(demo, account);
		console.log(`Subscribers of ${account}: ${start} at the start, ${emulator.subscribers(APP, account).length} at the end.`);
	} finally {
		await stopQuietly(emulator);
		userFolder.cleanup();
	}

	if (problems.length > 0) {
		console.log('\nDemo FAILED:');
		for (const problem of problems) console.log(`  - ${problem}`);
		return 1;
	}
	console.log(`\nDemo OK. Import the same workflows into n8n: see the sticky notes in ${ADD_EXAMPLE} and ${DELETE_EXAMPLE}.`);
	return 0;
}

main().then(
	(code) => process.exit(code),
	(error: unknown) => {
		console.error('\nDemo FAILED:', error instanceof Error ? (error.stack ?? error.message) : error);
		process.exit(1);
	},
);
