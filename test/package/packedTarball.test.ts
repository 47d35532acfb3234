// The published artefact, tested as n8n would meet it: `npm pack` the repo, check its exact file list (derived
// from the sources: no source maps, CHANGELOG.md included), extract it, load it with n8n-core's
// PackageDirectoryLoader (what n8n uses for packages in ~/.n8n/nodes), then run Subscriber → Delete from the
// loaded classes inside n8n-core's WorkflowExecute against the emulator.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';

import type { IDataObject, INodeExecutionData, INodeTypeDescription } from 'n8n-workflow';

import { loadCommunityPackage, type LoadedPackage } from '../../scripts/lib/n8nPackage';
import { DEFAULT_APP, DEMO_SEED, startEmulator, type TencentChatEmulator } from '../emulator';
import { runNode } from '../engine/runNode';
import { emulatorCredentials } from '../engine/emulatorCredentials';

const REPO = resolve(__dirname, '..', '..');
const PACKAGE_NAME = 'n8n-nodes-tencent-chat';
const NODE_NAME = 'tencentChatOfficialAccount';
const TRIGGER_NAME = 'tencentChatOfficialAccountTrigger';
const CREDENTIAL_NAME = 'tencentChatApi';
const CODEX = 'dist/nodes/TencentChatOfficialAccount/TencentChatOfficialAccount.node.json';
const ACCOUNT = '@TOA#_demo_news';
const DELETE_COMMAND = 'official_account_open_http_svc/delete_subscriber';

function filesUnder(root: string, dir = root): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = join(dir, entry.name);
		return entry.isDirectory() ? filesUnder(root, full) : [relative(root, full).split(sep).join('/')];
	});
}

function newestMtime(paths: string[]): number {
	let newest = 0;
	for (const path of paths) {
		if (!existsSync(path)) continue;
		const stat = statSync(path);
		if (stat.isDirectory()) newest = Math.max(newest, newestMtime(readdirSync(path).map((name) => join(path, name))));
		else newest = Math.max(newest, stat.mtimeMs);
	}
	return newest;
}

/** Source files under `dir` (relative to the repo) whose name ends with `suffix`. */
function sourcesUnder(dir: string, suffix: string): string[] {
	return filesUnder(REPO, join(REPO, dir)).filter((file) => file.endsWith(suffix) && !file.endsWith('.d.ts'));
}

/**
 * Exactly what the tarball must hold, derived from the sources: each .ts of nodes/ and credentials/ as .js and
 * .d.ts (no source maps: they would point at .ts files the package does not ship), the codex files, the icons,
 * and package.json, README.md, LICENSE.md and CHANGELOG.md (the README links to it).
 */
function expectedTarballFiles(): string[] {
	const compiled = ['nodes', 'credentials'].flatMap((dir) => sourcesUnder(dir, '.ts')).flatMap((file) => {
		const base = `dist/${file.slice(0, -'.ts'.length)}`;
		return [`${base}.js`, `${base}.d.ts`];
	});
	const codex = sourcesUnder('nodes', '.node.json').map((file) => `dist/${file}`);
	const icons = readdirSync(join(REPO, 'icons')).filter((name) => name.endsWith('.svg')).map((name) => `dist/icons/${name}`);
	return [...compiled, ...codex, ...icons, 'package.json', 'README.md', 'LICENSE.md', 'CHANGELOG.md'].sort();
}

/**
 * Builds when dist/ is missing, older than any source, icon, codex or tsconfig, or holds files no source
 * produces any more (tsc never deletes them, so then dist/ is removed first).
 */
function ensureBuilt(): void {
	const distEntries = (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { n8n: { nodes: string[]; credentials: string[] } }).n8n;
	const outputs = [...distEntries.nodes, ...distEntries.credentials, CODEX].map((file) => join(REPO, file));
	const missing = outputs.some((file) => !existsSync(file));
	const oldestOutput = missing ? 0 : Math.min(...outputs.map((file) => statSync(file).mtimeMs));
	const newestSource = newestMtime(['nodes', 'credentials', 'icons', 'tsconfig.json'].map((path) => join(REPO, path)));
	const expected = new Set(expectedTarballFiles());
	const dist = join(REPO, 'dist');
	const leftovers = existsSync(dist) && filesUnder(REPO, dist).some((file) => !file.endsWith('.map') && !expected.has(file));
	if (leftovers) rmSync(dist, { recursive: true, force: true });
	if (leftovers || missing || oldestOutput < newestSource) {
		execFileSync('npm', ['run', 'build'], { cwd: REPO, stdio: 'pipe' });
	}
}

function iconFile(pkg: LoadedPackage, iconUrl: unknown): string {
	// The loader rewrites `file:` icons to `icons/<package>/<path inside the package>`, which n8n serves from the package dir.
	expect(typeof iconUrl).toBe('string');
	const prefix = `icons/${pkg.packageName}/`;
	expect(String(iconUrl).startsWith(prefix)).toBe(true);
	return String(iconUrl).slice(prefix.length);
}

function themedIcons(pkg: LoadedPackage, owner: { iconUrl?: unknown; icon?: unknown }): string[] {
	const { iconUrl } = owner;
	expect(iconUrl).toBeDefined();
	if (typeof iconUrl === 'string') return [iconFile(pkg, iconUrl)];
	const themed = iconUrl as { light: string; dark: string };
	return [iconFile(pkg, themed.light), iconFile(pkg, themed.dark)];
}

describe('the packed npm tarball', () => {
	let work: string;
	let packageDir: string;
	let tarballFiles: string[];
	let pkg: LoadedPackage;
	let emulator: TencentChatEmulator | undefined;

	beforeAll(async () => {
		ensureBuilt();
		work = mkdtempSync(join(tmpdir(), 'tencent-chat-pack-'));
		const packed = JSON.parse(
			execFileSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: REPO, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }),
		) as Array<{ filename: string }>;
		const tarball = join(work, packed[0].filename);
		const extracted = join(work, 'extracted');
		mkdirSync(extracted);
		execFileSync('tar', ['-xzf', tarball, '-C', extracted]);
		packageDir = join(extracted, 'package');
		tarballFiles = filesUnder(packageDir).sort();

		// n8n does not install a community package's peer dependency: its loader prepends n8n's own module
		// paths (NODE_PATH), so require('n8n-workflow') in dist/ resolves to the n8n-workflow n8n runs on.
		// The extracted folder sits in a temp dir with no node_modules above it, so link the repo's copy in
		// its place (the same one n8n-core here uses), without installing anything into the package itself.
		mkdirSync(join(packageDir, 'node_modules'));
		symlinkSync(join(REPO, 'node_modules', 'n8n-workflow'), join(packageDir, 'node_modules', 'n8n-workflow'), 'dir');

		// Under jest (NODE_ENV=test) n8n-core's loadClassInIsolation require()s each class directly instead of
		// through its vm context; module resolution from the package directory is the same either way.
		pkg = await loadCommunityPackage(packageDir);
	});

	afterAll(async () => {
		await emulator?.stop();
		if (work) rmSync(work, { recursive: true, force: true });
	});

	it('holds exactly the runtime files: package.json, README.md, LICENSE.md, CHANGELOG.md and the built dist/', () => {
		expect(tarballFiles).toEqual(expectedTarballFiles());
		// The same, spelled out for what matters most.
		expect(tarballFiles.filter((file) => file.endsWith('.map'))).toEqual([]);
		expect(tarballFiles.filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))).toEqual([]);
		expect(tarballFiles.filter((file) => /(^|\/)test\//.test(file) || file.endsWith('.tsbuildinfo'))).toEqual([]);
		expect(tarballFiles).toEqual(
			expect.arrayContaining([
				'CHANGELOG.md',
				'dist/nodes/TencentChatOfficialAccount/TencentChatOfficialAccount.node.js',
				'dist/nodes/TencentChatOfficialAccountTrigger/TencentChatOfficialAccountTrigger.node.js',
				'dist/credentials/TencentChatApi.credentials.js',
				'dist/icons/tencentChat.svg',
				'dist/icons/tencentChat.dark.svg',
				CODEX,
				'dist/nodes/TencentChatOfficialAccountTrigger/TencentChatOfficialAccountTrigger.node.json',
			]),
		);
		// No compiled file points at a source map.
		const pointing = tarballFiles.filter((file) => file.endsWith('.js') && readFileSync(join(packageDir, file), 'utf8').includes('sourceMappingURL'));
		expect(pointing).toEqual([]);
		// What package.json points n8n at is in the tarball.
		const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { name: string; n8n: { nodes: string[]; credentials: string[] } };
		expect(manifest.name).toBe(PACKAGE_NAME);
		for (const file of [...manifest.n8n.nodes, ...manifest.n8n.credentials]) expect(tarballFiles).toContain(file);
	});

	it('loads with PackageDirectoryLoader: the action node, the trigger and credential tencentChatApi', () => {
		expect(pkg.packageName).toBe(PACKAGE_NAME);
		expect(Object.keys(pkg.nodeTypes).sort()).toEqual([NODE_NAME, TRIGGER_NAME]);
		expect((pkg.nodeTypes[TRIGGER_NAME].description as INodeTypeDescription).group).toEqual(['trigger']);
		expect(Object.keys(pkg.credentialTypes)).toEqual([CREDENTIAL_NAME]);
		expect(pkg.typeName(NODE_NAME)).toBe(`${PACKAGE_NAME}.${NODE_NAME}`);
		// The classes come from the extracted tarball, not from the repo's dist/.
		const nodeSource = pkg.loader.resolveSourcePath(pkg.loader.nodeTypes[NODE_NAME].sourcePath);
		const credentialSource = pkg.loader.resolveSourcePath(pkg.loader.credentialTypes[CREDENTIAL_NAME].sourcePath);
		for (const source of [nodeSource, credentialSource]) {
			expect(source.startsWith(`${pkg.loader.directory}${sep}dist${sep}`)).toBe(true);
			expect(existsSync(source)).toBe(true);
		}
		expect(pkg.loader.directory.startsWith(REPO)).toBe(false);
		// The loader also records which nodes use the credential (n8n shows it in the credential's UI).
		expect([...(pkg.credentialTypes[CREDENTIAL_NAME].supportedNodes ?? [])].sort()).toEqual([NODE_NAME, TRIGGER_NAME]);
	});

	it('ships every icon the nodes and the credential reference', () => {
		const nodeIcons = themedIcons(pkg, pkg.nodeTypes[NODE_NAME].description);
		const triggerIcons = themedIcons(pkg, pkg.nodeTypes[TRIGGER_NAME].description);
		expect(triggerIcons.sort()).toEqual([...nodeIcons].sort());
		const credentialIcons = themedIcons(pkg, pkg.credentialTypes[CREDENTIAL_NAME] as { iconUrl?: unknown });
		for (const file of [...nodeIcons, ...credentialIcons]) {
			expect(tarballFiles).toContain(file);
			expect(readFileSync(join(packageDir, file), 'utf8')).toMatch(/<svg[\s>]/);
		}
		// Light and dark variants are different files.
		expect(new Set(nodeIcons).size).toBe(2);
	});

	it('ships the codex, which names the node by its package-qualified type', () => {
		expect(tarballFiles).toContain(CODEX);
		const codex = JSON.parse(readFileSync(join(packageDir, CODEX), 'utf8')) as { node: string; categories: string[] };
		expect(codex.node).toBe(`${PACKAGE_NAME}.${NODE_NAME}`);
		// The loader attached it to the node description, as n8n's node panel reads it.
		const description = pkg.nodeTypes[NODE_NAME].description as INodeTypeDescription;
		expect(description.codex?.categories).toEqual(codex.categories);
	});

	it('runs Subscriber → Delete from the loaded classes in the n8n engine against the emulator', async () => {
		emulator = await startEmulator({ port: 0, apps: DEMO_SEED.apps, accounts: DEMO_SEED.accounts });
		const tooLong = 'x'.repeat(40);
		const result = await runNode({
			nodeType: pkg.nodeTypes[NODE_NAME],
			typeName: pkg.typeName(NODE_NAME),
			credentialTypes: pkg.credentialTypes,
			credentials: { [CREDENTIAL_NAME]: emulatorCredentials(emulator) },
			parameters: { resource: 'subscriber', operation: 'delete', officialAccount: ACCOUNT, subscriberIds: '={{ $json.userIds }}', options: {} },
			input: [{ userIds: ['user001', 'user002'] }, { userIds: `user003, user101, ${tooLong}` }],
			onError: 'continueRegularOutput',
		});

		expect(result.status).toBe('success');
		const items = result.outputs[0] as INodeExecutionData[];
		const summary = items.map((item) => {
			const json = item.json as IDataObject;
			return [item.pairedItem, json.subscriberId, json.status, json.result];
		});
		expect(summary).toEqual([
			[{ item: 0 }, 'user001', 'deleted', 1],
			[{ item: 0 }, 'user002', 'deleted', 1],
			[{ item: 1 }, 'user003', 'deleted', 1],
			[{ item: 1 }, 'user101', 'notSubscribed', 2],
			[{ item: 1 }, tooLong, 'failed', null],
		]);
		for (const item of items) expect(item.json.officialAccount).toBe(ACCOUNT);
		expect(String(items[4].json.error)).toContain(tooLong);
		expect(String(items[4].json.error)).toContain('[item 1]');

		// One batched call (the invalid ID never leaves the node), and the emulator's state agrees.
		const calls = emulator.calls.filter((call) => call.command === DELETE_COMMAND);
		expect(calls).toHaveLength(1);
		expect((calls[0].body as IDataObject).SubscriberToDel_Account).toEqual(['user001', 'user002', 'user003', 'user101']);
		const left = emulator.subscribers(DEFAULT_APP.sdkAppId, ACCOUNT);
		expect(left).toHaveLength(97);
		for (const id of ['user001', 'user002', 'user003']) expect(left).not.toContain(id);
		expect(left).toContain('user004');
	});
});
