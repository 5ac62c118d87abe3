import { z } from 'zod';

// Officers, employment services and worksite staff read Russian: zod's own messages
// (wrong type, missing field, unknown option) come in Russian too. Our custom messages are
// bilingual where they are written by hand.
// A process-wide setting, so only entry points import this module (biome/architecture test).
z.config(z.locales.ru());
