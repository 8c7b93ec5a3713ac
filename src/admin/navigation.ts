export const chatSettings = { name: 'Chat Settings', icon: 'Settings' };
