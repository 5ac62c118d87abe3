import { Logger } from '@aws-lambda-powertools/logger';
import { placesContext, scanPlaces } from '@uii/aws/places-service';
import { today } from '@uii/domain';

const logger = new Logger({ serviceName: 'places-check' });

/**
 * PLACE-DECIDE / PLACE-REMARKS clocks, scheduled daily with `{ "time": <scheduled time> }`:
 * reads the PLACEDUE#<day> index partitions since the last run (never a table scan), queues
 * the grouped alerts (officer, head of the inspection on a missed PLACE-DECIDE, municipality
 * on remarks), and the reminders before agreed lists and agreements expire.
 */
export const handler = async (event: { time?: string; scheduledTime?: string }) => {
  const at = event.time ?? event.scheduledTime;
  const day = today(at ? new Date(at) : undefined);
  const outcome = await scanPlaces(placesContext(), day);
  logger.info('places check', {
    from: outcome.from,
    to: outcome.to,
    places: outcome.places,
    jobs: outcome.jobs.length,
  });
  return outcome;
};
