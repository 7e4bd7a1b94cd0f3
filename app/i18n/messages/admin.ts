// The office pages under /admin.

export const zh = {} as const;

export const en: Record<keyof typeof zh, string> = {};
