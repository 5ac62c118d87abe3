import { Logger } from '@aws-lambda-powertools/logger';
import { placesContext, scanPlaces } from '@uii/aws/places-service';
import { now, today } from '@uii/domain';

const logger = new Logger({ serviceName: 'places-check' });

/**
 * PLACE-DECIDE / PLACE-REMARKS clocks, scheduled daily with `{ "time": <scheduled time> }`:
 * reads the PLACEDUE#<day> index partitions since the last run (never a table scan), queues
 * the grouped alerts (officer, head of the inspection on a missed PLACE-DECIDE, municipality
 * on remarks), and the reminders before agreed lists and agreements expire.
 */
export const handler = async (event: { time?: string; scheduledTime?: string }) => {
  const at = event.time ?? event.scheduledTime;
  const instant = at ? new Date(at) : now();
  const day = today(instant);
  const outcome = await scanPlaces(placesContext(), day, instant);
  logger.info('places check', {
    from: outcome.from,
    to: outcome.to,
    places: outcome.places,
    jobs: outcome.jobs.length,
  });
  return outcome;
};
