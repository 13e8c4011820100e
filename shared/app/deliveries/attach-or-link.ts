/** Whether a message carries its file or a download link instead, and the sentence that tells the reader why. */
export interface AttachDecision {
  attach: boolean;
  /** Set when a wanted attachment became a link (too large for the channel). */
  note: string | null;
}

const megabytes = (bytes: number) =>
  Number.isFinite(bytes) ? `${(bytes / 1_048_576).toFixed(bytes < 1_048_576 ? 2 : 1)} MB` : 'unlimited';

/**
 * The one rule for attachments, used by real sends and by previews: the file is attached when the target
 * wants it and it fits the channel's limit; a file that does not fit is sent as a link, with a note.
 */
export function attachOrLink(
  wantsFile: boolean,
  file: { fileName: string; bytes: number } | undefined,
  maxAttachmentBytes: number,
): AttachDecision {
  if (!wantsFile || !file) return { attach: false, note: null };
  if (file.bytes <= maxAttachmentBytes) return { attach: true, note: null };
  return {
    attach: false,
    note:
      `The file ${file.fileName} (${megabytes(file.bytes)}) is larger than this channel carries ` +
      `(${megabytes(maxAttachmentBytes)}), so it is sent as a download link instead of an attachment.`,
  };
}
