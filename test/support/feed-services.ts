import type { FeedStore } from '@uii/aws/feed-store';

/** The two employment services the feed tests upload for (Tomsk region 70). */
export async function registerFeedServices(store: FeedStore): Promise<void> {
  await store.putService({
    id: 'tomsk-czn',
    name: 'ЦЗН Томска',
    regions: ['70'],
    contacts: ['czn@trud.example'],
    officers: ['officer@uii.example'],
  });
  await store.putService({
    id: 'seversk-czn',
    name: 'ЦЗН Северска',
    regions: ['70'],
    contacts: ['sev@trud.example'],
    officers: ['officer@uii.example'],
  });
}
