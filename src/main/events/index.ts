/** Live updates. The module's only public door. */
export { EventBus, type EventListener, type MarqueeEvent } from './event-bus';
