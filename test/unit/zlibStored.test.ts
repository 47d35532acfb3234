// zlibStored: RFC 1950 stream of RFC 1951 stored blocks, checked against node:zlib and a naive Adler-32.
import { inflateSync } from 'node:zlib';

import { adler32, zlibStored } from '../../nodes/TencentChatOfficialAccount/tencent/zlibStored';

/** Deterministic bytes (xorshift32), so a failure can be reproduced. */
function pseudoRandomBytes(length: number, seed: number): Buffer {
	const out = Buffer.alloc(length);
	let x = seed >>> 0 || 1;
	for (let i = 0; i < length; i++) {
		x ^= x << 13;
		x >>>= 0;
		x ^= x >>> 17;
		x ^= x << 5;
		x >>>= 0;
		out[i] = x & 0xff;
	}
	return out;
}

/** Adler-32 straight from RFC 1950 §8.2: both sums reduced after every byte. */
function naiveAdler32(data: Uint8Array): number {
	let a = 1;
	let b = 0;
	for (const byte of data) {
		a = (a + byte) % 65521;
		b = (b + a) % 65521;
	}
	return b * 65536 + a;
}

const MAX_STORED = 65535;

describe('zlibStored', () => {
	const sizes: Array<[string, number]> = [
		['0 B', 0],
		['42 B', 42],
		['exactly 65535 B (one full stored block)', 65535],
		['65536 B (one byte into a second block)', 65536],
		['200 KB', 200 * 1024],
	];

	it.each(sizes)('round-trips %s of random data through zlib.inflateSync', (_label, size) => {
		const data = pseudoRandomBytes(size, size + 7);
		const stream = zlibStored(data);
		expect(inflateSync(stream).equals(data)).toBe(true);
	});

	it.each(sizes)('frames %s as header, ceil(n/65535) stored blocks (at least one) and a big-endian Adler-32', (_label, size) => {
		const data = pseudoRandomBytes(size, size + 11);
		const stream = zlibStored(data);
		expect(stream[0]).toBe(0x78);
		expect(stream[1]).toBe(0x01);
		expect((stream[0] * 256 + stream[1]) % 31).toBe(0);
		const blocks = Math.max(1, Math.ceil(size / MAX_STORED));
		expect(stream.length).toBe(2 + blocks * 5 + size + 4);
		// Walk the blocks as an inflater would.
		let pos = 2;
		let copied = 0;
		for (let block = 0; block < blocks; block++) {
			const isLast = block === blocks - 1;
			expect(stream[pos]).toBe(isLast ? 0x01 : 0x00);
			const len = stream.readUInt16LE(pos + 1);
			const nlen = stream.readUInt16LE(pos + 3);
			expect(len ^ nlen).toBe(0xffff);
			expect(len).toBe(Math.min(MAX_STORED, size - copied));
			expect(stream.subarray(pos + 5, pos + 5 + len).equals(data.subarray(copied, copied + len))).toBe(true);
			pos += 5 + len;
			copied += len;
		}
		expect(copied).toBe(size);
		expect(stream.readUInt32BE(pos)).toBe(naiveAdler32(data));
		expect(pos + 4).toBe(stream.length);
	});

	it('makes zlib reject a stream whose checksum was tampered with (the trailer is really checked)', () => {
		const stream = zlibStored(Buffer.from('{"TLS.ver":"2.0"}'));
		stream[stream.length - 1] ^= 0xff;
		expect(() => inflateSync(stream)).toThrow();
	});
});

describe('adler32', () => {
	it('is 1 for no data (RFC 1950 initial value)', () => {
		expect(adler32(new Uint8Array(0))).toBe(naiveAdler32(new Uint8Array(0)));
		expect(adler32(new Uint8Array(0))).toBe(1);
	});

	it('matches the well-known value for "Wikipedia"', () => {
		expect(adler32(Buffer.from('Wikipedia', 'ascii'))).toBe(0x11e60398);
	});

	it.each([1, 100, 5551, 5552, 5553, 11104, 11105, 65536, 100_000, 300_000])(
		'matches the naive reference for %i random bytes',
		(size) => {
			const data = pseudoRandomBytes(size, size * 31 + 3);
			expect(adler32(data)).toBe(naiveAdler32(data));
		},
	);

	it('matches the naive reference for long runs of 0xff (largest sums, high bit of b set)', () => {
		for (const size of [5552, 5553, 20_000, 70_000, 1_000_000]) {
			const data = new Uint8Array(size).fill(0xff);
			const value = adler32(data);
			expect(value).toBe(naiveAdler32(data));
			expect(value).toBeGreaterThanOrEqual(0);
			expect(value).toBeLessThanOrEqual(0xffffffff);
		}
	});
});
