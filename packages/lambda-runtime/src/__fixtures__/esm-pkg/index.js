export async function handler() { return { esm: 'type-module' }; }
