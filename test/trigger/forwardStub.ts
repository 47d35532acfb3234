// A stand-in for an app's own callback backend: records every request byte for byte and answers as told.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StubRequest {
	method: string;
	/** Path and query exactly as received. */
	url: string;
	contentType: string | undefined;
	body: Buffer;
}

export interface StubAnswer {
	status: number;
	body: string;
	contentType?: string;
	/** Waits this long before answering (a slow backend). */
	delayMs?: number;
}

export interface ForwardStub {
	/** Base URL, e.g. http://127.0.0.1:1234/tencent/callback */
	url: string;
	requests: StubRequest[];
	answer: StubAnswer;
	stop(): Promise<void>;
}

export async function startForwardStub(answer: StubAnswer = { status: 200, body: '{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0}', contentType: 'application/json' }): Promise<ForwardStub> {
	const requests: StubRequest[] = [];
	const pending = new Set<NodeJS.Timeout>();
	const stub = { requests, answer } as ForwardStub;
	const server: Server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			requests.push({ method: req.method ?? '', url: req.url ?? '', contentType: req.headers['content-type'], body: Buffer.concat(chunks) });
			const { status, body, contentType, delayMs } = stub.answer;
			const send = () => {
				if (res.destroyed) return;
				res.writeHead(status, contentType ? { 'content-type': contentType } : {});
				res.end(body);
			};
			if (!delayMs) return send();
			const timer = setTimeout(() => {
				pending.delete(timer);
				send();
			}, delayMs);
			pending.add(timer);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	stub.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/tencent/callback`;
	stub.stop = async () => {
		for (const timer of pending) clearTimeout(timer);
		server.closeAllConnections();
		await new Promise<void>((resolve) => server.close(() => resolve()));
	};
	return stub;
}

/** A URL on which nothing listens: a port that was just free. */
export async function unreachableUrl(): Promise<string> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	await new Promise<void>((resolve) => server.close(() => resolve()));
	return `http://127.0.0.1:${port}/tencent/callback`;
}
