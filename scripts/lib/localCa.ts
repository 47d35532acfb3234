// A throwaway certificate authority and a server certificate for 127.0.0.1, made with the openssl CLI.
// The benchmark serves the emulator over HTTPS with it (Tencent is HTTPS only, so a real client pays a
// TLS handshake per call) and lets the n8n process trust the CA through NODE_EXTRA_CA_CERTS.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface LocalCa {
	/** PEM file of the CA certificate: what NODE_EXTRA_CA_CERTS points at. */
	caCertFile: string;
	caCert: string;
	/** PEM key and certificate of the server (CN and subjectAltName 127.0.0.1). */
	serverKey: string;
	serverCert: string;
}

function openssl(args: string[], cwd: string): void {
	execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

/** Writes the CA and the server certificate into `dir` (created if needed); valid for 2 days. */
export function makeLocalCa(dir: string): LocalCa {
	mkdirSync(dir, { recursive: true });
	const ecKey = (file: string) => openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', file], dir);
	ecKey('ca.key');
	openssl(['req', '-x509', '-new', '-key', 'ca.key', '-sha256', '-days', '2', '-subj', '/CN=n8n-nodes-tencent-chat bench CA', '-out', 'ca.pem'], dir);
	ecKey('server.key');
	openssl(['req', '-new', '-key', 'server.key', '-subj', '/CN=127.0.0.1', '-out', 'server.csr'], dir);
	writeFileSync(
		join(dir, 'server.ext'),
		'subjectAltName = IP:127.0.0.1\nbasicConstraints = CA:FALSE\nkeyUsage = digitalSignature\nextendedKeyUsage = serverAuth\n',
	);
	openssl(
		['x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-days', '2', '-sha256', '-extfile', 'server.ext', '-out', 'server.pem'],
		dir,
	);
	return {
		caCertFile: join(dir, 'ca.pem'),
		caCert: readFileSync(join(dir, 'ca.pem'), 'utf8'),
		serverKey: readFileSync(join(dir, 'server.key'), 'utf8'),
		serverCert: readFileSync(join(dir, 'server.pem'), 'utf8'),
	};
}
