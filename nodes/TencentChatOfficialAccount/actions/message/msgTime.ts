import { unixSecondsToIso } from '../../helpers/unixTime';

/** Tencent's Unix-seconds message time, and the same as an ISO date for the n8n date tools. */
export function msgTimeFields(raw: unknown): { msgTime: number | null; msgTimeIso: string | null } {
	const seconds = Number(raw);
	if (raw === undefined || raw === null || !Number.isFinite(seconds)) return { msgTime: null, msgTimeIso: null };
	return { msgTime: seconds, msgTimeIso: unixSecondsToIso(seconds) };
}
