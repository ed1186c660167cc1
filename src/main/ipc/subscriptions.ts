/**
 * Which window listens to which topic, for the event channel. Bounded per window so a misbehaving page
 * cannot grow main's memory; a window's subscriptions go when its webContents is destroyed.
 */
export const MAX_TOPICS_PER_SENDER = 64;

export class SubscriptionRegistry {
  private readonly bySender = new Map<number, Set<string>>();

  /** False when the sender already has the maximum number of topics (the subscription is refused). */
  add(senderId: number, topic: string): boolean {
    let topics = this.bySender.get(senderId);
    if (!topics) {
      topics = new Set();
      this.bySender.set(senderId, topics);
    }
    if (topics.has(topic)) return true;
    if (topics.size >= MAX_TOPICS_PER_SENDER) return false;
    topics.add(topic);
    return true;
  }

  remove(senderId: number, topic: string): void {
    const topics = this.bySender.get(senderId);
    if (!topics) return;
    topics.delete(topic);
    if (topics.size === 0) this.bySender.delete(senderId);
  }

  removeSender(senderId: number): void {
    this.bySender.delete(senderId);
  }

  hasSender(senderId: number): boolean {
    return this.bySender.has(senderId);
  }

  subscribersOf(topic: string): number[] {
    const ids: number[] = [];
    for (const [senderId, topics] of this.bySender) if (topics.has(topic)) ids.push(senderId);
    return ids;
  }

  topicsOf(senderId: number): string[] {
    return [...(this.bySender.get(senderId) ?? [])];
  }
}
