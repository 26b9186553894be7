export { main } from './main';
export { preset } from './preset';
