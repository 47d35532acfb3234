// npm run demo: every operation of the built node, and its trigger, against a local emulator, as short
// tables. No Tencent account and no network needed. The npm script builds dist/ first.
//
// The node is the BUILT package, loaded from dist/ with n8n-core's PackageDirectoryLoader as n8n loads an
// installed community package, and each step runs it inside n8n-core's real WorkflowExecute; the steps
// that have an example (examples/*.workflow.json) take its parameters, On Error setting and input items
// (the Code node's jsCode is evaluated here), so they run exactly what a user imports. The steps are
// listed in scripts/lib/demo/steps/index.ts. Exit code 0 when every step succeeded and the emulator's
// state agrees with the outputs, 1 otherwise.
import { resolve } from 'node:path';

import type { INodeType } from 'n8n-workflow';

import { runDemo } from './lib/demo/runDemo';
import { loadCommunityPackage, useTempN8nUserFolder } from './lib/n8nPackage';

const REPO_ROOT = resolve(__dirname, '..');
const NODE_NAME = 'tencentChatOfficialAccount';
const TRIGGER_NAME = 'tencentChatOfficialAccountTrigger';

function required(types: Record<string, INodeType>, name: string): INodeType {
	const type = types[name];
	if (!type) throw new Error(`The built package has no node "${name}" (loaded: ${Object.keys(types).join(', ')}); run npm run build`);
	return type;
}

async function main(): Promise<number> {
	const userFolder = useTempN8nUserFolder('tencent-chat-demo-');
	try {
		const pkg = await loadCommunityPackage(REPO_ROOT);
		const result = await runDemo({
			pkg: {
				node: required(pkg.nodeTypes, NODE_NAME),
				trigger: required(pkg.nodeTypes, TRIGGER_NAME),
				packageName: pkg.packageName,
				nodeTypeName: pkg.typeName(NODE_NAME),
				credentialTypes: pkg.credentialTypes,
				origin: `${pkg.packageName} loaded from dist/ by n8n-core's PackageDirectoryLoader`,
			},
			repoRoot: REPO_ROOT,
			print: (line = '') => console.log(line),
		});
		if (result.problems.length > 0) {
			console.log('\nDemo FAILED:');
			for (const problem of result.problems) console.log(`  - ${problem}`);
			return 1;
		}
		console.log(`\nDemo OK in ${(result.tookMs / 1000).toFixed(1)} s. To try the same in n8n: npm run emulator, then import examples/*.workflow.json (README, Quick start).`);
		return 0;
	} finally {
		userFolder.cleanup();
	}
}

main().then(
	(code) => process.exit(code),
	(error: unknown) => {
		console.error('\nDemo FAILED:', error instanceof Error ? (error.stack ?? error.message) : error);
		process.exit(1);
	},
);
