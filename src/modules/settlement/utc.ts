/** Times as the settlement module shows them; browser-safe (the agreements' views and routes use it). */

/** YYYY-MM-DDTHH:MM:SSZ of unix seconds. */
export const utcText = (seconds: number): string => `${new Date(seconds * 1000).toISOString().slice(0, 19)}Z`;
