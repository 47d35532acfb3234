// `npm run demo` as a test: its step runner against the emulator, with the node classes from source (the
// script loads the same classes from dist/). Every step must succeed with the emulator agreeing, and every
// resource the node offers must be shown.
import { resolve } from 'node:path';

import type { INodeProperties } from 'n8n-workflow';

import { TencentChatApi } from '../../credentials/TencentChatApi.credentials';
import { TencentChatOfficialAccount } from '../../nodes/TencentChatOfficialAccount/TencentChatOfficialAccount.node';
import { TencentChatOfficialAccountTrigger } from '../../nodes/TencentChatOfficialAccountTrigger/TencentChatOfficialAccountTrigger.node';
import { runDemo, type DemoResult } from '../../scripts/lib/demo/runDemo';
import { NODE_TYPE_NAME } from '../engine/tencentNode';

const node = new TencentChatOfficialAccount();
const lines: string[] = [];
let result: DemoResult;

beforeAll(async () => {
	result = await runDemo({
		pkg: {
			node,
			trigger: new TencentChatOfficialAccountTrigger(),
			packageName: 'n8n-nodes-tencent-chat',
			nodeTypeName: NODE_TYPE_NAME,
			credentialTypes: { tencentChatApi: new TencentChatApi() },
			origin: 'the source classes',
		},
		repoRoot: resolve(__dirname, '..', '..'),
		print: (line = '') => void lines.push(line),
	});
});

function resourceNames(): string[] {
	const resource = node.description.properties.find((property: INodeProperties) => property.name === 'resource');
	return (resource?.options ?? []).map((option) => option.name);
}

it('runs every step without a problem', () => {
	expect(result.problems).toEqual([]);
	expect(lines.join('\n')).toMatch(/Summary/);
});

it('shows every resource of the node, and the trigger', () => {
	// A resource without a step fails here: add its step to scripts/lib/demo/steps/index.ts.
	const shown = new Set(result.resources);
	expect(resourceNames().filter((name) => !shown.has(name))).toEqual([]);
	expect(shown.has('Trigger')).toBe(true);
	const output = lines.join('\n');
	for (const name of resourceNames()) expect(output).toContain(`${name} → `);
});

it("prints n8n's labels, not internal values", () => {
	const output = lines.join('\n');
	expect(output).toContain('Continue (using error output)');
	expect(output).not.toMatch(/continueRegularOutput|continueErrorOutput|stopWorkflow/);
	expect(output).toContain('After Add Subscriber');
});

it('shows the broadcast delivered once although its reply was lost', () => {
	expect(lines.join('\n')).toMatch(/delivered to the subscribers: 1 time\(s\)/);
});
