import type { Delivery } from '../../ports/delivery-channel';

/** Slack's own limits: header text 150 characters, section text 3000. */
const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/** `&`, `<` and `>` are Slack's control characters in mrkdwn; everything else is shown as written. */
const escapeMrkdwn = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * Block Kit for a delivery: a header with the subject, a section with the text, a button to the download
 * link. `text` is the notification / fallback text.
 */
export function slackMessage(delivery: Pick<Delivery, 'subject' | 'text' | 'downloadUrl'>) {
  return {
    text: clip(`${delivery.subject}: ${delivery.downloadUrl}`, 3000),
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: clip(delivery.subject, 150), emoji: false } },
      { type: 'section', text: { type: 'mrkdwn', text: clip(escapeMrkdwn(delivery.text), 3000) } },
      {
        type: 'actions',
        elements: [
          {
            type: 'button',
            text: { type: 'plain_text', text: 'Download' },
            url: delivery.downloadUrl,
            action_id: 'download',
          },
        ],
      },
    ],
  };
}
