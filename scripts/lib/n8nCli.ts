// The pinned real n8n (installed by scripts/lib/n8n-install.sh, the same cache as npm run test:e2e), driven
// from TypeScript: a fresh user folder with this repo installed as a community package, import commands,
// and `n8n execute` with the n8n process's CPU and memory sampled from /proc while it runs.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

import type { IRun } from 'n8n-workflow';

import { ProcSampler } from './procSampler';

const REPO_ROOT = resolve(__dirname, '../..');
const INSTALL_SCRIPT = join(REPO_ROOT, 'scripts/lib/n8n-install.sh');

export async function freePort(): Promise<number> {
	return await new Promise((resolvePort, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolvePort(port));
		});
	});
}

export interface ExecuteResult {
	exitCode: number | null;
	run: IRun | undefined;
	sampler: ProcSampler;
	stdoutFile: string;
	stderrTail: string;
}

export class N8nCli {
	readonly version: string;
	private readonly node24Bin: string;
	private readonly n8nJs: string;
	private readonly env: NodeJS.ProcessEnv;

	private constructor(
		readonly work: string,
		paths: Record<string, string>,
		env: NodeJS.ProcessEnv,
	) {
		this.node24Bin = paths.NODE24_BIN;
		this.n8nJs = paths.N8N_JS;
		this.version = paths.N8N_VERSION;
		this.env = env;
	}

	/** Makes sure the cache holds Node 24 + n8n, then installs the packed repo (dist/ must be built) into `work`. */
	static async create(work: string, extraEnv: NodeJS.ProcessEnv): Promise<N8nCli> {
		const tag = { ...process.env, N8N_INSTALL_TAG: 'bench' };
		const printed = execFileSync('bash', [INSTALL_SCRIPT, 'ensure'], { env: tag, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
		const paths = Object.fromEntries(printed.trim().split('\n').map((line) => line.split(/=(.*)/s).slice(0, 2)));
		const userFolder = join(work, 'n8n-home');
		mkdirSync(join(work, 'out'), { recursive: true });
		execFileSync('bash', [INSTALL_SCRIPT, 'install-package', userFolder, work], { env: tag, stdio: ['ignore', 'inherit', 'inherit'] });
		const env: NodeJS.ProcessEnv = {
			...process.env,
			PATH: `${paths.NODE24_BIN}:${process.env.PATH ?? ''}`,
			N8N_USER_FOLDER: userFolder,
			N8N_ENCRYPTION_KEY: 'n8n-nodes-tencent-chat-bench-fixed-key',
			N8N_LOG_FORMAT: 'json',
			N8N_LOG_LEVEL: 'info', // not "silent": the run data is logged at info level
			N8N_PORT: String(await freePort()),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_RUNNERS_BROKER_PORT: String(await freePort()),
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_DYNAMIC_BANNERS_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_HIRING_BANNER_ENABLED: 'false',
			N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
			N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
			DB_TYPE: 'sqlite',
			...extraEnv,
		};
		for (const key of Object.keys(env)) if (/^npm_(config|package|lifecycle)_/i.test(key)) delete env[key];
		delete env.N8N_COMMUNITY_PACKAGES_PREVENT_LOADING;
		delete env.N8N_CUSTOM_EXTENSIONS;
		delete env.N8N_EXPRESSION_ENGINE; // the benchmark measures n8n's default engine (vm)
		return new N8nCli(work, paths, env);
	}

	/** Runs an n8n command to the end (imports); throws with its output on failure. */
	command(args: string[]): void {
		try {
			execFileSync(join(this.node24Bin, 'node'), [this.n8nJs, ...args], { env: this.env, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
		} catch (error) {
			const failed = error as { stdout?: Buffer; stderr?: Buffer };
			throw new Error(`n8n ${args.join(' ')} failed:\n${String(failed.stdout ?? '').slice(-2000)}\n${String(failed.stderr ?? '').slice(-2000)}`);
		}
	}

	/** `n8n execute --id=<id> --rawOutput`, with /proc sampling of the n8n process; `nodeArgs` go to Node (e.g. --cpu-prof). */
	async execute(id: string, label: string, options: { timeoutMs: number; nodeArgs?: string[] }): Promise<ExecuteResult> {
		const stdoutFile = join(this.work, 'out', `${label}.stdout`);
		// stdout straight into a file, as the e2e script's shell redirect does: n8n exits with process.exit(),
		// which loses what is still queued for a pipe (the run data of a big execution is tens of MB).
		const stdoutFd = openSync(stdoutFile, 'w');
		const child = spawn(join(this.node24Bin, 'node'), [...(options.nodeArgs ?? []), this.n8nJs, 'execute', `--id=${id}`, '--rawOutput'], {
			env: this.env,
			stdio: ['ignore', stdoutFd, 'pipe'],
		});
		closeSync(stdoutFd);
		const sampler = new ProcSampler(child.pid ?? -1);
		let stderr = '';
		child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-4000)));
		const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
		const exitCode = await new Promise<number | null>((resolveExit) => child.on('close', (code) => resolveExit(code)));
		clearTimeout(timer);
		sampler.stop();
		const { extractRun } = (await import(pathToFileURL(join(REPO_ROOT, 'test/e2e/check-run.mjs')).href)) as {
			extractRun: (text: string) => { run?: IRun };
		};
		return { exitCode, run: extractRun(readFileSync(stdoutFile, 'utf8')).run, sampler, stdoutFile, stderrTail: stderr };
	}

	/** The port `n8n start` listens on. */
	get port(): number {
		return Number(this.env.N8N_PORT);
	}

	/**
	 * `n8n start` in the background (its own process group, so stopServer ends its task runner too), output in
	 * `<work>/out/<label>.log`; `extraEnv` applies to this start only (e.g. expression-engine settings).
	 */
	startServer(label: string, extraEnv: NodeJS.ProcessEnv = {}): { child: ChildProcess; logFile: string } {
		const logFile = join(this.work, 'out', `${label}.log`);
		const logFd = openSync(logFile, 'w');
		const child = spawn(join(this.node24Bin, 'node'), [this.n8nJs, 'start'], {
			env: { ...this.env, N8N_WEBHOOK_URL: `http://127.0.0.1:${this.port}/`, ...extraEnv },
			stdio: ['ignore', logFd, logFd],
			detached: true,
		});
		closeSync(logFd);
		return { child, logFile };
	}

	static async stopServer(child: ChildProcess): Promise<void> {
		if (child.exitCode !== null || child.pid === undefined) return;
		const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
		process.kill(-child.pid, 'SIGTERM');
		const timer = setTimeout(() => child.pid !== undefined && process.kill(-child.pid, 'SIGKILL'), 20000);
		await exited;
		clearTimeout(timer);
	}
}
