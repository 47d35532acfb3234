// Loads a built community package the way n8n does, for the demo, the benchmark and the package test.
//
// n8n-core writes an instance key to $N8N_USER_FOLDER/.n8n/config the moment it is imported, so callers
// first call useTempN8nUserFolder() and only then loadCommunityPackage() (which imports n8n-core lazily).
// Nothing in this file imports n8n-core at module load time; `import type` is erased by the compiler.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { PackageDirectoryLoader } from 'n8n-core';
import type { ICredentialType, INodeType, IVersionedNodeType } from 'n8n-workflow';

export interface N8nUserFolder {
	path: string;
	/** Removes the folder when this process created it. */
	cleanup(): void;
}

/** Points N8N_USER_FOLDER at a fresh temp dir unless it is already set (e.g. by jest.config.js). */
export function useTempN8nUserFolder(prefix = 'n8n-nodes-tencent-chat-'): N8nUserFolder {
	const existing = process.env.N8N_USER_FOLDER;
	if (existing) return { path: existing, cleanup: () => undefined };
	const path = mkdtempSync(join(tmpdir(), prefix));
	process.env.N8N_USER_FOLDER = path;
	// A throwaway key for the fresh folder, so n8n-core does not log "No encryption key found - Auto-generating".
	process.env.N8N_ENCRYPTION_KEY ??= 'n8n-nodes-tencent-chat-local-tooling';
	return { path, cleanup: () => rmSync(path, { recursive: true, force: true }) };
}

export interface LoadedPackage {
	packageName: string;
	loader: PackageDirectoryLoader;
	/** By node name (description.name), e.g. tencentChatOfficialAccount. */
	nodeTypes: Record<string, INodeType>;
	/** By credential name, e.g. tencentChatApi. */
	credentialTypes: Record<string, ICredentialType>;
	/** The type a workflow uses for a node of this package: `<package name>.<node name>`. */
	typeName(nodeName: string): string;
}

/**
 * n8n-core's PackageDirectoryLoader on `packageDir`: reads package.json `n8n.nodes` / `n8n.credentials`,
 * instantiates each class (through its vm-isolated require outside tests), attaches the codex and
 * rewrites `file:` icons to icon URLs, exactly as n8n does for an installed community package.
 */
export async function loadCommunityPackage(packageDir: string): Promise<LoadedPackage> {
	if (!process.env.N8N_USER_FOLDER) {
		throw new Error('Call useTempN8nUserFolder() before loading n8n-core (it writes an instance key on import)');
	}
	const { PackageDirectoryLoader } = await import('n8n-core');
	const loader = new PackageDirectoryLoader(packageDir);
	await loader.loadAll();
	const nodeTypes: Record<string, INodeType> = {};
	for (const [name, entry] of Object.entries(loader.nodeTypes)) {
		const type = entry.type as INodeType | IVersionedNodeType;
		if ('nodeVersions' in type) throw new Error(`Versioned node ${name} is not supported by these scripts`);
		nodeTypes[name] = type;
	}
	const credentialTypes: Record<string, ICredentialType> = {};
	for (const [name, entry] of Object.entries(loader.credentialTypes)) credentialTypes[name] = entry.type;
	return {
		packageName: loader.packageName,
		loader,
		nodeTypes,
		credentialTypes,
		typeName: (nodeName) => `${loader.packageName}.${nodeName}`,
	};
}
