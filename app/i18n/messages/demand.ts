// The demand side: the scenario form and 'my organisation's scenarios'.

export const zh = {} as const;

export const en: Record<keyof typeof zh, string> = {};
