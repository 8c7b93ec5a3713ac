// The menu group every settings resource sits in. `name` is a locale key (labels.chatSettings in
// locale/en.ts): AdminJS groups resources by it and shows its translation.
export const chatSettings = { name: 'chatSettings', icon: 'Settings' };
