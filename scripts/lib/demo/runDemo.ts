// Runs the demo steps in order against one emulator seeded with the demo app, then prints a summary.
import { performance } from 'node:perf_hooks';

import { DEFAULT_APP, DEMO_SEED, startEmulator, type TencentChatEmulator } from '../../../test/emulator';
import { emulatorCredentials } from '../../../test/engine/emulatorCredentials';
import { formatTable } from '../table';
import type { DemoContext, DemoPackage } from './context';
import { DEMO_STEPS, type DemoStep } from './steps';

export interface DemoOptions {
	pkg: DemoPackage;
	repoRoot: string;
	print(line?: string): void;
	/** Default: every step. */
	steps?: DemoStep[];
}

export interface DemoResult {
	problems: string[];
	/** The resources of the steps that ran, in order (the demo's test checks that each one is shown). */
	resources: string[];
	tookMs: number;
}

async function stopQuietly(emulator: TencentChatEmulator): Promise<void> {
	// Bounded: a keep-alive socket must not keep the demo waiting.
	await Promise.race([emulator.stop(), new Promise((done) => setTimeout(done, 2000).unref())]);
}

export async function runDemo(options: DemoOptions): Promise<DemoResult> {
	const { print } = options;
	const steps = options.steps ?? DEMO_STEPS;
	const started = performance.now();
	const problems: string[] = [];
	// Tencent's limits as they are (strict message limits too): the demo sends one broadcast.
	const emulator = await startEmulator({ port: 0, apps: DEMO_SEED.apps, accounts: DEMO_SEED.accounts });
	try {
		// Loaded only now: n8n-core must see N8N_USER_FOLDER (set by the caller) when it is first loaded.
		const { runNode } = await import('../../../test/engine/runNode');
		const demo: DemoContext = {
			emulator,
			pkg: options.pkg,
			runNode,
			credentials: emulatorCredentials(emulator),
			repoRoot: options.repoRoot,
			print,
			problem: (message) => void problems.push(message),
			shared: {},
			runs: [],
			step: 0,
		};
		const seeded = DEMO_SEED.accounts[0];
		print('Tencent Chat Official Account: a demo of every operation, against the local emulator (no Tencent account needed)');
		print(`Nodes: ${options.pkg.origin}, run inside n8n-core's WorkflowExecute (the trigger in its WebhookContext).`);
		print(`Emulator: ${emulator.url}, SDKAppID ${DEFAULT_APP.sdkAppId}, admin "${DEFAULT_APP.admins[0]}", ${seeded.officialAccount} with ${seeded.subscribers?.length ?? 0} subscribers (user001 … user100).`);
		for (const [index, step] of steps.entries()) {
			demo.step = index + 1;
			print('');
			print(`${index + 1}. ${step.resource}: ${step.title}`);
			await step.run(demo);
		}
		print('');
		print('Summary (node operations as n8n names them):');
		const rows = demo.runs.map((run) => [run.step, run.label, run.status, run.errorItems > 0 ? `${run.items} + ${run.errorItems} error` : run.items, run.calls]);
		for (const line of formatTable(['step', 'operation', 'result', 'items', 'API calls'], rows).split('\n')) print(`  ${line}`);
	} finally {
		await stopQuietly(emulator);
	}
	return { problems, resources: steps.map((step) => step.resource), tookMs: Math.round(performance.now() - started) };
}
