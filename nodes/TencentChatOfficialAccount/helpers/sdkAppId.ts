import type { Checked } from './identifiers';

/** How the credential form asks for it, and what a fix points at. */
export const SDK_APP_ID_EXAMPLE = '1400000000';

export const SDK_APP_ID_FIX = `Copy the SDKAppID from the Tencent Chat console (Applications > your app): digits only, e.g. ${SDK_APP_ID_EXAMPLE}.`;

/**
 * The credential's SDKAppID as a number. Credentials saved before the field became text hold a number; newer
 * ones hold what was typed, so digits with spaces around them are fine, anything else is refused.
 */
export function checkSdkAppId(raw: unknown): Checked<number> {
	if (raw === undefined || raw === null || raw === '' || raw === 0) return { ok: false, reason: 'The Tencent Chat credential has no SDKAppID' };
	const text = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : undefined;
	const value = text !== undefined && /^\d+$/.test(text) ? Number(text) : NaN;
	if (!Number.isSafeInteger(value) || value <= 0) {
		const shown = typeof raw === 'string' || typeof raw === 'number' ? `"${String(raw)}"` : 'the value';
		return { ok: false, reason: `The SDKAppID ${shown} in the Tencent Chat credential is not an app's number (digits only)` };
	}
	return { ok: true, value };
}
