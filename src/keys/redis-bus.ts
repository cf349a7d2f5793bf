// Resource changes (regenerated, renewed, deleted, re-tiered) told to every
// process through Redis pub/sub, so each drops its cached keys for that
// resource within milliseconds. This process's own caches hear a change at
// once, even when Redis is down; other processes then rely on the cache's TTL.
import { Redis } from 'ioredis';
import type { ResourceChangeBus } from './directory.ts';
import { redisClientOptions, type RedisLink } from '../limits/redis-connection.ts';

export class RedisChangeBus implements ResourceChangeBus {
  private listeners: Array<(resourceId: string) => void> = [];
  private resyncListeners: Array<() => void> = [];
  private subscriber: Redis;
  private subscribedOnce = false;

  constructor(url: string, private link: RedisLink, private channel: string) {
    // A subscriber may wait for messages indefinitely, so no command timeout applies to it.
    this.subscriber = new Redis(url, { ...redisClientOptions(), commandTimeout: undefined, enableOfflineQueue: true });
    this.subscriber.on('error', () => undefined);
    this.subscriber.on('message', (ch: string, resourceId: string) => {
      if (ch === this.channel) this.tell(resourceId);
    });
    // ioredis subscribes again on every reconnect; changes published while
    // this process was cut off were missed, so everything cached is dropped.
    this.subscriber.on('ready', () => {
      if (this.subscribedOnce) for (const l of this.resyncListeners) l();
      this.subscribedOnce = true;
    });
    this.subscriber.subscribe(this.channel).catch(() => undefined);
  }

  async publish(resourceId: string): Promise<void> {
    this.tell(resourceId);
    try {
      await this.link.answer(this.link.client.publish(this.channel, resourceId));
    } catch (err) {
      // The change itself is stored; other processes' caches expire within their TTL.
      this.link.markDown((err as Error).message);
    }
  }

  subscribe(listener: (resourceId: string) => void): void {
    this.listeners.push(listener);
  }

  /** Called after a reconnect, when changes may have been missed. */
  onResync(listener: () => void): void {
    this.resyncListeners.push(listener);
  }

  private tell(resourceId: string): void {
    for (const listener of this.listeners) listener(resourceId);
  }

  close(): void {
    this.subscriber.disconnect();
  }
}
