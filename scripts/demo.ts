// npm run demo: runs the example workflow's Tencent Chat node against a local emulator.
// No Tencent account and no network needed. The npm script builds dist/ first.
//
// 1. starts the Tencent Chat REST emulator on a free loopback port with the demo seed
//    (SDKAppID 1400000000, admin "administrator", @TOA#_demo_news with user001..user100);
// 2. loads the BUILT package from dist/ with n8n-core's PackageDirectoryLoader, as n8n loads an
//    installed community package (package.json n8n.nodes / n8n.credentials);
// 3. reads examples/delete-subscribers.workflow.json: the Tencent node's parameters and On Error
//    setting, and the input items its Code node returns (the jsCode is evaluated here);
// 4. runs that node inside n8n-core's real WorkflowExecute (test/engine/runNode.ts) and prints the
//    output items and the account's subscriber count before and after.
// Exit code 0 when the run succeeded and the emulator agrees with the output, 1 otherwise.
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';

import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { DEFAULT_APP, DEMO_SEED, startEmulator, type TencentChatEmulator } from '../test/emulator';
import { emulatorCredentials } from '../test/engine/emulatorCredentials';
import { readExampleWorkflow } from './lib/exampleWorkflow';
import { loadCommunityPackage, useTempN8nUserFolder } from './lib/n8nPackage';
import { formatTable } from './lib/table';

const REPO_ROOT = resolve(__dirname, '..');
const EXAMPLE = 'examples/delete-subscribers.workflow.json';
const DELETE_COMMAND = 'official_account_open_http_svc/delete_subscriber';

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

async function main(): Promise<number> {
	const userFolder = useTempN8nUserFolder('tencent-chat-demo-');
	const problems: string[] = [];
	console.log('Tencent Chat Official Account node: demo of "Delete Subscribers" (local emulator, no Tencent account)\n');

	const seedAccount = DEMO_SEED.accounts[0];
	const emulator = await startEmulator({ port: 0, apps: DEMO_SEED.apps, accounts: DEMO_SEED.accounts });
	try {
		section('1. Emulator', [
			`Tencent Chat REST emulator listening on ${emulator.url}`,
			`SDKAppID ${DEFAULT_APP.sdkAppId}, admin "${DEFAULT_APP.admins[0]}", ${seedAccount.officialAccount} with ${seedAccount.subscribers?.length ?? 0} subscribers (user001 … user100)`,
		]);

		const pkg = await loadCommunityPackage(REPO_ROOT);
		const example = readExampleWorkflow(resolve(REPO_ROOT, EXAMPLE), pkg.packageName);
		const nodeName = example.node.type.slice(pkg.packageName.length + 1);
		const nodeType = pkg.nodeTypes[nodeName];
		if (!nodeType) throw new Error(`The built package has no node "${nodeName}" (loaded: ${Object.keys(pkg.nodeTypes).join(', ')})`);
		const credentialName = Object.keys(example.node.credentials ?? {})[0] ?? 'tencentChatApi';
		if (!pkg.credentialTypes[credentialName]) throw new Error(`The built package has no credential type "${credentialName}"`);
		section('2. Package', [
			`${pkg.packageName} loaded from dist/ by n8n-core's PackageDirectoryLoader`,
			`node ${pkg.typeName(nodeName)}, credential ${Object.keys(pkg.credentialTypes).join(', ')}`,
		]);

		const officialAccount = String(example.parameters.officialAccount);
		section('3. Workflow', [
			`${EXAMPLE} ("${example.workflow.name}"), node "${example.node.name}"`,
			`Official Account ${officialAccount}, Subscriber IDs ${String(example.parameters.subscriberIds)}, On Error ${example.onError ?? 'stopWorkflow'}`,
			`input items returned by the Code node "${example.codeNode.name}":`,
			...example.input.map((item, index) => `  [${index}] ${JSON.stringify(item.json)}`),
		]);

		const before = emulator.subscribers(DEFAULT_APP.sdkAppId, officialAccount);
		const credentials = emulatorCredentials(emulator);
		// Imported only now: n8n-core must see N8N_USER_FOLDER (set above) when it is first loaded.
		const { runNode } = await import('../test/engine/runNode');
		const started = performance.now();
		const result = await runNode({
			nodeType,
			typeName: example.node.type,
			credentialTypes: pkg.credentialTypes,
			credentials: { [credentialName]: credentials },
			parameters: example.parameters,
			input: example.input,
			onError: example.onError,
		});
		const tookMs = Math.round(performance.now() - started);
		const after = emulator.subscribers(DEFAULT_APP.sdkAppId, officialAccount);
		const items = result.outputs[0] ?? [];
		const calls = emulator.calls.filter((call) => call.command === DELETE_COMMAND).length;
		section('4. Run', [
			`n8n-core WorkflowExecute finished with status "${result.status}" in ${tookMs} ms: ${items.length} output items, ${calls} API call(s)`,
		]);
		console.log('');

		if (result.status !== 'success') {
			problems.push(`the run ended with status "${result.status}": ${result.error?.message ?? 'no error message'}`);
		}

		const rows = items.map((item) => {
			const json = item.json as IDataObject;
			return [
				pairedIndex(item),
				json.subscriberId as string,
				json.status as string,
				json.result === null || json.result === undefined ? '—' : String(json.result),
				(json.reason as string | undefined) ?? (json.error as string | undefined) ?? '',
			];
		});
		if (rows.length > 0) {
			console.log(formatTable(['item', 'subscriber', 'status', 'result', 'error'], rows, 100));
			console.log('');
		}
		const failed = items.filter((item) => (item.json as IDataObject).status === 'failed');
		if (failed.length > 0) {
			console.log('Failed items carry an `error` message (what the next node sees):');
			for (const item of failed) console.log(`  - ${String((item.json as IDataObject).error)}`);
			console.log('');
		}

		const deleted = items.filter((item) => (item.json as IDataObject).status === 'deleted').map((item) => String(item.json.subscriberId));
		const afterSet = new Set(after);
		const counts = { deleted: 0, notSubscribed: 0, failed: 0 } as Record<string, number>;
		for (const item of items) counts[String(item.json.status)] = (counts[String(item.json.status)] ?? 0) + 1;
		console.log(
			`Subscribers of ${officialAccount}: ${before.length} before, ${after.length} after ` +
				`(${counts.deleted} deleted, ${counts.notSubscribed} not subscribed, ${counts.failed} failed).`,
		);

		// The emulator's state must agree with what the node reported.
		if (before.length - after.length !== deleted.length) {
			problems.push(`the emulator lost ${before.length - after.length} subscribers but the node reported ${deleted.length} deletions`);
		}
		for (const id of deleted) if (afterSet.has(id)) problems.push(`${id} was reported deleted but is still subscribed`);
		if (items.length === 0 && example.input.length > 0) problems.push('the node returned no items');
		for (const item of failed) {
			const code = (item.json as IDataObject).errorCode;
			if (code !== 'INVALID_ID') problems.push(`unexpected failure (${String(code)}): ${String(item.json.error)}`);
		}
	} finally {
		await stopQuietly(emulator);
		userFolder.cleanup();
	}

	if (problems.length > 0) {
		console.log('\nDemo FAILED:');
		for (const problem of problems) console.log(`  - ${problem}`);
		return 1;
	}
	console.log('\nDemo OK. Import the same workflow into n8n: see the sticky note in examples/delete-subscribers.workflow.json.');
	return 0;
}

main().then(
	(code) => process.exit(code),
	(error: unknown) => {
		console.error('\nDemo FAILED:', error instanceof Error ? (error.stack ?? error.message) : error);
		process.exit(1);
	},
);
