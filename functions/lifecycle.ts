import { app } from '@azure/functions';
import { closeDeps } from './composition-root';

/**
 * Process shutdown (Azure's worker, and the local host's graceful stop, both run appTerminate hooks):
 * close the PDF renderer's Chromium so it does not outlive the worker.
 */
app.hook.appTerminate(() => closeDeps());
