/**
 * A zlib stream (RFC 1950) made of stored, uncompressed deflate blocks (RFC 1951 §3.2.4).
 * Tencent's UserSig is a zlib stream, but verified community nodes may not import `zlib`; any inflater
 * accepts stored blocks, and Tencent's own Go library sends uncompressed streams.
 */

/** CMF 0x78 (deflate, 32 KiB window), FLG 0x01 (no dictionary, fastest); 0x7801 is divisible by 31. */
const ZLIB_HEADER = [0x78, 0x01];
const MAX_STORED_BLOCK = 0xffff;
const BLOCK_HEADER_BYTES = 5;
const ADLER_MODULUS = 65521;

export function adler32(data: Uint8Array): number {
	let a = 1;
	let b = 0;
	// 5552 is the largest run for which the sums cannot overflow 2^53 before the modulo (zlib uses it too).
	for (let start = 0; start < data.length; start += 5552) {
		const end = Math.min(start + 5552, data.length);
		for (let i = start; i < end; i++) {
			a += data[i];
			b += a;
		}
		a %= ADLER_MODULUS;
		b %= ADLER_MODULUS;
	}
	return ((b << 16) | a) >>> 0;
}

export function zlibStored(data: Uint8Array): Buffer {
	const blockCount = Math.max(1, Math.ceil(data.length / MAX_STORED_BLOCK));
	const out = Buffer.alloc(ZLIB_HEADER.length + blockCount * BLOCK_HEADER_BYTES + data.length + 4);
	out[0] = ZLIB_HEADER[0];
	out[1] = ZLIB_HEADER[1];
	let pos = ZLIB_HEADER.length;
	for (let block = 0; block < blockCount; block++) {
		const start = block * MAX_STORED_BLOCK;
		const length = Math.min(MAX_STORED_BLOCK, data.length - start);
		out[pos] = block === blockCount - 1 ? 1 : 0; // BFINAL on the last block, BTYPE 00 = stored
		out.writeUInt16LE(length, pos + 1);
		out.writeUInt16LE(~length & 0xffff, pos + 3);
		pos += BLOCK_HEADER_BYTES;
		out.set(data.subarray(start, start + length), pos);
		pos += length;
	}
	out.writeUInt32BE(adler32(data), pos);
	return out;
}
