/** The desktop shell: the module's only public door (src/main/index.ts starts it). */
export { runShell } from './shell';
