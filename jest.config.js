/** @type {import('jest').Config} */
const path = require('node:path');
const os = require('node:os');

// n8n-core writes an instance key to $N8N_USER_FOLDER/.n8n on first import; keep it out of $HOME.
process.env.N8N_USER_FOLDER = process.env.N8N_USER_FOLDER || path.join(os.tmpdir(), 'n8n-nodes-tencent-chat-jest');
// n8n-core's logger prints every node error of the engine tests (they are expected): silence it, so the output
// is the results only. Set N8N_LOG_LEVEL (e.g. debug) to see them; the workers inherit this environment.
process.env.N8N_LOG_LEVEL = process.env.N8N_LOG_LEVEL || 'silent';

module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }],
	},
	testTimeout: 60000,
	// Engine tests share the process-wide rate limiter per SDKAppID, so files run one after another.
	maxWorkers: 1,
	reporters: ['default', '<rootDir>/test/support/passFailReporter.js'],
};
