// Zod messages are translation keys, with values after a "?": "error.tooLong?max=200". The form
// components translate them, so one schema speaks both languages in the browser and on the server.

export function message(key: string, values?: Record<string, string | number>): string {
  return values ? `${key}?${new URLSearchParams(Object.entries(values).map(([k, v]) => [k, String(v)]))}` : key;
}

export function parseMessage(text: string): { key: string; values: Record<string, string> } {
  const [key, query] = text.split("?", 2) as [string, string | undefined];
  return { key, values: Object.fromEntries(new URLSearchParams(query ?? "")) };
}
