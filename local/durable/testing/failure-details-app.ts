import * as df from 'durable-functions';

/**
 * The app of failure-details.test.ts: an exception-properties provider changes how every activity error
 * travels, so it runs alone.
 */
df.app.setExceptionPropertiesProvider({
  getExceptionProperties: (err) => ({ code: (err as { code?: string }).code }),
});
df.app.activity('refuse', {
  handler: () => {
    throw Object.assign(new RangeError('quota exceeded'), { code: 'QUOTA' });
  },
});
df.app.orchestration('catches', function* (ctx) {
  try {
    yield ctx.df.callActivity('refuse');
  } catch (e) {
    const { name, message, failureDetails } = e as df.TaskFailedError;
    return { name, message, type: failureDetails.errorType, properties: failureDetails.properties };
  }
});
