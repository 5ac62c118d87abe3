import { z } from 'zod';

// Officers, employment services and worksite staff read Russian: zod's own messages
// (wrong type, missing field, unknown option) come in Russian too. Our custom messages are
// bilingual where they are written by hand.
z.config(z.locales.ru());
